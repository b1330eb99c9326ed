package dev.tasks.bench;

import static org.assertj.core.api.Assertions.assertThat;
import dev.tasks.api.BulkCreateResult;
import dev.tasks.api.TaskService;
import dev.tasks.core.Task;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskStatus;
import dev.tasks.store.jdbi.JdbiTaskStore;
import dev.tasks.store.jdbi.SqliteOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * The raw baselines answer exactly what the library answers, and write exactly the rows it writes, on the
 * same generated data. Answers: every list shape's first and deep page, every count, gets. Writes: for
 * each write benchmark (create with a title only, create with an assignee, metadata and a relationship, a
 * metadata update, a status change, a bulk create), the rows of {@code tasks}, {@code task_relationships}
 * and {@code task_metadata} the library leaves are, column by column, the ones the raw baseline leaves,
 * but for the id (each makes its own) and the instants the clock gives (compared as present or absent).
 * A baseline that wrote less would flatter the library's ratios; one that wrote more would hide its costs.
 * Runs in the build (the benchmarks do not), on a small data set, on SQLite and on the embedded PostgreSQL.
 */
class RawBaselineTest {

    @TempDir
    static Path data;

    @BeforeAll
    static void dataFolder() {
        System.setProperty(BenchData.DATA_PROPERTY, data.toString());
    }

    @AfterAll
    static void stopPostgres() {
        BenchPostgres.stop();
        System.clearProperty(BenchData.DATA_PROPERTY);
    }

    @Test
    void sqliteRawAnswersAsTheLibrary() throws Exception {
        assertThat(Check.compare(Target.SQLITE, Target.SQLITE_RAW, DataSet.of("2k"))).isEmpty();
    }

    @Test
    void postgresRawAnswersAsTheLibrary() throws Exception {
        assertThat(Check.compare(Target.POSTGRES, Target.POSTGRES_RAW, DataSet.of("2k"))).isEmpty();
    }

    @Test
    void everyWriteOfTheRawBaselineLeavesWhatTheLibraryWouldRead() throws Exception {
        try (Fixture raw = Fixture.forWriting(Target.SQLITE_RAW, DataSet.of("2k"))) {
            Ops ops = Ops.of(raw);
            var id = (dev.tasks.core.TaskId) ops.create(CrudBenchmark.fullRequest(3));
            var created = raw.raw.get(TaskGenerator.QUERIED_TENANT, id).orElseThrow();
            assertThat(created.assignee()).contains("mem_a3");
            assertThat(created.createdBy()).contains("mem_bench");
            assertThat(created.relationship(TaskGenerator.PROJECT)).containsExactly("prj_3");
            assertThat(created.metadata()).containsEntry("region", "north").hasSize(2);

            var patched = (dev.tasks.core.Task) ops.putMetadata(id, "note", "1");
            assertThat(patched.version()).isEqualTo(2);
            assertThat(raw.raw.get(TaskGenerator.QUERIED_TENANT, id).orElseThrow()).isEqualTo(patched);

            var completed = (dev.tasks.core.Task) ops.changeStatus(id, dev.tasks.core.TaskStatus.COMPLETE);
            assertThat(completed.completedAt()).isPresent();
            assertThat(raw.raw.get(TaskGenerator.QUERIED_TENANT, id).orElseThrow()).isEqualTo(completed);

            assertThat((java.util.List<?>) ops.createAll(java.util.List.of(CrudBenchmark.fullRequest(1), CrudBenchmark.fullRequest(2))))
                    .hasSize(2);
        }
    }

    @Test
    void sqliteRawWritesTheLibrarysRows() throws Exception {
        DataSet dataSet = DataSet.of("2k");
        Path libraryFile = BenchData.sqliteCopy(dataSet);
        Path rawFile = BenchData.sqliteCopy(dataSet);
        try (JdbiTaskStore store = JdbiTaskStore.sqlite(libraryFile, SqliteOptions.builder()
                .synchronous(SqliteOptions.Synchronous.NORMAL).build());
             RawTaskDao raw = RawTaskDao.sqlite(rawFile)) {
            compareWrites(Fixture.service(store), sqlite(libraryFile), raw, sqlite(rawFile));
        } finally {
            BenchData.deleteSqlite(libraryFile);
            BenchData.deleteSqlite(rawFile);
        }
    }

    @Test
    void postgresRawWritesTheLibrarysRows() throws Exception {
        DataSet dataSet = DataSet.of("2k");
        String libraryDb = BenchData.postgresCopy(dataSet);
        String rawDb = BenchData.postgresCopy(dataSet);
        try (RawTaskDao raw = RawTaskDao.postgres(BenchPostgres.dataSource(rawDb), 2)) {
            compareWrites(Fixture.service(JdbiTaskStore.create(BenchPostgres.dataSource(libraryDb))),
                    BenchPostgres.dataSource(libraryDb), raw, BenchPostgres.dataSource(rawDb));
        } finally {
            BenchData.dropPostgres(libraryDb);
            BenchData.dropPostgres(rawDb);
        }
    }

