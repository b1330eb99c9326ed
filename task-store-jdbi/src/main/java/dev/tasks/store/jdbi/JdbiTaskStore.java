package dev.tasks.store.jdbi;

import dev.tasks.core.RelatedTo;
import dev.tasks.core.SortDirection;
import dev.tasks.core.SortField;
import dev.tasks.core.SortPosition;
import dev.tasks.core.SystemRelationship;
import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskSort;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.TenantId;
import dev.tasks.core.store.DuplicateExternalIdException;
import dev.tasks.core.store.DuplicateIdempotencyKeyException;
import dev.tasks.core.store.DuplicateTaskIdException;
import dev.tasks.core.store.IdempotencyOperation;
import dev.tasks.core.store.IdempotencyRecord;
import dev.tasks.core.store.PageRequest;
import dev.tasks.core.store.TaskStore;
import dev.tasks.core.store.TaskStoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * A {@link TaskStore} on JDBI 3, for SQLite and PostgreSQL: one code base, the dialect detected from the
 * connection.
 *
 * <h2>Construction</h2>
 * <pre>{@code
 * // SQLite, the embedded default: a file (created with its parent directories), in WAL mode.
 * try (JdbiTaskStore store = JdbiTaskStore.sqlite(Path.of("data/tasks.db"))) { ... }
 *
 * // SQLite with options.
 * JdbiTaskStore store = JdbiTaskStore.sqlite(file, SqliteOptions.builder()
 *         .synchronous(SqliteOptions.Synchronous.FULL).build());
 *
 * // PostgreSQL (or SQLite) through the application's pool or Jdbi.
 * JdbiTaskStore store = JdbiTaskStore.create(dataSource);
 * JdbiTaskStore store = JdbiTaskStore.create(jdbi, Migrations.VERIFY);
 * }</pre>
 *
 * <p>Every factory applies the missing schema migrations before it returns, unless told
 * {@link Migrations#VERIFY} (then it checks the recorded schema version). The store is safe for use by
 * many threads at once, and by several stores or processes on the same database. {@link #close()}
 * closes what the store opened itself (the connections of {@link #sqlite(Path)}), never the caller's
 * {@link DataSource} or {@link Jdbi}.
 *
 * <h2>How it stores</h2>
 * <ul>
 *   <li>Tasks in the table {@code tasks}, with every filtered field a column (the {@code $assignedTo} id
 *       denormalized into {@code assignee}); relationships in {@code task_relationships} and metadata in
 *       {@code task_metadata}, whose rows go with their task ({@code ON DELETE CASCADE}); idempotency
 *       records in {@code task_idempotency_records}. Instants are epoch milliseconds on SQLite and
 *       {@code timestamptz} on PostgreSQL, years 1 to 9999 exact.</li>
 *   <li>Every write is one transaction: the task row, its side rows and its idempotency record, or
 *       nothing. An update is a compare-and-set on {@code version}. A clash on a unique index becomes
 *       {@link DuplicateTaskIdException}, {@link DuplicateExternalIdException} or
 *       {@link DuplicateIdempotencyKeyException}; any other failure a {@link TaskStoreException} whose
 *       message says which operation failed and nothing of SQL or of the driver (the cause keeps the
 *       details for logs).</li>
 *   <li>Lists are keyset or offset pages in the exact order of {@link TaskSort}, each filter and sort
 *       answered from an index. Values only ever travel as bound parameters.</li>
 * </ul>
 */
public final class JdbiTaskStore implements TaskStore, AutoCloseable {

    /** The schema version this store needs: the number of the last migration script. */
    public static final int SCHEMA_VERSION = 1;

    private static final String ASSIGNED_TO = SystemRelationship.ASSIGNED_TO.relationshipName();
    private static final String COLUMNS = "tasks.id, tasks.tenant_id, tasks.title, tasks.description, tasks.status, "
            + "tasks.due_at, tasks.completed_at, tasks.created_at, tasks.updated_at, tasks.trashed_at, tasks.version, "
            + "tasks.external_id";
    /** Rows per multi-row INSERT, and ids per IN list: well below every driver's parameter limit. */
    private static final int CHUNK = 200;

    private final Database database;
    private final SqlDialect dialect;

    private JdbiTaskStore(Database database) {
        this.database = database;
        this.dialect = database.dialect();
    }

    // ------------------------------------------------------------------ construction

    /**
     * Opens (or creates) a SQLite task store in a file, with the default {@link SqliteOptions}:
     * {@code synchronous=NORMAL}, a busy timeout of 5 seconds, 4 reader connections, migrations applied.
     *
     * @param file the database file; it and its parent directories are created if missing
     * @return the store, ready; close it to close its connections
     * @throws TaskStoreException if the file cannot be created, opened or migrated
     */
    public static JdbiTaskStore sqlite(Path file) {
        return sqlite(file, SqliteOptions.defaults());
    }

    /**
     * Opens (or creates) a SQLite task store in a file: WAL mode, {@code foreign_keys=ON}, one writer
     * connection whose transactions begin {@code IMMEDIATE}, and up to
     * {@link SqliteOptions#readPoolSize()} reader connections.
     *
     * @param file the database file; it and its parent directories are created if missing
     * @param options the synchronous mode, busy timeout, reader pool size and migration mode
     * @return the store, ready; close it to close its connections
     * @throws TaskStoreException if the file cannot be created, opened or migrated
     * @throws IllegalStateException under {@link Migrations#VERIFY}, if the file's schema is missing or older
     *     than {@link #SCHEMA_VERSION}
     */
    public static JdbiTaskStore sqlite(Path file, SqliteOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        Path absolute = file.toAbsolutePath();
        try {
            Path parent = absolute.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new TaskStoreException("the task store failed to create the directories of " + absolute, e);
        }
        SqliteConnections connections;
        try {
            connections = new SqliteConnections(absolute, options);
        } catch (SQLException e) {
            throw new TaskStoreException("the task store failed to open " + absolute, e);
        }
        try {
            Jdbi readers = Jdbi.create(connections.readerFactory()).setStatementBuilderFactory(connections.statements());
            Jdbi writers = Jdbi.create(connections.writerFactory()).setStatementBuilderFactory(connections.statements());
            JdbiTaskStore store = start(new Database(SqlDialect.SQLITE, readers, writers, connections), options.migrations());
            store.database.optimizeNow();
            return store;
        } catch (RuntimeException | Error e) {
            connections.close();
            throw e;
        }
    }

    /**
     * A task store on a {@link DataSource} (a connection pool, typically), applying the missing
     * migrations.
     *
     * @param dataSource where connections come from; the store neither configures nor closes it
     * @return the store, ready
     * @throws IllegalArgumentException if the database is neither SQLite nor PostgreSQL (the message
     *     names the product)
     * @throws TaskStoreException if the database cannot be reached or migrated
     * @see #create(Jdbi, Migrations)
     */
    public static JdbiTaskStore create(DataSource dataSource) {
        return create(dataSource, Migrations.APPLY);
    }

    /**
     * A task store on a {@link DataSource} (a connection pool, typically).
     *
     * @param dataSource where connections come from; the store neither configures nor closes it
     * @param migrations whether the store applies the missing migrations or only checks the schema's version
     * @return the store, ready
     * @throws IllegalArgumentException if the database is neither SQLite nor PostgreSQL (the message
     *     names the product)
     * @throws TaskStoreException if the database cannot be reached or migrated
     * @throws IllegalStateException under {@link Migrations#VERIFY}, if the schema is missing or older
     *     than {@link #SCHEMA_VERSION}
     * @see #create(Jdbi, Migrations)
     */
    public static JdbiTaskStore create(DataSource dataSource, Migrations migrations) {
        Objects.requireNonNull(dataSource, "dataSource");
        return create(Jdbi.create(dataSource), migrations);
    }

    /**
     * A task store on the application's {@link Jdbi}, applying the missing migrations.
     *
     * @param jdbi the application's Jdbi; the store uses its connections and its configuration
     * @return the store, ready
     * @throws IllegalArgumentException if the database is neither SQLite nor PostgreSQL (the message
     *     names the product)
     * @throws TaskStoreException if the database cannot be reached or migrated
     * @see #create(Jdbi, Migrations)
     */
    public static JdbiTaskStore create(Jdbi jdbi) {
        return create(jdbi, Migrations.APPLY);
    }

    /**
     * A task store on the application's {@link Jdbi}. The dialect is detected from the connection's
     * {@link java.sql.DatabaseMetaData#getDatabaseProductName() product name}.
     *
     * <p>On PostgreSQL, writes run at {@code READ COMMITTED} and multi-statement reads at
     * {@code REPEATABLE READ}, whatever the level the pool's connections start at, provided it is the
     * same for all of them and does not change while the store is open: the store reads it once, when
     * it opens ({@code default_transaction_isolation}, on a connection of the pool), and if it is
     * {@code READ COMMITTED} its writes do not send it again (one round trip less per write). A pool
     * whose connections start at different levels, or whose level changes later, should have them all
     * start at {@code READ COMMITTED}, the server's default: otherwise a write could run at a stricter
     * level, where a lost compare-and-set fails as a storage failure instead of being retried. On SQLite, the store takes its writes through
     * one lock and begins them {@code IMMEDIATE}, and turns {@code foreign_keys} on for them; the
     * journal mode, {@code busy_timeout} and {@code synchronous} are the connection's own: configure
     * WAL and a busy timeout on the data source, or use {@link #sqlite(Path, SqliteOptions)}, which does.
     * Switch a new file to WAL once, with one connection, before many open at once: SQLite answers
     * {@code SQLITE_BUSY} to connections that race to switch it, without waiting out the busy timeout.
     *
     * @param jdbi the application's Jdbi; the store uses its connections and its configuration
     * @param migrations whether the store applies the missing migrations or only checks the schema's version
     * @return the store, ready
     * @throws IllegalArgumentException if the database is neither SQLite nor PostgreSQL (the message
     *     names the product)
     * @throws TaskStoreException if the database cannot be reached or migrated
     * @throws IllegalStateException under {@link Migrations#VERIFY}, if the schema is missing or older
     *     than {@link #SCHEMA_VERSION}
     */
    public static JdbiTaskStore create(Jdbi jdbi, Migrations migrations) {
        Objects.requireNonNull(jdbi, "jdbi");
        Objects.requireNonNull(migrations, "migrations");
        String product;
        try (Handle handle = jdbi.open()) {
            product = handle.getConnection().getMetaData().getDatabaseProductName();
        } catch (JdbiException | SQLException e) {
            throw new TaskStoreException("the task store failed to connect to its database", e);
        }
        Dialect dialect = Dialect.ofProductName(product).orElseThrow(() -> new IllegalArgumentException(
                "JdbiTaskStore supports SQLite and PostgreSQL, not the database product '" + product + "'"));
        return start(new Database(SqlDialect.of(dialect), jdbi, jdbi, null), migrations);
    }

    private static JdbiTaskStore start(Database database, Migrations migrations) {
        try {
            if (migrations == Migrations.APPLY) {
                Migrator.migrate(database);
            } else {
                Migrator.verify(database);
            }
            database.learnWriteIsolation();
        } catch (JdbiException | Database.UncheckedSqlException e) {
            throw new TaskStoreException("the task store failed to set up its schema", e);
        }
        return new JdbiTaskStore(database);
    }

    /** The database access, for the tests of this package. */
    Database database() {
        return database;
    }

    /**
     * The database this store works on.
     *
     * @return {@link Dialect#SQLITE} or {@link Dialect#POSTGRESQL}
     */
    public Dialect dialect() {
        return dialect.dialect();
    }

    /**
     * Closes the connections the store opened itself (those of {@link #sqlite(Path)}), after a write in
     * progress ends; a store made on the caller's {@link DataSource} or {@link Jdbi} has none, and
     * closing it does nothing. Calls after closing fail with a {@link TaskStoreException}.
     */
    @Override
    public void close() {
        database.close();
    }

    // ------------------------------------------------------------------ writes

    /**
     * {@inheritDoc}
     *
     * <p>The task row, its relationship and metadata rows and the idempotency record are written in one
     * transaction; the primary key and unique indexes check the id, then the external id, then the key.
     *
     * @throws IllegalArgumentException if the idempotency record belongs to another tenant than the task
     */
    @Override
    public void insert(Task task, Optional<IdempotencyRecord> idempotency) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(idempotency, "idempotency");
        idempotency.ifPresent(r -> requireSameTenant(r, task));
        try {
            database.write(handle -> {
                insertTaskRowIdFirst(handle, task);
                insertSideRows(handle, task);
                idempotency.ifPresent(r -> putRecord(handle, r));
                return null;
            });
        } catch (RuntimeException e) {
            throw failure(e, "insert a task", task, idempotency.orElse(null));
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>One transaction: the task rows, 100 per {@code INSERT}, then the side rows of all the tasks, 200
     * per {@code INSERT}; a few round trips for a whole batch. A clash rolls everything back; the tasks
     * are then inserted one at a time, in a new transaction, so that the one that clashed is named (and
     * again nothing is written).
     */
    @Override
    public void insertAll(List<Task> tasks) {
        List<Task> all = List.copyOf(Objects.requireNonNull(tasks, "tasks"));
        if (all.isEmpty()) {
            return;
        }
        // First every row in a few multi-row statements: a handful of round trips for the whole batch.
        try {
            database.write(handle -> {
                insertBatched(handle, all);
                return null;
            });
            return;
        } catch (RuntimeException e) {
            SQLException cause = sqlException(e);
            if (cause == null || dialect.clashOf(cause) == Clash.NONE) {
                throw failure(e, "insert tasks", null, null);
            }
            // An id or external id is taken (the batch was rolled back whole): one task at a time names it.
        }
        try {
            database.write(handle -> {
                for (Task task : all) {
                    try {
                        insertTaskRowIdFirst(handle, task);
                        insertSideRows(handle, task);
                    } catch (RuntimeException e) {
                        throw failure(e, "insert tasks", task, null);
                    }
                }
                return null;
            });
        } catch (RuntimeException e) {
            throw failure(e, "insert tasks", null, null);
        }
    }

    /** The most task rows per INSERT of a batch: 13 parameters each, far below both databases' limits. */
    private static final int TASK_ROWS = 100;

    /** Inserts the tasks and their side rows, many rows per statement, across tasks. */
    private void insertBatched(Handle handle, List<Task> tasks) {
        for (int from = 0; from < tasks.size(); from += TASK_ROWS) {
            Sql sql = new Sql(dialect).sql("INSERT INTO tasks (" + TASK_COLUMNS + ") VALUES ");
            for (int i = from; i < Math.min(from + TASK_ROWS, tasks.size()); i++) {
                Task task = tasks.get(i);
                taskValues(sql.sql(i == from ? "(" : ", ("), task);
            }
            sql.execute(handle);
        }
        List<Object[]> relationships = new ArrayList<>();
        List<String[]> metadata = new ArrayList<>();
        for (Task task : tasks) {
            String id = task.id().value();
            String tenant = task.tenantId().value();
            task.relationships().forEach((name, ids) -> {
                for (int position = 0; position < ids.size(); position++) {
                    relationships.add(new Object[] {id, tenant, name, position, ids.get(position)});
                }
            });
            task.metadata().forEach((key, value) -> metadata.add(new String[] {id, tenant, key, value}));
        }
        for (int from = 0; from < relationships.size(); from += CHUNK) {
            Sql sql = new Sql(dialect).sql("INSERT INTO task_relationships (task_id, tenant_id, name, position, entity_id) VALUES ");
            for (int i = from; i < Math.min(from + CHUNK, relationships.size()); i++) {
                Object[] row = relationships.get(i);
                sql.sql(i == from ? "(" : ", (").string((String) row[0]).sql(", ").string((String) row[1]).sql(", ")
                        .string((String) row[2]).sql(", ").number((Integer) row[3]).sql(", ").string((String) row[4]).sql(")");
            }
            sql.execute(handle);
        }
        for (int from = 0; from < metadata.size(); from += CHUNK) {
            Sql sql = new Sql(dialect).sql("INSERT INTO task_metadata (task_id, tenant_id, key, value) VALUES ");
            for (int i = from; i < Math.min(from + CHUNK, metadata.size()); i++) {
                String[] row = metadata.get(i);
                sql.sql(i == from ? "(" : ", (").string(row[0]).sql(", ").string(row[1]).sql(", ").string(row[2]).sql(", ")
                        .string(row[3]).sql(")");
            }
            sql.execute(handle);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>In one transaction: the stored task is read if it has the expected version (none answers false
     * and writes nothing); then {@code UPDATE … SET version = ?, <the columns that changed> WHERE tenant_id
     * = ? AND id = ? AND version = ?} (no row updated answers false), the side rows that changed, and the
     * idempotency record. Writing only what changed keeps the indexes of unchanged columns and the
     * unchanged side rows untouched: a metadata patch costs a fraction of rewriting the task.
     *
     * @throws IllegalArgumentException if the idempotency record belongs to another tenant than the task
     */
    @Override
    public boolean update(Task task, long expectedVersion, Optional<IdempotencyRecord> idempotency) {
        Objects.requireNonNull(task, "task");
        return update(null, task, expectedVersion, idempotency);
    }

    /**
     * {@inheritDoc}
     *
     * <p>As {@link #update(Task, long, Optional)}, without reading the stored task first: what differs
     * between {@code previous} and {@code next} is written, under the same compare-and-set on the version.
     *
     * @throws IllegalArgumentException if the idempotency record belongs to another tenant than the task,
     *     or {@code previous} and {@code next} are not of one task
     */
    @Override
    public boolean update(Task previous, Task next, Optional<IdempotencyRecord> idempotency) {
        TaskStore.requireSameTask(previous, next);
        return update(previous, next, previous.version(), idempotency);
    }

    /** Writes what changed from {@code known} (the stored task at {@code expectedVersion}; read first if null) to {@code task}. */
    private boolean update(Task known, Task task, long expectedVersion, Optional<IdempotencyRecord> idempotency) {
        Objects.requireNonNull(idempotency, "idempotency");
        idempotency.ifPresent(r -> requireSameTenant(r, task));
        try {
            return database.write(handle -> {
                // What changed is written, and only that, so an index is rewritten only when one of its
                // columns changes. Without the caller's copy, the stored task is read if it still has the
                // expected version.
                Task old = known;
                if (old == null) {
                    List<Task> stored = withSideRows(handle, rows(handle, new Sql(dialect).sql("SELECT " + COLUMNS
                                    + " FROM tasks WHERE tasks.tenant_id = ").string(task.tenantId().value())
                            .sql(" AND tasks.id = ").string(task.id().value())
                            .sql(" AND tasks.version = ").number(expectedVersion)));
                    if (stored.isEmpty()) {
                        return false;
                    }
                    old = stored.get(0);
                }
                Sql sql = new Sql(dialect).sql("UPDATE tasks SET version = ").number(task.version());
                if (!old.title().equals(task.title())) {
                    sql.sql(", title = ").string(task.title());
                }
                if (!old.description().equals(task.description())) {
                    sql.sql(", description = ").string(task.description().orElse(null));
                }
                if (old.status() != task.status()) {
                    sql.sql(", status = ").string(task.status().name());
                }
                if (!old.assignee().equals(task.assignee())) {
                    sql.sql(", assignee = ").string(task.assignee().orElse(null));
                }
                if (!old.dueAt().equals(task.dueAt())) {
                    sql.sql(", due_at = ").instant(task.dueAt().orElse(null));
                }
                if (!old.completedAt().equals(task.completedAt())) {
                    sql.sql(", completed_at = ").instant(task.completedAt().orElse(null));
                }
                if (!old.createdAt().equals(task.createdAt())) {
                    sql.sql(", created_at = ").instant(task.createdAt());
                }
                if (!old.updatedAt().equals(task.updatedAt())) {
                    sql.sql(", updated_at = ").instant(task.updatedAt());
                }
                if (!old.trashedAt().equals(task.trashedAt())) {
                    sql.sql(", trashed_at = ").instant(task.trashedAt().orElse(null));
                }
                if (!old.externalId().equals(task.externalId())) {
                    sql.sql(", external_id = ").string(task.externalId().orElse(null));
                }
                // The compare-and-set: the version may have moved since the caller's read (or, on
                // PostgreSQL, since the read above; READ COMMITTED re-checks the condition on the newest row).
                sql.sql(" WHERE tenant_id = ").string(task.tenantId().value())
                        .sql(" AND id = ").string(task.id().value())
                        .sql(" AND version = ").number(expectedVersion);
                if (sql.execute(handle) == 0) {
                    return false;
                }
                updateSideRows(handle, old, task);
                idempotency.ifPresent(r -> putRecord(handle, r));
                return true;
            });
        } catch (RuntimeException e) {
            throw failure(e, "update a task", task, idempotency.orElse(null));
        }
    }

    /** {@inheritDoc} */
    @Override
    public void putIdempotencyRecord(IdempotencyRecord idempotency) {
        Objects.requireNonNull(idempotency, "idempotency");
        try {
            database.write(handle -> {
                putRecord(handle, idempotency);
                return null;
            });
        } catch (RuntimeException e) {
            throw failure(e, "store an idempotency record", null, idempotency);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The task's relationship and metadata rows go with it ({@code ON DELETE CASCADE}).
     */
    @Override
    public boolean delete(TenantId tenant, TaskId id, long expectedVersion) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        try {
            return database.write(handle -> new Sql(dialect).sql("DELETE FROM tasks WHERE tenant_id = ").string(tenant.value())
                    .sql(" AND id = ").string(id.value())
                    .sql(" AND version = ").number(expectedVersion)
                    .execute(handle) > 0);
        } catch (RuntimeException e) {
            throw failure(e, "delete a task", null, null);
        }
    }

    /** {@inheritDoc} */
    @Override
    public int purgeExpiredIdempotencyRecords(Instant now) {
        Objects.requireNonNull(now, "now");
        try {
            return database.write(handle -> new Sql(dialect).sql("DELETE FROM task_idempotency_records WHERE expires_at <= ")
                    .instant(now).execute(handle));
        } catch (RuntimeException e) {
            throw failure(e, "purge expired idempotency records", null, null);
        }
    }

    /**
     * Inserts the task row; a clash on both the id and the external id is reported as the id's, as the
     * contract orders the checks. PostgreSQL checks the primary key first by itself; SQLite may check the
     * external id's index first, so the id is looked up then, in the same transaction (a failed statement
     * leaves a SQLite transaction open).
     */
    private void insertTaskRowIdFirst(Handle handle, Task task) {
        try {
            insertTaskRow(handle, task);
        } catch (RuntimeException e) {
            SQLException cause = sqlException(e);
            if (dialect.dialect() == Dialect.SQLITE && cause != null && dialect.clashOf(cause) == Clash.EXTERNAL_ID
                    && new Sql(dialect).sql("SELECT count(*) FROM tasks WHERE id = ").string(task.id().value())
                            .number(handle) > 0) {
                throw new DuplicateTaskIdException("a task with id " + task.id() + " exists already");
            }
            throw e;
        }
    }

    private void insertTaskRow(Handle handle, Task task) {
        taskValues(new Sql(dialect).sql("INSERT INTO tasks (" + TASK_COLUMNS + ") VALUES ("), task).execute(handle);
    }

    /** The columns an INSERT of a task row names, in the order {@link #taskValues} binds them. */
    private static final String TASK_COLUMNS = "id, tenant_id, title, description, status, assignee, due_at, completed_at, "
            + "created_at, updated_at, trashed_at, version, external_id";

    /** Binds one task row's values after an opening parenthesis, and closes it. */
    private static Sql taskValues(Sql sql, Task task) {
        return sql.string(task.id().value()).sql(", ")
                .string(task.tenantId().value()).sql(", ")
                .string(task.title()).sql(", ")
                .string(task.description().orElse(null)).sql(", ")
                .string(task.status().name()).sql(", ")
                .string(task.assignee().orElse(null)).sql(", ")
                .instant(task.dueAt().orElse(null)).sql(", ")
                .instant(task.completedAt().orElse(null)).sql(", ")
                .instant(task.createdAt()).sql(", ")
                .instant(task.updatedAt()).sql(", ")
                .instant(task.trashedAt().orElse(null)).sql(", ")
                .number(task.version()).sql(", ")
                .string(task.externalId().orElse(null)).sql(")");
    }

    /** Inserts the task's relationship and metadata rows, a chunk of rows per statement. */
    private void insertSideRows(Handle handle, Task task) {
        String id = task.id().value();
        String tenant = task.tenantId().value();
        List<Object[]> relationships = new ArrayList<>();
        task.relationships().forEach((name, ids) -> {
            for (int position = 0; position < ids.size(); position++) {
                relationships.add(new Object[] {name, position, ids.get(position)});
            }
        });
        for (int from = 0; from < relationships.size(); from += CHUNK) {
            Sql sql = new Sql(dialect).sql("INSERT INTO task_relationships (task_id, tenant_id, name, position, entity_id) VALUES ");
            List<Object[]> chunk = relationships.subList(from, Math.min(from + CHUNK, relationships.size()));
            for (int i = 0; i < chunk.size(); i++) {
                Object[] row = chunk.get(i);
                sql.sql(i == 0 ? "(" : ", (").string(id).sql(", ").string(tenant).sql(", ").string((String) row[0]).sql(", ")
                        .number((Integer) row[1]).sql(", ").string((String) row[2]).sql(")");
            }
            sql.execute(handle);
        }
        List<Map.Entry<String, String>> metadata = new ArrayList<>(task.metadata().entrySet());
        for (int from = 0; from < metadata.size(); from += CHUNK) {
            Sql sql = new Sql(dialect).sql("INSERT INTO task_metadata (task_id, tenant_id, key, value) VALUES ");
            List<Map.Entry<String, String>> chunk = metadata.subList(from, Math.min(from + CHUNK, metadata.size()));
            for (int i = 0; i < chunk.size(); i++) {
                sql.sql(i == 0 ? "(" : ", (").string(id).sql(", ").string(tenant).sql(", ").string(chunk.get(i).getKey()).sql(", ")
                        .string(chunk.get(i).getValue()).sql(")");
            }
            sql.execute(handle);
        }
    }

    /**
     * Writes the side rows that differ between the stored task and its new state: a relationship whose
     * ids changed is rewritten (its rows only), a metadata key removed is deleted, one added or changed
     * is upserted. Rows that stay the same are not touched, nor are their indexes.
     */
    private void updateSideRows(Handle handle, Task old, Task task) {
        String id = task.id().value();
        String tenant = task.tenantId().value();
        java.util.Set<String> names = new java.util.TreeSet<>(old.relationships().keySet());
        names.addAll(task.relationships().keySet());
        for (String name : names) {
            List<String> before = old.relationships().getOrDefault(name, List.of());
            List<String> after = task.relationships().getOrDefault(name, List.of());
            if (before.equals(after)) {
                continue;
            }
            if (!before.isEmpty()) {
                new Sql(dialect).sql("DELETE FROM task_relationships WHERE task_id = ").string(id).sql(" AND name = ").string(name)
                        .execute(handle);
            }
            for (int from = 0; from < after.size(); from += CHUNK) {
                Sql sql = new Sql(dialect).sql("INSERT INTO task_relationships (task_id, tenant_id, name, position, entity_id) VALUES ");
                for (int i = from; i < Math.min(from + CHUNK, after.size()); i++) {
                    sql.sql(i == from ? "(" : ", (").string(id).sql(", ").string(tenant).sql(", ").string(name).sql(", ")
                            .number(i).sql(", ").string(after.get(i)).sql(")");
                }
                sql.execute(handle);
            }
        }
        for (String key : old.metadata().keySet()) {
            if (!task.metadata().containsKey(key)) {
                new Sql(dialect).sql("DELETE FROM task_metadata WHERE task_id = ").string(id).sql(" AND key = ").string(key)
                        .execute(handle);
            }
        }
        for (Map.Entry<String, String> entry : task.metadata().entrySet()) {
            if (!entry.getValue().equals(old.metadata().get(entry.getKey()))) {
                new Sql(dialect).sql("INSERT INTO task_metadata (task_id, tenant_id, key, value) VALUES (").string(id).sql(", ")
                        .string(tenant).sql(", ").string(entry.getKey()).sql(", ").string(entry.getValue())
                        .sql(") ON CONFLICT (task_id, key) DO UPDATE SET value = excluded.value")
                        .execute(handle);
            }
        }
    }

    /** Replaces an expired record of the same key, then inserts: the primary key refuses an unexpired one. */
    private void putRecord(Handle handle, IdempotencyRecord record) {
        new Sql(dialect).sql("DELETE FROM task_idempotency_records WHERE tenant_id = ").string(record.tenantId().value())
                .sql(" AND operation = ").string(record.operation().name())
                .sql(" AND key_value = ").string(record.key())
                .sql(" AND expires_at <= ").instant(record.createdAt())
                .execute(handle);
        new Sql(dialect).sql("INSERT INTO task_idempotency_records (tenant_id, operation, key_value, fingerprint, task_id, "
                        + "created_at, expires_at) VALUES (")
                .string(record.tenantId().value()).sql(", ")
                .string(record.operation().name()).sql(", ")
                .string(record.key()).sql(", ")
                .string(record.fingerprint()).sql(", ")
                .string(record.taskId().value()).sql(", ")
                .instant(record.createdAt()).sql(", ")
                .instant(record.expiresAt()).sql(")")
                .execute(handle);
    }

    // ------------------------------------------------------------------ reads

    /** {@inheritDoc} */
    @Override
    public Optional<Task> get(TenantId tenant, TaskId id) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        try {
            // One statement, so one snapshot without a transaction: the task row joined to its side rows.
            // On PostgreSQL that is one round trip where a transaction of two SELECTs takes four; the
            // service reads a task this way before every change.
            return database.readOnce(handle -> {
                SideRows side = new SideRows();
                TaskRow[] task = new TaskRow[1];
                new Sql(dialect).sql("SELECT " + COLUMNS + ", s.kind, s.name, s.position, s.value FROM tasks LEFT JOIN ("
                                + "SELECT 0 AS kind, task_id, name, position, entity_id AS value FROM task_relationships WHERE task_id = ")
                        .string(id.value())
                        .sql(" UNION ALL SELECT 1, task_id, key, 0, value FROM task_metadata WHERE task_id = ").string(id.value())
                        .sql(") s ON s.task_id = tasks.id WHERE tasks.id = ").string(id.value())
                        .sql(" AND tasks.tenant_id = ").string(tenant.value())
                        .list(handle, rs -> {
                            if (task[0] == null) {
                                task[0] = taskRow(rs); // every row repeats the task's columns
                            }
                            String name = rs.getString(14);
                            if (name != null) { // null: the task has no side rows
                                side.add(id.value(), rs.getInt(13), name, rs.getInt(15), rs.getString(16));
                            }
                            return Boolean.TRUE;
                        });
                return Optional.ofNullable(task[0]).map(row -> side.complete(row).build());
            });
        } catch (RuntimeException e) {
            throw failure(e, "read a task", null, null);
        }
    }

    /** {@inheritDoc} */
    @Override
    public Optional<Task> findByExternalId(TenantId tenant, String externalId) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(externalId, "externalId");
        try {
            return database.read(handle -> first(handle, new Sql(dialect).sql("SELECT " + COLUMNS
                            + " FROM tasks WHERE tasks.tenant_id = ").string(tenant.value())
                    .sql(" AND tasks.external_id = ").string(externalId)));
        } catch (RuntimeException e) {
            throw failure(e, "read a task", null, null);
        }
    }

    private Optional<Task> first(Handle handle, Sql sql) {
        List<Task> tasks = withSideRows(handle, rows(handle, sql));
        return tasks.isEmpty() ? Optional.empty() : Optional.of(tasks.get(0));
    }

    /** {@inheritDoc} */
    @Override
    public List<Task> find(TenantId tenant, PageRequest request) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(request, "request");
        try {
            return database.read(handle -> withSideRows(handle, pageRows(handle, tenant, request)));
        } catch (RuntimeException e) {
            throw failure(e, "list tasks", null, null);
        }
    }

    /** {@inheritDoc} */
    @Override
    public long count(TenantId tenant, TaskFilter filter) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(filter, "filter");
        try {
            return database.readOnce(handle -> countOf(handle, countQuery(tenant, filter)));
        } catch (RuntimeException e) {
            throw failure(e, "count tasks", null, null);
        }
    }

    /** {@inheritDoc} */
    @Override
    public Optional<IdempotencyRecord> findIdempotencyRecord(TenantId tenant, IdempotencyOperation operation, String key) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(key, "key");
        try {
            return database.readOnce(handle -> new Sql(dialect)
                    .sql("SELECT fingerprint, task_id, created_at, expires_at FROM task_idempotency_records WHERE tenant_id = ")
                    .string(tenant.value())
                    .sql(" AND operation = ").string(operation.name())
                    .sql(" AND key_value = ").string(key)
                    .list(handle, rs -> new IdempotencyRecord(tenant, operation, key, rs.getString(1),
                            new TaskId(rs.getString(2)), dialect.readInstant(rs, 3), dialect.readInstant(rs, 4)))
                    .stream().findFirst());
        } catch (RuntimeException e) {
            throw failure(e, "read an idempotency record", null, null);
        }
    }

    // ------------------------------------------------------------------ queries

    /** Which tasks of a sort a page query reads: under DUE_AT, those with a due time and those without are read apart. */
    enum Part {
        /** Every selected task (created and updated sorts). */
        ALL,
        /** The tasks with a due time, in due-time order. */
        WITH_DUE,
        /** The tasks without a due time: last in both directions, in id order. */
        WITHOUT_DUE
    }

    /**
     * The rows of one page. Each statement reads one index range in order: under {@code DUE_AT} the
     * tasks with a due time come first (one statement), then those without (another), so that
     * "without a due time last in both directions" needs no sort of the whole selection.
     */
    private List<TaskRow> pageRows(Handle handle, TenantId tenant, PageRequest request) {
        TaskSort sort = request.sort();
        Optional<SortPosition> after = request.after();
        if (sort.field() != SortField.DUE_AT) {
            if (after.isPresent() && after.get().value().isEmpty()) {
                return List.of(); // every task has this sort value, so every task sorts before such a position
            }
            return rows(handle, pageQuery(tenant, request.filter(), sort, after, Part.ALL, request.offset(), request.limit()));
        }
        List<TaskRow> page = new ArrayList<>();
        int skip = request.offset();
        boolean afterWithoutDue = after.isPresent() && after.get().value().isEmpty();
        if (!afterWithoutDue) {
            page.addAll(rows(handle, pageQuery(tenant, request.filter(), sort, after, Part.WITH_DUE, skip, request.limit())));
            if (page.size() == request.limit()) {
                return page;
            }
            if (page.isEmpty() && skip > 0) {
                // The offset may reach past the tasks with a due time: skip the rest among those without.
                long withDue = countOf(handle, countQuery(tenant, request.filter(), sort, after, Part.WITH_DUE));
                skip = (int) Math.max(0, skip - withDue);
            } else {
                skip = 0;
            }
        }
        page.addAll(rows(handle, pageQuery(tenant, request.filter(), sort, after, Part.WITHOUT_DUE, skip, request.limit() - page.size())));
        return page;
    }

    private static long countOf(Handle handle, Sql countQuery) {
        return countQuery.number(handle);
    }

    /**
     * The statement of one part of a page: the tenant's selected tasks after the position, in the sort's
     * order, ties by id in the same direction. Package-private for the plan tests.
     */
    Sql pageQuery(TenantId tenant, TaskFilter filter, TaskSort sort, Optional<SortPosition> after, Part part, int offset, int limit) {
        Sql sql = new Sql(dialect).sql("SELECT " + COLUMNS + " FROM tasks");
        where(sql, tenant, filter);
        partAndPosition(sql, sort, after, part);
        String direction = sort.direction() == SortDirection.ASC ? " ASC" : " DESC";
        if (part == Part.WITHOUT_DUE) {
            sql.sql(" ORDER BY tasks.id" + direction);
        } else {
            sql.sql(" ORDER BY tasks." + column(sort.field()) + direction + ", tasks.id" + direction);
        }
        return sql.sql(" LIMIT ").number(limit).sql(" OFFSET ").number(offset);
    }

    /** Counts the tenant's tasks that a filter selects. Package-private for the plan tests. */
    Sql countQuery(TenantId tenant, TaskFilter filter) {
        Sql sql = new Sql(dialect).sql("SELECT count(*) FROM tasks");
        where(sql, tenant, filter);
        return sql;
    }

    /** Counts the tasks of one part of a page. Package-private for the plan tests. */
    Sql countQuery(TenantId tenant, TaskFilter filter, TaskSort sort, Optional<SortPosition> after, Part part) {
        Sql sql = new Sql(dialect).sql("SELECT count(*) FROM tasks");
        where(sql, tenant, filter);
        partAndPosition(sql, sort, after, part);
        return sql;
    }

    private static void partAndPosition(Sql sql, TaskSort sort, Optional<SortPosition> after, Part part) {
        String comparison = sort.direction() == SortDirection.ASC ? " > " : " < ";
        switch (part) {
            case ALL, WITH_DUE -> {
                String column = "tasks." + column(sort.field());
                if (part == Part.WITH_DUE) {
                    sql.sql(" AND " + column + " IS NOT NULL");
                }
                if (after.isPresent()) {
                    // A row-value comparison: one index range, exactly TaskSort.compare's order.
                    sql.sql(" AND (" + column + ", tasks.id)" + comparison + "(").instant(after.get().value().orElseThrow())
                            .sql(", ").string(after.get().id().value()).sql(")");
                }
            }
            case WITHOUT_DUE -> {
                sql.sql(" AND tasks.due_at IS NULL");
                if (after.isPresent() && after.get().value().isEmpty()) {
                    sql.sql(" AND tasks.id" + comparison).string(after.get().id().value());
                }
            }
        }
    }

    private static String column(SortField field) {
        return switch (field) {
            case CREATED_AT -> "created_at";
            case UPDATED_AT -> "updated_at";
            case DUE_AT -> "due_at";
        };
    }

    /** Appends the WHERE clause of a filter: exactly {@link TaskFilter#matches}, values bound. */
    private void where(Sql sql, TenantId tenant, TaskFilter filter) {
        sql.sql(" WHERE tasks.tenant_id = ").string(tenant.value());
        switch (filter.trashed()) {
            case EXCLUDE -> sql.sql(" AND tasks.trashed_at IS NULL");
            case ONLY -> sql.sql(" AND tasks.trashed_at IS NOT NULL");
            case INCLUDE -> { }
        }
        if (!filter.statuses().isEmpty()) {
            // Literals, not parameters: enum names only, never caller text. A planner can use an index
            // that is partial on the status (the open tasks' indexes) only when it sees the values, in
            // the order the index's predicate lists them (alphabetical).
            sql.sql(" AND tasks.status IN (" + filter.statuses().stream().map(status -> "'" + status.name() + "'").sorted()
                    .collect(Collectors.joining(", ")) + ")");
        }
        if (!filter.assignees().isEmpty()) {
            sql.sql(" AND tasks.assignee IN ").strings(filter.assignees());
        }
        // Side-table criteria are uncorrelated semi-joins (IN), not correlated EXISTS: PostgreSQL plans
        // both alike, but SQLite can then start from the side table's index (the matching ids) instead
        // of probing it once per task of the tenant.
        for (RelatedTo related : filter.relatedTo()) {
            sql.sql(" AND tasks.id IN (SELECT r.task_id FROM task_relationships r WHERE r.tenant_id = ").string(tenant.value())
                    .sql(" AND r.entity_id = ").string(related.entityId());
            related.relationship().ifPresent(name -> sql.sql(" AND r.name = ").string(name));
            sql.sql(")");
        }
        range(sql, "due_at", filter.dueAfter(), filter.dueBefore());
        range(sql, "created_at", filter.createdAfter(), filter.createdBefore());
        range(sql, "updated_at", filter.updatedAfter(), filter.updatedBefore());
        filter.externalId().ifPresent(externalId -> sql.sql(" AND tasks.external_id = ").string(externalId));
        filter.metadata().forEach((key, value) -> {
            sql.sql(" AND tasks.id IN (SELECT m.task_id FROM task_metadata m WHERE m.tenant_id = ").string(tenant.value())
                    .sql(" AND m.key = ").string(key).sql(" AND ");
            dialect.metadataValueEquals(sql, value);
            sql.sql(")");
        });
        filter.titleContains().ifPresent(part -> {
            sql.sql(" AND ");
            dialect.titleContains(sql, part);
        });
    }

    /**
     * A lower bound included, an upper bound excluded; NULL (no due time) is in no range. Stored instants
     * are whole milliseconds, so a bound between two is moved up to the next: a stored instant is at or
     * after {@code t} exactly when it is at or after {@code t} rounded up (SQLite's milliseconds would
     * round down, PostgreSQL's microseconds to the nearest).
     */
    private static void range(Sql sql, String column, Optional<Instant> from, Optional<Instant> before) {
        from.ifPresent(f -> sql.sql(" AND tasks." + column + " >= ").instant(upToMillis(f)));
        before.ifPresent(b -> sql.sql(" AND tasks." + column + " < ").instant(upToMillis(b)));
    }

    private static Instant upToMillis(Instant instant) {
        Instant down = instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        return down.equals(instant) ? instant : down.plusMillis(1);
    }

    // ------------------------------------------------------------------ mapping

    /** A task row read, waiting for its relationships and metadata. */
    private record TaskRow(String id, Task.Builder builder) {
    }

    private List<TaskRow> rows(Handle handle, Sql sql) {
        return sql.list(handle, this::taskRow);
    }

    /** A task row of {@link #COLUMNS}, read by column position (a lookup by name costs a search per column). */
    private TaskRow taskRow(ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        Task.Builder builder = Task.builder()
                .id(new TaskId(id))
                .tenantId(TenantId.of(rs.getString(2)))
                .title(rs.getString(3))
                .description(rs.getString(4))
                .status(TaskStatus.valueOf(rs.getString(5)))
                .dueAt(dialect.readInstant(rs, 6))
                .completedAt(dialect.readInstant(rs, 7))
                .createdAt(dialect.readInstant(rs, 8))
                .updatedAt(dialect.readInstant(rs, 9))
                .trashedAt(dialect.readInstant(rs, 10))
                .version(rs.getLong(11))
                .externalId(rs.getString(12));
        return new TaskRow(id, builder);
    }

    /** Reads the relationship and metadata rows of the tasks read, a chunk of ids per statement, and builds the tasks. */
    private List<Task> withSideRows(Handle handle, List<TaskRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        SideRows side = new SideRows();
        List<String> ids = rows.stream().map(TaskRow::id).toList();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(from + CHUNK, ids.size()));
            // Both side tables in one statement: one round trip (and one prepared statement) per chunk.
            // No ORDER BY: sorting the rows cost SQLite a temporary B-tree, a third of this statement's
            // time for a page of 50 (measured); SideRows orders them.
            new Sql(dialect).sql("SELECT 0, task_id, name, position, entity_id FROM task_relationships WHERE task_id IN ")
                    .strings(chunk)
                    .sql(" UNION ALL SELECT 1, task_id, key, 0, value FROM task_metadata WHERE task_id IN ").strings(chunk)
                    .list(handle, rs -> {
                        side.add(rs.getString(2), rs.getInt(1), rs.getString(3), rs.getInt(4), rs.getString(5));
                        return Boolean.TRUE;
                    });
        }
        List<Task> tasks = new ArrayList<>(rows.size());
        for (TaskRow row : rows) {
            tasks.add(side.complete(row).build());
        }
        return tasks;
    }

    /**
     * Relationship and metadata rows, read in any order: each relationship's ids are put in the order
     * of their positions when a task is completed.
     */
    private static final class SideRows {
        private final Map<String, Map<String, TreeMap<Integer, String>>> relationships = new HashMap<>();
        private final Map<String, Map<String, String>> metadata = new HashMap<>();

        /** One row: {@code kind} 0 is a relationship id at {@code position}, 1 a metadata entry. */
        void add(String taskId, int kind, String name, int position, String value) {
            if (kind == 0) {
                relationships.computeIfAbsent(taskId, k -> new HashMap<>()).computeIfAbsent(name, k -> new TreeMap<>())
                        .put(position, value);
            } else {
                metadata.computeIfAbsent(taskId, k -> new HashMap<>()).put(name, value);
            }
        }

        /** The task row's builder with its relationships and metadata. */
        Task.Builder complete(TaskRow row) {
            Map<String, List<String>> ids = new HashMap<>();
            relationships.getOrDefault(row.id(), Map.of()).forEach((name, byPosition) -> ids.put(name, new ArrayList<>(byPosition.values())));
            return row.builder().relationships(ids).metadata(metadata.getOrDefault(row.id(), Map.of()));
        }
    }

    // ------------------------------------------------------------------ failures

    /** A record stored with a task of another tenant would break tenant isolation: a caller's bug. */
    private static void requireSameTenant(IdempotencyRecord record, Task task) {
        if (!record.tenantId().equals(task.tenantId())) {
            throw new IllegalArgumentException("the idempotency record belongs to tenant " + record.tenantId()
                    + " but the task to tenant " + task.tenantId());
        }
    }

    /**
     * The exception a failed call throws: the clash a unique index reported, named in the domain's
     * words, or a {@link TaskStoreException} that says which operation failed and keeps the driver's
     * exception as its cause only.
     */
    private RuntimeException failure(RuntimeException e, String operation, Task task, IdempotencyRecord record) {
        if (e instanceof TaskStoreException) {
            return e;
        }
        SQLException sqlException = sqlException(e);
        Clash clash = sqlException == null ? Clash.NONE : dialect.clashOf(sqlException);
        if (clash == Clash.TASK_ID && task != null) {
            return new DuplicateTaskIdException("a task with id " + task.id() + " exists already");
        }
        if (clash == Clash.EXTERNAL_ID && task != null && task.externalId().isPresent()) {
            return new DuplicateExternalIdException("another task of the tenant has external id '" + task.externalId().get() + "'");
        }
        if (clash == Clash.IDEMPOTENCY_KEY && record != null) {
            return new DuplicateIdempotencyKeyException("the idempotency key '" + record.key() + "' of operation "
                    + record.operation() + " is held by an unexpired record of the tenant");
        }
        if (sqlException == null && !(e instanceof JdbiException)) {
            return e; // not the database's: a bug to see as it is
        }
        return new TaskStoreException("the task store failed to " + operation, e);
    }

    private static SQLException sqlException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "JdbiTaskStore[" + dialect.dialect() + "]";
    }
}
