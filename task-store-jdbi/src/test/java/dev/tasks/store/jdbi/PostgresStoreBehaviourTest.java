package dev.tasks.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskSort;
import dev.tasks.core.store.IdempotencyOperation;
import dev.tasks.core.store.IdempotencyRecord;
import dev.tasks.core.store.PageRequest;
import dev.tasks.store.tck.TestTasks;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SQL store's behaviour on PostgreSQL. */
class PostgresStoreBehaviourTest extends JdbiStoreBehaviourTest {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final DataSource SHARED = EmbeddedPostgresSupport.database("behaviour");

    @Override
    protected JdbiTaskStore newStore() {
        JdbiTaskStore store = JdbiTaskStore.create(SHARED);
        try (Connection c = SHARED.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE tasks, task_relationships, task_metadata, task_idempotency_records CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return store;
    }

    @Override
    protected FreshDatabase freshDatabase() {
        String name = "fresh_" + letters(COUNTER.getAndIncrement());
        EmbeddedPostgresSupport.database(name);
        List<PooledDataSource> pools = new ArrayList<>();
        return new FreshDatabase() {
            @Override
            public JdbiTaskStore open(Migrations migrations) {
                // A pool of its own for each store, as a second process or a restarted one would have.
                PooledDataSource pool = new PooledDataSource(EmbeddedPostgresSupport.unpooled(name));
                synchronized (pools) {
                    pools.add(pool);
                }
                return JdbiTaskStore.create(pool, migrations);
            }

            @Override
            public void makeUnreachable() {
                synchronized (pools) {
                    pools.forEach(PooledDataSource::close);
                }
            }
        };
    }

    /** A number spelled in the letters a database name may hold. */
    private static String letters(int n) {
        StringBuilder s = new StringBuilder();
        do {
            s.append((char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return s.toString();
    }

    @Override
    protected List<String> schema(JdbiTaskStore store) {
        return store.database().readOnce(h -> h.createQuery("SELECT table_name || '.' || column_name || ' ' || data_type || ' ' "
                        + "|| coalesce(collation_name, '') FROM information_schema.columns WHERE table_schema = current_schema() "
                        + "UNION ALL SELECT indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1")
                .mapTo(String.class).list());
    }

    @Test
    void textColumnsCompareByteByByteAndInstantsAreTimestamptz() {
        JdbiTaskStore store = track(newStore());
        List<String> schema = schema(store);
        assertThat(schema).contains("tasks.id text C", "tasks.tenant_id text C", "tasks.external_id text C",
                "tasks.created_at timestamp with time zone ", "tasks.due_at timestamp with time zone ");
    }

    @Test
    void aPoolLendingConnectionsOutsideAutoCommitWorksToo() {
        PooledDataSource manual = new PooledDataSource(EmbeddedPostgresSupport.unpooled("behaviour"), false);
        try {
            JdbiTaskStore store = track(JdbiTaskStore.create(manual, Migrations.VERIFY));
            track(newStore()); // empties the tables
            Task task = TestTasks.task(TENANT).metadata("k", "v").build();
            IdempotencyRecord record = new IdempotencyRecord(TENANT, IdempotencyOperation.CREATE, "key", "fp", task.id(), T0,
                    T0.plusSeconds(60));
            store.insert(task, Optional.of(record));
            assertThat(store.get(TENANT, task.id())).contains(task);
            assertThat(store.count(TENANT, TaskFilter.builder().metadata("k", "v").build())).isEqualTo(1);
            assertThat(store.findIdempotencyRecord(TENANT, IdempotencyOperation.CREATE, "key")).contains(record);
            assertThat(store.find(TENANT, new PageRequest(TaskFilter.ALL, TaskSort.DEFAULT, Optional.empty(), 0, 5))).containsExactly(task);
            assertThat(store.update(task.toBuilder().version(2).title("new").build(), 1, Optional.empty())).isTrue();
            assertThat(store.delete(TENANT, task.id(), 2)).isTrue();
            assertThat(store.purgeExpiredIdempotencyRecords(T0.plusSeconds(60))).isEqualTo(1);
            assertThat(rows(store, "tasks")).isZero();
        } finally {
            manual.close();
        }
    }

    /**
     * Writes run at READ COMMITTED whatever the database's default: a compare-and-set that waits for a
     * row another transaction changes, then meets its newer version, answers false. At REPEATABLE READ or
     * SERIALIZABLE PostgreSQL would fail it instead ("could not serialize access"). The store skips
     * saying READ COMMITTED only where the connections start there anyway: the test checks that it
     * skips it exactly at the READ COMMITTED default.
     */
    @ParameterizedTest
    @ValueSource(strings = {"read committed", "repeatable read", "serializable"})
    void aCompareAndSetMeetingANewerRowAnswersFalseWhateverTheDefaultIsolation(String level) throws Exception {
        String name = "isolation_" + letters(COUNTER.getAndIncrement());
        EmbeddedPostgresSupport.database(name);
        try (Connection c = SHARED.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + name + " SET default_transaction_isolation = '" + level + "'");
        }
        PooledDataSource pool = new PooledDataSource(EmbeddedPostgresSupport.unpooled(name));
        try {
            JdbiTaskStore store = track(JdbiTaskStore.create(pool));
            assertThat(store.database().writesReadCommittedByDefault()).as("writes skip SET TRANSACTION at default %s", level)
                    .isEqualTo(level.equals("read committed"));
            Task v1 = TestTasks.task(TENANT).title("first").metadata("k", "v").build();
            store.insert(v1, Optional.empty());
            try (Connection other = pool.getConnection()) {
                other.setAutoCommit(false);
                try (Statement s = other.createStatement()) {
                    try (var rs = s.executeQuery("SHOW transaction_isolation")) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).as("the database's default, in force").isEqualTo(level);
                    }
                    s.executeUpdate("UPDATE tasks SET version = 2, title = 'other' WHERE id = '" + v1.id().value() + "'");
                }
                CompletableFuture<Boolean> update = CompletableFuture.supplyAsync(
                        () -> store.update(v1, v1.toBuilder().title("mine").version(2).build(), Optional.empty()));
                awaitABackendWaitingForALock(name);
                other.commit();
                assertThat(update.get(30, TimeUnit.SECONDS)).as("the compare-and-set at default %s", level).isFalse();
            }
            assertThat(store.get(TENANT, v1.id()).orElseThrow().title()).isEqualTo("other");
        } finally {
            pool.close();
        }
    }

    private static void awaitABackendWaitingForALock(String database) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection c = SHARED.getConnection(); Statement s = c.createStatement()) {
            while (true) {
                try (var rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = '" + database
                        + "' AND wait_event_type = 'Lock'")) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the store's update never waited for the row lock");
                }
                Thread.sleep(10);
            }
        }
    }

    @Test
    void theDialectIsDetectedFromAJdbi() {
        JdbiTaskStore store = track(JdbiTaskStore.create(Jdbi.create(SHARED)));
        assertThat(store.dialect()).isEqualTo(Dialect.POSTGRESQL);
        Task task = TestTasks.task(TENANT).build();
        store.insert(task, Optional.empty());
        assertThat(store.get(TENANT, task.id())).contains(task);
    }
}