    private static DataSource sqlite(Path file) {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + file);
        return ds;
    }

    private static void compareWrites(TaskService service, DataSource libraryDb, RawTaskDao raw, DataSource rawDb) throws Exception {
        Ops library = new Ops.Library(service);
        Ops baseline = new Ops.Raw(raw);

        TaskId libTitle = ((Task) library.create(dev.tasks.core.NewTask.titled("Call the customer back"))).id();
        TaskId rawTitle = (TaskId) baseline.create(dev.tasks.core.NewTask.titled("Call the customer back"));
        assertSameRows(libraryDb, libTitle, rawDb, rawTitle, 1, 0);

        TaskId libFull = ((Task) library.create(CrudBenchmark.fullRequest(7))).id();
        TaskId rawFull = (TaskId) baseline.create(CrudBenchmark.fullRequest(7));
        assertSameRows(libraryDb, libFull, rawDb, rawFull, 3, 2);

        // Updates of a task of the data set, which both databases hold alike.
        TaskId existing = new TaskGenerator(DataSet.of("2k")).task(0, 10).id();
        library.putMetadata(existing, "note", "42");
        baseline.putMetadata(existing, "note", "42");
        assertSameRows(libraryDb, existing, rawDb, existing, 3, 3);
        library.changeStatus(existing, TaskStatus.COMPLETE);
        baseline.changeStatus(existing, TaskStatus.COMPLETE);
        assertSameRows(libraryDb, existing, rawDb, existing, 3, 3);
        library.changeStatus(existing, TaskStatus.OPEN);
        baseline.changeStatus(existing, TaskStatus.OPEN);
        assertSameRows(libraryDb, existing, rawDb, existing, 3, 3);

        List<dev.tasks.core.NewTask> batch = List.of(CrudBenchmark.fullRequest(1), CrudBenchmark.fullRequest(2),
                dev.tasks.core.NewTask.titled("Only a title"));
        BulkCreateResult result = (BulkCreateResult) library.createAll(batch);
        @SuppressWarnings("unchecked")
        List<TaskId> rawIds = (List<TaskId>) baseline.createAll(batch);
        assertThat(result.outcomes()).hasSize(3);
        for (int i = 0; i < batch.size(); i++) {
            TaskId libId = ((BulkCreateResult.Created) result.outcomes().get(i)).task().id();
            assertSameRows(libraryDb, libId, rawDb, rawIds.get(i), i < 2 ? 3 : 1, i < 2 ? 2 : 0);
        }
    }

    private static void assertSameRows(DataSource libraryDb, TaskId libraryId, DataSource rawDb, TaskId rawId,
                                       int relationshipRows, int metadataRows) throws SQLException {
        List<List<String>> library = rows(libraryDb, libraryId);
        List<List<String>> raw = rows(rawDb, rawId);
        assertThat(raw).as("rows of the raw baseline's %s vs the library's %s", rawId, libraryId).isEqualTo(library);
        // and the rows are there: a comparison of two empty results would prove nothing
        assertThat(library.stream().filter(r -> r.get(0).equals("tasks"))).hasSize(1);
        assertThat(library.stream().filter(r -> r.get(0).equals("task_relationships"))).hasSize(relationshipRows);
        assertThat(library.stream().filter(r -> r.get(0).equals("task_metadata"))).hasSize(metadataRows);
    }

    /** The task's rows in the three tables, the id replaced by {@code ID}, every instant by {@code T}. */
    private static List<List<String>> rows(DataSource db, TaskId id) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = db.getConnection()) {
            read(c, "tasks", "SELECT * FROM tasks WHERE id = ?", id, rows);
            read(c, "task_relationships", "SELECT * FROM task_relationships WHERE task_id = ? ORDER BY name, position", id, rows);
            read(c, "task_metadata", "SELECT * FROM task_metadata WHERE task_id = ? ORDER BY key", id, rows);
        }
        return rows;
    }

    private static void read(Connection c, String table, String sql, TaskId id, List<List<String>> into) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id.value());
            try (ResultSet rs = s.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    row.add(table);
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        String column = meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT);
                        Object value = rs.getObject(i);
                        String shown = Objects.toString(value, "NULL");
                        if (value != null && (column.equals("id") || column.equals("task_id"))) {
                            shown = "ID";
                        } else if (value != null && column.endsWith("_at") && !column.equals("due_at")) {
                            shown = "T";
                        }
                        row.add(column + "=" + shown);
                    }
                    into.add(row);
                }
            }
        }
    }
}
