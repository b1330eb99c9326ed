package dev.tasks.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.store.IdempotencyOperation;
import dev.tasks.core.store.DuplicateExternalIdException;
import dev.tasks.core.store.IdempotencyRecord;
import dev.tasks.core.store.TaskStoreException;
import dev.tasks.store.tck.TestTasks;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** The SQL store's behaviour on SQLite, and what only SQLite has: its file, its options, its connections. */
class SqliteStoreBehaviourTest extends JdbiStoreBehaviourTest {

    private static final Path DIRECTORY = TestFiles.temporaryDirectory("sqlite-behaviour");
    private static final AtomicInteger COUNTER = new AtomicInteger();

    static Path newFile() {
        return DIRECTORY.resolve("db-" + COUNTER.incrementAndGet()).resolve("tasks.db");
    }

    @Override
    protected JdbiTaskStore newStore() {
        return JdbiTaskStore.sqlite(newFile());
    }

    /**
     * A database reached through the application's own {@link DataSource} (a pool over
     * {@link SQLiteDataSource}, configured with WAL and a busy timeout, as the store's javadoc asks).
     */
    @Override
    protected FreshDatabase freshDatabase() {
        Path file = newFile();
        PooledDataSource pool = new PooledDataSource(dataSource(file));
        return new FreshDatabase() {
            @Override
            public JdbiTaskStore open(Migrations migrations) {
                return JdbiTaskStore.create(pool, migrations);
            }

            @Override
            public void makeUnreachable() {
                pool.close();
            }
        };
    }

