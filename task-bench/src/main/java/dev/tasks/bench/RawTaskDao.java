package dev.tasks.bench;

import dev.tasks.core.NewTask;
import dev.tasks.core.SystemRelationship;
import dev.tasks.core.Task;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskIdGenerator;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.TenantId;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;

/**
 * The raw-JDBC baseline: the least SQL that hand-written code needs to do what the service does, on
 * the library's own schema, with the store's settings, statements prepared once per connection and
 * results mapped by hand (by column index) into the same {@link Task} record.
 *
 * <ul>
 *   <li><b>SQLite</b>: as {@code JdbiTaskStore.sqlite(...)} connects: WAL, {@code synchronous=NORMAL},
 *       {@code foreign_keys=ON}, a busy timeout of 5 s, no generated keys; one writer connection whose
 *       transactions begin {@code IMMEDIATE}, taken under a lock; four reader connections whose reads of
 *       several statements run in a {@code BEGIN DEFERRED} transaction (one snapshot).</li>
 *   <li><b>PostgreSQL</b>: a fixed set of connections, each taken by one call at a time; writes in a
 *       transaction at the server's default {@code READ COMMITTED} that the driver begins with its first
 *       statement, reads of several statements in a {@code REPEATABLE READ, READ ONLY} one, as the
 *       store does.</li>
 * </ul>
 *
 * <p>What each operation does (the benchmark's definition of "the same SQL work"):
 * <ul>
 *   <li>create: one transaction: the task row, its relationship rows ({@code $createdBy} and the
 *       request's) in one multi-row INSERT, its metadata rows in another;</li>
 *   <li>get: the task row joined to its relationship and metadata rows, in one statement (one snapshot,
 *       no transaction), put in order in Java as the store does;</li>
 *   <li>metadata patch / status change: read the task as get does, then one transaction: a
 *       compare-and-set {@code UPDATE} of the changed columns and the version, and (metadata) an upsert of
 *       the changed key; a lost compare-and-set is retried;</li>
 *   <li>list: the page's rows ({@link Shape#PAGE} + 1, to know whether a next page exists) in keyset
 *       order from a statement written for the shape, then the relationship and metadata rows of the
 *       page's tasks, one {@code IN} list each, in one read transaction; under a due-time sort, the tasks
 *       with a due time first, then (only if the page is not full) those without;</li>
 *   <li>count: one {@code SELECT count(*)} with the shape's conditions;</li>
 *   <li>bulk create: one transaction, the task rows, relationship rows and metadata rows each as one JDBC
 *       batch.</li>
 * </ul>
 */
final class RawTaskDao implements AutoCloseable {

    /** Which database. */
    enum Kind { SQLITE, POSTGRES }

    static final String COLUMNS = "id, tenant_id, title, description, status, due_at, completed_at, created_at, updated_at, "
            + "trashed_at, version, external_id";
    private static final String INSERT_TASK = "INSERT INTO tasks (id, tenant_id, title, description, status, assignee, due_at, "
            + "completed_at, created_at, updated_at, trashed_at, version, external_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_RELATIONSHIP =
            "INSERT INTO task_relationships (task_id, tenant_id, name, position, entity_id) VALUES (?, ?, ?, ?, ?)";
    private static final String INSERT_METADATA = "INSERT INTO task_metadata (task_id, tenant_id, key, value) VALUES (?, ?, ?, ?)";
    /** A task and its side rows in one statement: one snapshot without a transaction. */
    private static final String SELECT_ONE = "SELECT " + COLUMNS + ", s.kind, s.name, s.position, s.value FROM tasks LEFT JOIN ("
            + "SELECT 0 AS kind, task_id, name, position, entity_id AS value FROM task_relationships WHERE task_id = ? "
            + "UNION ALL SELECT 1, task_id, key, 0, value FROM task_metadata WHERE task_id = ?) s ON s.task_id = tasks.id "
            + "WHERE tasks.id = ? AND tasks.tenant_id = ?";
    private static final String UPSERT_METADATA = "INSERT INTO task_metadata (task_id, tenant_id, key, value) VALUES (?, ?, ?, ?) "
            + "ON CONFLICT (task_id, key) DO UPDATE SET value = excluded.value";
    private static final String UPDATE_VERSION = "UPDATE tasks SET updated_at = ?, version = ? WHERE tenant_id = ? AND id = ? AND version = ?";
    private static final String UPDATE_STATUS = "UPDATE tasks SET status = ?, completed_at = ?, updated_at = ?, version = ? "
            + "WHERE tenant_id = ? AND id = ? AND version = ?";
    private static final String CREATED_BY = SystemRelationship.CREATED_BY.relationshipName();
    private static final String ASSIGNED_TO = SystemRelationship.ASSIGNED_TO.relationshipName();

    private final Kind kind;
    /** SQLite only: the one writer, used under {@link #writeLock}. */
    private final RawConnection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    /** SQLite: the readers; PostgreSQL: every connection, for reads and writes. */
    private final BlockingQueue<RawConnection> pool;
    private final String readBegin;
    private final String writeBegin;
    private final TaskIdGenerator ids = TaskIdGenerator.timeOrdered(Clock.systemUTC());

    private RawTaskDao(Kind kind, RawConnection writer, List<RawConnection> connections) {
        this.kind = kind;
        this.writer = writer;
        this.pool = new ArrayBlockingQueue<>(connections.size(), false, connections);
        this.readBegin = kind == Kind.SQLITE ? "BEGIN DEFERRED" : "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";
        this.writeBegin = "BEGIN IMMEDIATE"; // SQLite; PostgreSQL writes: see driverTransaction
    }

    /** A baseline on a SQLite file the library has migrated, with the store's default settings. */
    static RawTaskDao sqlite(Path file) throws SQLException {
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        SQLiteConfig writerConfig = sqliteConfig();
        writerConfig.setJournalMode(SQLiteConfig.JournalMode.WAL);
        RawConnection writer = new RawConnection(writerConfig.createConnection(url));
        List<RawConnection> readers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            readers.add(new RawConnection(sqliteConfig().createConnection(url)));
        }
        return new RawTaskDao(Kind.SQLITE, writer, readers);
    }

    /** The settings {@code JdbiTaskStore.sqlite(file)} gives each of its connections. */
    static SQLiteConfig sqliteConfig() {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setGetGeneratedKeys(false);
        config.setBusyTimeout(5_000);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        return config;
    }

    /** A baseline on a PostgreSQL database the library has migrated, with {@code connections} connections. */
    static RawTaskDao postgres(DataSource dataSource, int connections) throws SQLException {
        List<RawConnection> all = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Connection c = dataSource.getConnection();
            c.setAutoCommit(true);
            all.add(new RawConnection(c));
        }
        try (java.sql.Statement s = all.get(0).connection().createStatement();
             ResultSet rs = s.executeQuery("SHOW default_transaction_isolation")) {
            if (!rs.next() || !"read committed".equals(rs.getString(1))) {
                throw new IllegalStateException("the raw baseline writes at the server's default isolation, which must be READ COMMITTED");
            }
        }
        return new RawTaskDao(Kind.POSTGRES, null, all);
    }

    // ------------------------------------------------------------------ transactions

    @FunctionalInterface
    interface Work<R> {
        R apply(RawConnection c) throws SQLException;
    }

    <R> R read(Work<R> work) throws SQLException {
        RawConnection c = borrow();
        try {
            return transaction(c, readBegin, work);
        } finally {
            pool.add(c);
        }
    }

    /** One statement, no transaction of its own (auto-commit), as the store's counts run. */
    <R> R readOnce(Work<R> work) throws SQLException {
        RawConnection c = borrow();
        try {
            return work.apply(c);
        } finally {
            pool.add(c);
        }
    }

    <R> R write(Work<R> work) throws SQLException {
        if (kind == Kind.SQLITE) {
            writeLock.lock();
            try {
                return transaction(writer, writeBegin, work);
            } finally {
                writeLock.unlock();
            }
        }
        RawConnection c = borrow();
        try {
            return driverTransaction(c, work);
        } finally {
            pool.add(c);
        }
    }

    /**
     * A PostgreSQL write at the server's default isolation (READ COMMITTED, checked when the baseline
     * connects), in a transaction that the driver begins with its first statement: no round trip of its
     * own for the BEGIN, as the store's writes run when the default is READ COMMITTED.
     */
    private static <R> R driverTransaction(RawConnection c, Work<R> work) throws SQLException {
        java.sql.Connection connection = c.connection();
        connection.setAutoCommit(false);
        try {
            R result = work.apply(c);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailed) {
                e.addSuppressed(rollbackFailed);
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private RawConnection borrow() throws SQLException {
        try {
            return pool.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a connection", e);
        }
    }

    private static <R> R transaction(RawConnection c, String begin, Work<R> work) throws SQLException {
        c.run(begin);
        try {
            R result = work.apply(c);
            c.run("COMMIT");
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            try {
                c.run("ROLLBACK");
            } catch (SQLException rollbackFailed) {
                e.addSuppressed(rollbackFailed);
            }
            throw e;
        }
    }

    // ------------------------------------------------------------------ writes

    /**
     * Creates a task from a request: the rows {@code TaskService.create} writes for it (a fresh
     * time-ordered id, now as creation and update time, version 1, {@code $createdBy} = the principal
     * unless the request names one).
     */
    TaskId create(String tenant, String principal, NewTask request) throws SQLException {
        TaskId id = ids.next();
        long now = Clock.systemUTC().millis();
        List<Object[]> relationships = relationshipRows(request, principal);
        write(c -> {
            PreparedStatement task = c.statement(INSERT_TASK);
            bindNewTask(task, id.value(), tenant, request, now);
            task.executeUpdate();
            PreparedStatement rel = c.statement(multiRow(INSERT_RELATIONSHIP, relationships.size()));
            int p = 1;
            for (Object[] row : relationships) {
                rel.setString(p++, id.value());
                rel.setString(p++, tenant);
                rel.setString(p++, (String) row[0]);
                rel.setInt(p++, (Integer) row[1]);
                rel.setString(p++, (String) row[2]);
            }
            rel.executeUpdate();
            if (!request.metadata().isEmpty()) {
                PreparedStatement meta = c.statement(multiRow(INSERT_METADATA, request.metadata().size()));
                p = 1;
                for (Map.Entry<String, String> e : request.metadata().entrySet()) {
                    meta.setString(p++, id.value());
                    meta.setString(p++, tenant);
                    meta.setString(p++, e.getKey());
                    meta.setString(p++, e.getValue());
                }
                meta.executeUpdate();
            }
            return null;
        });
        return id;
    }

    /** Creates many tasks in one transaction, each table's rows as one JDBC batch. */
    List<TaskId> createAll(String tenant, String principal, List<NewTask> requests) throws SQLException {
        List<TaskId> created = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            created.add(ids.next());
        }
        long now = Clock.systemUTC().millis();
        write(c -> {
            PreparedStatement task = c.statement(INSERT_TASK);
            PreparedStatement rel = c.statement(INSERT_RELATIONSHIP);
            PreparedStatement meta = c.statement(INSERT_METADATA);
            boolean anyMetadata = false;
            for (int i = 0; i < requests.size(); i++) {
                NewTask request = requests.get(i);
                String id = created.get(i).value();
                bindNewTask(task, id, tenant, request, now);
                task.addBatch();
                for (Object[] row : relationshipRows(request, principal)) {
                    rel.setString(1, id);
                    rel.setString(2, tenant);
                    rel.setString(3, (String) row[0]);
                    rel.setInt(4, (Integer) row[1]);
                    rel.setString(5, (String) row[2]);
                    rel.addBatch();
                }
                for (Map.Entry<String, String> e : request.metadata().entrySet()) {
                    meta.setString(1, id);
                    meta.setString(2, tenant);
                    meta.setString(3, e.getKey());
                    meta.setString(4, e.getValue());
                    meta.addBatch();
                    anyMetadata = true;
                }
            }
            task.executeBatch();
            rel.executeBatch();
            if (anyMetadata) {
                meta.executeBatch();
            }
            return null;
        });
        return created;
    }

    private void bindNewTask(PreparedStatement s, String id, String tenant, NewTask request, long now) throws SQLException {
        s.setString(1, id);
        s.setString(2, tenant);
        s.setString(3, request.title());
        setString(s, 4, request.description().orElse(null));
        s.setString(5, request.status().name());
        List<String> assignees = request.relationships().get(ASSIGNED_TO);
        setString(s, 6, assignees == null || assignees.isEmpty() ? null : assignees.get(0));
        setInstant(s, 7, request.dueAt().map(Instant::toEpochMilli).orElse(null));
        setInstant(s, 8, request.status() == TaskStatus.COMPLETE ? now : null);
        setInstant(s, 9, now);
        setInstant(s, 10, now);
        setInstant(s, 11, null);
        s.setLong(12, 1);
        setString(s, 13, request.externalId().orElse(null));
    }

    private static List<Object[]> relationshipRows(NewTask request, String principal) {
        List<Object[]> rows = new ArrayList<>(4);
        if (!request.relationships().containsKey(CREATED_BY)) {
            rows.add(new Object[] {CREATED_BY, 0, principal});
        }
        request.relationships().forEach((name, entityIds) -> {
            for (int i = 0; i < entityIds.size(); i++) {
                rows.add(new Object[] {name, i, entityIds.get(i)});
            }
        });
        return rows;
    }

    /** {@code INSERT … VALUES (…), (…), …} with {@code rows} tuples. */
    private static String multiRow(String insertOneRow, int rows) {
        if (rows == 1) {
            return insertOneRow;
        }
        int at = insertOneRow.indexOf("VALUES ") + "VALUES ".length();
        String tuple = insertOneRow.substring(at);
        StringBuilder sql = new StringBuilder(insertOneRow);
        for (int i = 1; i < rows; i++) {
            sql.append(", ").append(tuple);
        }
        return sql.toString();
    }

    /** Sets one metadata key: the task read, then a compare-and-set of its version and an upsert of the key. */
    Task putMetadata(String tenant, TaskId id, String key, String value) throws SQLException {
        while (true) {
            Task current = get(tenant, id).orElseThrow(() -> new IllegalStateException("no task " + id));
            long now = Math.max(Clock.systemUTC().millis(), current.updatedAt().toEpochMilli());
            long version = current.version() + 1;
            boolean written = write(c -> {
                PreparedStatement update = c.statement(UPDATE_VERSION);
                setInstant(update, 1, now);
                update.setLong(2, version);
                update.setString(3, tenant);
                update.setString(4, id.value());
                update.setLong(5, current.version());
                if (update.executeUpdate() == 0) {
                    return false;
                }
                PreparedStatement upsert = c.statement(UPSERT_METADATA);
                upsert.setString(1, id.value());
                upsert.setString(2, tenant);
                upsert.setString(3, key);
                upsert.setString(4, value);
                upsert.executeUpdate();
                return true;
            });
            if (written) {
                Map<String, String> metadata = new HashMap<>(current.metadata());
                metadata.put(key, value);
                return new Task(current.id(), current.tenantId(), current.title(), current.description(), current.status(),
                        current.dueAt(), current.completedAt(), current.createdAt(), Instant.ofEpochMilli(now),
                        current.trashedAt(), version, current.externalId(), metadata, current.relationships());
            }
        }
    }

    /** Changes the status: the task read, then a compare-and-set of status, completion time and version. */
    Task changeStatus(String tenant, TaskId id, TaskStatus status) throws SQLException {
        while (true) {
            Task current = get(tenant, id).orElseThrow(() -> new IllegalStateException("no task " + id));
            if (current.status() == status) {
                return current;
            }
            long now = Math.max(Clock.systemUTC().millis(), current.updatedAt().toEpochMilli());
            long version = current.version() + 1;
            Long completed = status == TaskStatus.COMPLETE ? Long.valueOf(now) : null;
            boolean written = write(c -> {
                PreparedStatement update = c.statement(UPDATE_STATUS);
                update.setString(1, status.name());
                setInstant(update, 2, completed);
                setInstant(update, 3, now);
                update.setLong(4, version);
                update.setString(5, tenant);
                update.setString(6, id.value());
                update.setLong(7, current.version());
                return update.executeUpdate() > 0;
            });
            if (written) {
                return new Task(current.id(), current.tenantId(), current.title(), current.description(), status,
                        current.dueAt(), Optional.ofNullable(completed).map(Instant::ofEpochMilli), current.createdAt(),
                        Instant.ofEpochMilli(now), current.trashedAt(), version, current.externalId(), current.metadata(),
                        current.relationships());
            }
        }
    }

    // ------------------------------------------------------------------ reads

    /** Reads a task and its side rows in one statement. */
    Optional<Task> get(String tenant, TaskId id) throws SQLException {
        return readOnce(c -> {
            PreparedStatement select = c.statement(SELECT_ONE);
            select.setString(1, id.value());
            select.setString(2, id.value());
            select.setString(3, id.value());
            select.setString(4, tenant);
            Row row = null;
            Map<String, TreeMap<Integer, String>> byPosition = new HashMap<>();
            Map<String, String> metadata = new HashMap<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    if (row == null) {
                        row = row(rs);
                    }
                    String name = rs.getString(14);
                    if (name == null) {
                        continue;
                    }
                    if (rs.getInt(13) == 0) {
                        byPosition.computeIfAbsent(name, k -> new TreeMap<>()).put(rs.getInt(15), rs.getString(16));
                    } else {
                        metadata.put(name, rs.getString(16));
                    }
                }
            }
            if (row == null) {
                return Optional.<Task>empty();
            }
            Map<String, List<String>> relationships = new HashMap<>();
            byPosition.forEach((name, ids) -> relationships.put(name, new ArrayList<>(ids.values())));
            return Optional.of(row.toTask(Map.of(row.id, relationships), Map.of(row.id, metadata)));
        });
    }

    /** A page of a list: up to {@code limit} tasks after {@code after} (or from the start). */
    List<Task> list(RawQuery query, RawQuery.Position after, int limit) throws SQLException {
        return read(c -> {
            List<Row> rows = new ArrayList<>(limit);
            if (!query.dueSort()) {
                readRows(c, query, after == null ? query.first() : query.after(), after, false, limit, rows);
            } else {
                boolean afterWithoutDue = after != null && after.value() == null;
                if (!afterWithoutDue) {
                    readRows(c, query, after == null ? query.first() : query.after(), after, false, limit, rows);
                }
                if (rows.size() < limit) {
                    readRows(c, query, afterWithoutDue ? query.withoutDueAfter() : query.withoutDue(),
                            afterWithoutDue ? after : null, true, limit - rows.size(), rows);
                }
            }
            return withSideRows(c, rows);
        });
    }

    private void readRows(RawConnection c, RawQuery query, String sql, RawQuery.Position after, boolean idOnly, int limit,
                          List<Row> into) throws SQLException {
        PreparedStatement s = c.statement(sql);
        int p = query.bindFilter(s, 1);
        if (after != null) {
            if (!idOnly) {
                setInstant(s, p++, after.value().toEpochMilli());
            }
            s.setString(p++, after.id());
        }
        s.setInt(p, limit);
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                into.add(row(rs));
            }
        }
    }

    /** Counts the tasks of a shape. */
    long count(RawQuery query) throws SQLException {
        return readOnce(c -> {
            PreparedStatement s = c.statement(query.count());
            query.bindFilter(s, 1);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** The position of the task at {@code offset} of a shape's order, for a deep page: one OFFSET query. */
    RawQuery.Position positionAt(RawQuery query, int offset) throws SQLException {
        List<Task> page = read(c -> {
            List<Row> rows = new ArrayList<>();
            PreparedStatement s = c.connection().prepareStatement(query.offsetQuery());
            try (s) {
                int p = query.bindFilter(s, 1);
                s.setInt(p++, 1);
                s.setInt(p, offset);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row(rs));
                    }
                }
            }
            return withSideRows(c, rows);
        });
        return page.isEmpty() ? null : RawQuery.Position.of(page.get(0), query.dueSort());
    }

    private List<Task> withSideRows(RawConnection c, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        String in = inList(rows.size());
        Map<String, Map<String, List<String>>> relationships = new HashMap<>();
        PreparedStatement rel = c.statement("SELECT task_id, name, entity_id FROM task_relationships WHERE task_id IN " + in
                + " ORDER BY task_id, name, position");
        for (int i = 0; i < rows.size(); i++) {
            rel.setString(i + 1, rows.get(i).id);
        }
        readRelationships(rel, relationships);
        Map<String, Map<String, String>> metadata = new HashMap<>();
        PreparedStatement meta = c.statement("SELECT task_id, key, value FROM task_metadata WHERE task_id IN " + in);
        for (int i = 0; i < rows.size(); i++) {
            meta.setString(i + 1, rows.get(i).id);
        }
        readMetadata(meta, metadata);
        List<Task> tasks = new ArrayList<>(rows.size());
        for (Row row : rows) {
            tasks.add(row.toTask(relationships, metadata));
        }
        return tasks;
    }

    private static String inList(int n) {
        StringBuilder b = new StringBuilder(3 * n + 2).append('(');
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "?" : ", ?");
        }
        return b.append(')').toString();
    }

    private static void readRelationships(PreparedStatement s, Map<String, Map<String, List<String>>> into) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                into.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                        .computeIfAbsent(rs.getString(2), k -> new ArrayList<>(1))
                        .add(rs.getString(3));
            }
        }
    }

    private static void readMetadata(PreparedStatement s, Map<String, Map<String, String>> into) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                into.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
            }
        }
    }

    // ------------------------------------------------------------------ mapping

    /** A task row, before its side rows are read. */
    private static final class Row {
        String id;
        String tenant;
        String title;
        String description;
        TaskStatus status;
        Instant due;
        Instant completed;
        Instant created;
        Instant updated;
        Instant trashed;
        long version;
        String externalId;

        Task toTask(Map<String, Map<String, List<String>>> relationships, Map<String, Map<String, String>> metadata) {
            Map<String, List<String>> rel = relationships.get(id);
            Map<String, String> meta = metadata.get(id);
            return new Task(new TaskId(id), new TenantId(tenant), title, Optional.ofNullable(description), status,
                    Optional.ofNullable(due), Optional.ofNullable(completed), created, updated, Optional.ofNullable(trashed),
                    version, Optional.ofNullable(externalId), meta == null ? Map.of() : meta, rel == null ? Map.of() : rel);
        }
    }

    private Row row(ResultSet rs) throws SQLException {
        Row row = new Row();
        row.id = rs.getString(1);
        row.tenant = rs.getString(2);
        row.title = rs.getString(3);
        row.description = rs.getString(4);
        row.status = TaskStatus.valueOf(rs.getString(5));
        row.due = instant(rs, 6);
        row.completed = instant(rs, 7);
        row.created = instant(rs, 8);
        row.updated = instant(rs, 9);
        row.trashed = instant(rs, 10);
        row.version = rs.getLong(11);
        row.externalId = rs.getString(12);
        return row;
    }

    private Instant instant(ResultSet rs, int column) throws SQLException {
        if (kind == Kind.SQLITE) {
            long millis = rs.getLong(column);
            return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
        }
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Binds epoch milliseconds (or NULL) as the schema stores instants. */
    void setInstant(PreparedStatement s, int position, Long millis) throws SQLException {
        setInstant(kind, s, position, millis);
    }

    static void setInstant(Kind kind, PreparedStatement s, int position, Long millis) throws SQLException {
        if (kind == Kind.SQLITE) {
            if (millis == null) {
                s.setNull(position, Types.BIGINT);
            } else {
                s.setLong(position, millis);
            }
        } else if (millis == null) {
            s.setNull(position, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            s.setObject(position, OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC));
        }
    }

    private static void setString(PreparedStatement s, int position, String value) throws SQLException {
        if (value == null) {
            s.setNull(position, Types.VARCHAR);
        } else {
            s.setString(position, value);
        }
    }

    Kind kind() {
        return kind;
    }

    // ------------------------------------------------------------------ loading data sets

    /**
     * Inserts fully made tasks (a data set's) in one transaction on the given connection, each table's
     * rows as one JDBC batch: how the data sets are built fast.
     */
    static void insertTasks(Kind kind, Connection c, List<Task> tasks) throws SQLException {
        try (PreparedStatement task = c.prepareStatement(INSERT_TASK);
             PreparedStatement rel = c.prepareStatement(INSERT_RELATIONSHIP);
             PreparedStatement meta = c.prepareStatement(INSERT_METADATA)) {
            for (Task t : tasks) {
                String id = t.id().value();
                String tenant = t.tenantId().value();
                task.setString(1, id);
                task.setString(2, tenant);
                task.setString(3, t.title());
                setString(task, 4, t.description().orElse(null));
                task.setString(5, t.status().name());
                setString(task, 6, t.assignee().orElse(null));
                setInstant(kind, task, 7, t.dueAt().map(Instant::toEpochMilli).orElse(null));
                setInstant(kind, task, 8, t.completedAt().map(Instant::toEpochMilli).orElse(null));
                setInstant(kind, task, 9, t.createdAt().toEpochMilli());
                setInstant(kind, task, 10, t.updatedAt().toEpochMilli());
                setInstant(kind, task, 11, t.trashedAt().map(Instant::toEpochMilli).orElse(null));
                task.setLong(12, t.version());
                setString(task, 13, t.externalId().orElse(null));
                task.addBatch();
                for (Map.Entry<String, List<String>> e : t.relationships().entrySet()) {
                    for (int i = 0; i < e.getValue().size(); i++) {
                        rel.setString(1, id);
                        rel.setString(2, tenant);
                        rel.setString(3, e.getKey());
                        rel.setInt(4, i);
                        rel.setString(5, e.getValue().get(i));
                        rel.addBatch();
                    }
                }
                for (Map.Entry<String, String> e : t.metadata().entrySet()) {
                    meta.setString(1, id);
                    meta.setString(2, tenant);
                    meta.setString(3, e.getKey());
                    meta.setString(4, e.getValue());
                    meta.addBatch();
                }
            }
            task.executeBatch();
            rel.executeBatch();
            meta.executeBatch();
        }
    }

    @Override
    public void close() {
        if (writer != null) {
            writer.close();
        }
        List<RawConnection> all = new ArrayList<>();
        pool.drainTo(all);
        all.forEach(RawConnection::close);
    }
}