    static DataSource dataSource(Path file) {
        try {
            Files.createDirectories(file.getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setBusyTimeout(10_000);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file);
        // The application switches its new file to WAL once, as the store's javadoc advises: connections
        // opening a new file at once may each try to, and SQLite answers SQLITE_BUSY to that without
        // calling the busy handler. (The store's own sqlite(path) retries those opens itself.)
        try (java.sql.Connection first = dataSource.getConnection()) {
            assertThat(first.isValid(1)).isTrue();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return dataSource;
    }

    @Override
    protected List<String> schema(JdbiTaskStore store) {
        return store.database().readOnce(h -> h.createQuery("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_schema "
                + "WHERE name NOT LIKE 'sqlite_stat%' ORDER BY name").mapTo(String.class).list());
    }

    // ------------------------------------------------------------------ the file

    @Test
    void createsTheFileAndItsParentDirectories() {
        Path file = DIRECTORY.resolve("a").resolve("b").resolve("c").resolve("tasks.db");
        track(JdbiTaskStore.sqlite(file));
        assertThat(file).exists();
        assertThat(track(JdbiTaskStore.sqlite(file)).dialect()).isEqualTo(Dialect.SQLITE);
    }

    @Test
    void manyStoresOpeningANewFileAtOnceAllOpen() throws Exception {
        // Opening can meet SQLITE_BUSY without the busy handler being called (another connection switching
        // the file to WAL): seen once as a flaky "database is locked" when four stores started at once.
        int stores = 6;
        for (int round = 0; round < 15; round++) {
            Path file = DIRECTORY.resolve("at-once-" + round + ".db");
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(stores);
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            try {
                List<java.util.concurrent.Future<JdbiTaskStore>> opened = new ArrayList<>();
                for (int i = 0; i < stores; i++) {
                    opened.add(pool.submit(() -> {
                        start.await();
                        return JdbiTaskStore.sqlite(file);
                    }));
                }
                start.countDown();
                for (java.util.concurrent.Future<JdbiTaskStore> f : opened) {
                    JdbiTaskStore store = track(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
                    assertThat(store.count(TENANT, TaskFilter.ALL)).isZero();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void theOptionsReachTheWriterAndEveryReader() {
        JdbiTaskStore defaults = track(newStore());
        assertThat(pragma(defaults, "synchronous", false)).isEqualTo("1"); // NORMAL
        assertThat(pragma(defaults, "busy_timeout", false)).isEqualTo("5000");
        JdbiTaskStore store = track(JdbiTaskStore.sqlite(newFile(), SqliteOptions.builder()
                .synchronous(SqliteOptions.Synchronous.FULL).busyTimeout(Duration.ofMillis(1234)).readPoolSize(2).build()));
        for (boolean writer : new boolean[] {true, false}) {
            assertThat(pragma(store, "journal_mode", writer)).isEqualTo("wal");
            assertThat(pragma(store, "synchronous", writer)).isEqualTo("2"); // FULL
            assertThat(pragma(store, "busy_timeout", writer)).isEqualTo("1234");
            assertThat(pragma(store, "foreign_keys", writer)).isEqualTo("1");
        }
    }

    private static String pragma(JdbiTaskStore store, String name, boolean writer) {
        if (writer) {
            // A pragma query inside the store's write transaction: the writer connection.
            return store.database().write(h -> h.createQuery("PRAGMA " + name).mapTo(String.class).one());
        }
        return store.database().readOnce(h -> h.createQuery("PRAGMA " + name).mapTo(String.class).one());
    }

    @Test
    void theOptionsRefuseNonsense() {
        assertThatThrownBy(() -> SqliteOptions.builder().readPoolSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqliteOptions.builder().busyTimeout(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqliteOptions.builder().busyTimeout(Duration.ofDays(30))).isInstanceOf(IllegalArgumentException.class);
        SqliteOptions options = SqliteOptions.builder().synchronous(SqliteOptions.Synchronous.FULL).build();
        assertThat(options.toBuilder().build().synchronous()).isEqualTo(SqliteOptions.Synchronous.FULL);
        assertThat(SqliteOptions.defaults().migrations()).isEqualTo(Migrations.APPLY);
    }

    @Test
    void aClosedStoreFailsAsAStoreFailure() {
        JdbiTaskStore store = newStore();
        Task task = TestTasks.task(TENANT).build();
        store.insert(task, Optional.empty());
        store.close();
        store.close(); // twice is harmless
        assertThatThrownBy(() -> store.get(TENANT, task.id())).isExactlyInstanceOf(TaskStoreException.class)
                .satisfies(e -> assertLeaksNothing((TaskStoreException) e));
        assertThatThrownBy(() -> store.insert(TestTasks.task(TENANT).build(), Optional.empty()))
                .isExactlyInstanceOf(TaskStoreException.class);
    }

    // ------------------------------------------------------------------ several stores on one file

    @Test
    void storesOpeningOneNewFileAtOnceMigrateOnce() throws Exception {
        Path file = newFile();
        List<JdbiTaskStore> stores = race(4, i -> () -> JdbiTaskStore.sqlite(file));
        stores.forEach(this::track);
        assertThat(versions(stores.get(0))).containsExactly(JdbiTaskStore.SCHEMA_VERSION);
    }

    @Test
    void twoStoresOnOneFileWriteAtOnceWithoutBusyFailures() throws Exception {
        Path file = newFile();
        JdbiTaskStore a = track(JdbiTaskStore.sqlite(file));
        JdbiTaskStore b = track(JdbiTaskStore.sqlite(file));
        int threads = 8;
        int perThread = 40;
        List<List<Task>> written = race(threads, i -> () -> {
            JdbiTaskStore store = i % 2 == 0 ? a : b;
            List<Task> tasks = new ArrayList<>();
            for (int n = 0; n < perThread; n++) {
                Task task = TestTasks.task(TENANT).title("t" + i + "-" + n).metadata("thread", "t" + i).build();
                store.insert(task, Optional.empty());
                Task changed = task.toBuilder().version(2).title("changed").build();
                if (!store.update(changed, 1, Optional.empty())) {
                    throw new AssertionError("lost update");
                }
                (i % 2 == 0 ? b : a).get(TENANT, task.id()).orElseThrow();
                tasks.add(changed);
            }
            return tasks;
        });
        assertThat(a.count(TENANT, TaskFilter.ALL)).isEqualTo(threads * perThread);
        assertThat(b.count(TENANT, TaskFilter.ALL)).isEqualTo(threads * perThread);
        for (List<Task> tasks : written) {
            for (Task t : tasks) {
                assertThat(a.get(TENANT, t.id())).contains(t);
            }
        }
    }

    @Test
    void concurrentWritersShareCommitsAndAFailingWriteIsUndoneAlone() throws Exception {
        JdbiTaskStore store = track(JdbiTaskStore.sqlite(newFile()));
        int threads = 16;
        int perThread = 40;
        long before = store.database().transactions();
        List<List<String>> outcomes = race(threads, i -> () -> {
            List<String> mine = new ArrayList<>();
            for (int n = 0; n < perThread; n++) {
                // every tenth write of each thread claims an external id another thread claims too
                String externalId = n % 10 == 0 ? "shared-" + n : null;
                Task task = TestTasks.task(TENANT).title("t" + i + "-" + n).externalId(externalId).metadata("k", "v").build();
                try {
                    store.insert(task, Optional.empty());
                    mine.add("ok " + task.id().value());
                } catch (DuplicateExternalIdException e) {
                    mine.add("dup " + externalId);
                }
            }
            return mine;
        });
        long transactions = store.database().transactions() - before;
        List<String> all = outcomes.stream().flatMap(List::stream).toList();
        long inserted = all.stream().filter(o -> o.startsWith("ok ")).count();
        assertThat(all.stream().filter(o -> o.startsWith("dup ")).count()).as("one winner per shared external id")
                .isEqualTo((long) (threads - 1) * (perThread / 10));
        assertThat(store.count(TENANT, TaskFilter.ALL)).isEqualTo(inserted);
        assertThat(rows(store, "task_metadata")).as("no side row of a refused write").isEqualTo(inserted);
        all.stream().filter(o -> o.startsWith("ok ")).forEach(o ->
                assertThat(store.get(TENANT, new dev.tasks.core.TaskId(o.substring(3)))).isPresent());
        assertThat(transactions).as("writes of concurrent callers share commits").isLessThan((long) threads * perThread);
    }

    // ------------------------------------------------------------------ dialect detection

    @Test
    void anUnsupportedDatabaseIsRefusedNamingItsProduct() {
        DataSource sqlite = dataSource(newFile());
        DataSource other = new PooledDataSource(sqlite) {
            @Override
            public Connection getConnection() throws java.sql.SQLException {
                Connection real = super.getConnection();
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("getMetaData")) {
                                return productNamed("FancyDB");
                            }
                            try {
                                return method.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
        assertThatThrownBy(() -> JdbiTaskStore.create(other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'FancyDB'")
                .hasMessageContaining("SQLite and PostgreSQL");
        assertThatThrownBy(() -> JdbiTaskStore.create(Jdbi.create(other), Migrations.VERIFY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'FancyDB'");
    }

    private static DatabaseMetaData productNamed(String name) {
        return (DatabaseMetaData) Proxy.newProxyInstance(DatabaseMetaData.class.getClassLoader(), new Class<?>[] {DatabaseMetaData.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getDatabaseProductName")) {
                        return name;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void theDialectIsDetectedFromAJdbi() {
        JdbiTaskStore store = track(JdbiTaskStore.create(Jdbi.create(dataSource(newFile()))));
        assertThat(store.dialect()).isEqualTo(Dialect.SQLITE);
        assertThat(store).hasToString("JdbiTaskStore[SQLITE]");
        assertThat(Dialect.ofProductName("PostgreSQL")).contains(Dialect.POSTGRESQL);
        assertThat(Dialect.ofProductName("H2")).isEmpty();
    }
}
