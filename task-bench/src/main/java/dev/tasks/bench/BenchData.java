package dev.tasks.bench;

import dev.tasks.core.Task;
import dev.tasks.core.store.TaskStore;
import dev.tasks.store.jdbi.Dialect;
import dev.tasks.store.jdbi.JdbiTaskStore;
import dev.tasks.store.jdbi.SqliteOptions;
import dev.tasks.store.memory.InMemoryTaskStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;

/**
 * Where the data sets live, and how they are built once and reused.
 *
 * <ul>
 *   <li>The folder: {@code -Dtasks.bench.data=DIR} or the environment variable {@code TASKS_BENCH_DATA};
 *       by default {@code bench-data} beside {@code benchmarks.jar} (so {@code task-bench/target/bench-data}).</li>
 *   <li>SQLite: one file per data set, {@code sqlite/<name>-<key>.db}, written once and then only read.</li>
 *   <li>PostgreSQL: one database per data set, {@code b_<name>_<key>}, on the one embedded server whose
 *       data directory is {@code pg/} in the same folder.</li>
 *   <li>Memory: built in each benchmark JVM (a million tasks take a few seconds).</li>
 * </ul>
 *
 * <p>The {@code key} is a hash of the generator's version and of the library's migration scripts, so
 * that a change of schema (schema V1 is still edited in place) or of the generated rows builds new data
 * instead of measuring the old. The library's own migration makes every schema: the store is opened on
 * the empty database first.
 *
 * <p>Rows are written with raw JDBC batches, one transaction per {@value #CHUNK} tasks, interleaving the
 * tenants as they would be created (task {@code k} of every tenant, then {@code k + 1}): the rows need
 * chosen times (creation over a span, later updates, the trash, completions) that the service takes
 * from its clock, and batches are what make a million tasks quick to load. The secondary indexes are
 * dropped before the load and made again after it from the statements the migration left in the
 * database ({@code sqlite_master}, {@code pg_indexes}), so each is built once, sorted, and the schema
 * ends exactly as the migration made it. On SQLite the loading connection runs with
 * {@code synchronous=OFF}, a 1 GiB page cache and without foreign-key checks (the generated rows are
 * consistent); afterwards the store is opened and closed once, which runs its {@code PRAGMA optimize}, so
 * that SQLite's planner has statistics before any benchmark (library or raw) reads. On PostgreSQL the data
 * is {@code VACUUM ANALYZE}d before use.
 */
final class BenchData {

    static final String DATA_PROPERTY = "tasks.bench.data";
    private static final int CHUNK = 10_000;
    private static String key;

    private BenchData() {
    }

    /** The folder of the data sets. */
    static Path root() {
        String given = System.getProperty(DATA_PROPERTY, System.getenv("TASKS_BENCH_DATA"));
        if (given != null && !given.isBlank()) {
            return Path.of(given).toAbsolutePath();
        }
        try {
            Path code = Path.of(BenchData.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(code)) {
                return code.getParent().resolve("bench-data");
            }
            return code.getParent().resolve("bench-data"); // target/classes -> target/bench-data
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("target", "bench-data").toAbsolutePath();
        }
    }

    /** The hash that names cached data: the generator's version and the library's migration scripts. */
    static synchronized String key() {
        if (key == null) {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update(("generator " + TaskGenerator.VERSION + "\n").getBytes(StandardCharsets.UTF_8));
                for (Dialect dialect : Dialect.values()) {
                    for (var script : migrationScripts(dialect).entrySet()) {
                        sha.update(script.getKey().getBytes(StandardCharsets.UTF_8));
                        sha.update(script.getValue());
                    }
                }
                key = HexFormat.of().formatHex(sha.digest()).substring(0, 10);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return key;
    }

    /** Every file in the dialect's migration folder, by name, read from wherever the library's classes are. */
    private static TreeMap<String, byte[]> migrationScripts(Dialect dialect) {
        String folder = dialect.migrationLocation() + "/";
        TreeMap<String, byte[]> scripts = new TreeMap<>();
        try {
            Path code = Path.of(JdbiTaskStore.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(code)) {
                Path dir = code.resolve(folder);
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        scripts.put(file.getFileName().toString(), Files.readAllBytes(file));
                    }
                }
            } else {
                try (JarFile jar = new JarFile(code.toFile())) {
                    for (JarEntry entry : (Iterable<JarEntry>) jar.stream()::iterator) {
                        if (entry.getName().startsWith(folder) && !entry.isDirectory()) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                scripts.put(entry.getName().substring(folder.length()), in.readAllBytes());
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the library's migration scripts", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (scripts.isEmpty()) {
            throw new IllegalStateException("no migration scripts found in " + folder);
        }
        return scripts;
    }

    /** The tasks of a data set in creation order (tenants interleaved), a chunk at a time. */
    interface ChunkConsumer {
        void accept(List<Task> chunk) throws Exception;
    }

    /**
     * Hands the tasks of a data set to {@code consumer} in creation order, a chunk at a time. A second
     * thread makes the next chunks while the consumer writes (two cores: generating and writing overlap).
     */
    static void generate(DataSet dataSet, ChunkConsumer consumer) throws Exception {
        TaskGenerator generator = new TaskGenerator(dataSet);
        BlockingQueue<List<Task>> ready = new ArrayBlockingQueue<>(2);
        List<Task> end = List.of();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try {
                List<Task> chunk = new ArrayList<>(CHUNK);
                for (int k = 0; k < dataSet.tasksPerTenant(); k++) {
                    for (int t = 0; t < dataSet.tenants(); t++) {
                        chunk.add(generator.task(t, k));
                        if (chunk.size() == CHUNK) {
                            ready.put(chunk);
                            chunk = new ArrayList<>(CHUNK);
                        }
                    }
                }
                if (!chunk.isEmpty()) {
                    ready.put(chunk);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                failed.set(e);
            } finally {
                try {
                    ready.put(end);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "task-bench-generator");
        producer.setDaemon(true);
        producer.start();
        try {
            for (List<Task> chunk = ready.take(); chunk != end; chunk = ready.take()) {
                consumer.accept(chunk);
            }
        } finally {
            producer.interrupt();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("generating " + dataSet.name() + " failed", failed.get());
        }
    }

    // ------------------------------------------------------------------ memory

    /** A memory store holding a data set, loaded through the bulk path, {@link TaskStore#insertAll}, a chunk at a time. */
    static InMemoryTaskStore memory(DataSet dataSet) {
        InMemoryTaskStore store = new InMemoryTaskStore();
        try {
            generate(dataSet, store::insertAll);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return store;
    }

    // ------------------------------------------------------------------ SQLite

    /** Whether a data set's SQLite file is built already. */
    static boolean sqliteBuilt(DataSet dataSet) {
        Path file = sqliteFile(dataSet);
        return Files.exists(file) && Files.exists(file.resolveSibling(file.getFileName() + ".done"));
    }

    private static Path sqliteFile(DataSet dataSet) {
        return root().resolve("sqlite").resolve(dataSet.slug() + "-" + key() + ".db");
    }

    /** The SQLite file of a data set, built if missing. Only read from: copy it to write ({@link #sqliteCopy}). */
    static synchronized Path sqlite(DataSet dataSet) {
        Path file = sqliteFile(dataSet);
        Path done = file.resolveSibling(file.getFileName() + ".done");
        if (Files.exists(done) && Files.exists(file)) {
            return file;
        }
        long start = System.nanoTime();
        log("building SQLite data set " + dataSet.name() + " in " + file);
        try {
            deleteSqlite(file);
            Files.createDirectories(file.getParent());
            JdbiTaskStore.sqlite(file, SqliteOptions.defaults()).close(); // the library's migration
            long migrated = System.nanoTime();
            SQLiteConfig config = RawTaskDao.sqliteConfig();
            config.enforceForeignKeys(false);
            config.setSynchronous(SQLiteConfig.SynchronousMode.OFF);
            config.setCacheSize(-1_048_576); // 1 GiB of page cache while loading
            config.setTempStore(SQLiteConfig.TempStore.MEMORY);
            try (Connection c = config.createConnection("jdbc:sqlite:" + file)) {
                List<String> indexes = withoutSecondaryIndexes(c, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL");
                c.setAutoCommit(false);
                generate(dataSet, chunk -> {
                    RawTaskDao.insertTasks(RawTaskDao.Kind.SQLITE, c, chunk);
                    c.commit();
                });
                c.setAutoCommit(true);
                recreate(c, indexes);
            }
            long loaded = System.nanoTime();
            // Statistics for the planner, as the store gathers them when it opens and closes.
            JdbiTaskStore.sqlite(file, SqliteOptions.defaults()).close();
            Files.writeString(done, dataSet + "\n");
            log(String.format(Locale.ROOT, "  migration %.1f s, rows %.1f s, statistics %.1f s", (migrated - start) / 1e9,
                    (loaded - migrated) / 1e9, (System.nanoTime() - loaded) / 1e9));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the SQLite data set " + dataSet.name(), e);
        }
        log(String.format(Locale.ROOT, "built SQLite data set %s (%,d tasks) in %.1f s", dataSet.name(), dataSet.totalTasks(),
                (System.nanoTime() - start) / 1e9));
        return file;
    }

    /**
     * Drops the secondary indexes the migration made, answering the statements that made them, so
     * that a load can fill the tables first and build each index once, sorted, afterwards: several
     * times faster than growing ten indexes row by row. The statements are the migration's own text
     * (as the database recorded it), so the schema after {@link #recreate} is the library's exactly.
     */
    private static List<String> withoutSecondaryIndexes(Connection c, String listing) throws SQLException {
        List<String[]> found = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(listing)) {
            while (rs.next()) {
                found.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        List<String> statements = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            for (String[] index : found) {
                s.execute("DROP INDEX " + index[0]);
                statements.add(index[1]);
            }
        }
        return statements;
    }

    private static void recreate(Connection c, List<String> indexes) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : indexes) {
                s.execute(sql);
            }
        }
    }

    /** A private copy of a data set's SQLite file, to write to; delete it with {@link #deleteSqlite}. */
    static Path sqliteCopy(DataSet dataSet) {
        Path source = sqlite(dataSet);
        Path copy = root().resolve("tmp").resolve("write-" + UUID.randomUUID() + ".db");
        try {
            Files.createDirectories(copy.getParent());
            Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }

    /** Deletes a SQLite file and its WAL and shared-memory files. */
    static void deleteSqlite(Path file) {
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            try {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    // ------------------------------------------------------------------ PostgreSQL

    /** The PostgreSQL database of a data set, built if missing. Only read from: copy it to write. */
    static synchronized String postgres(DataSet dataSet) {
        String name = "b_" + dataSet.slug() + "_" + key();
        if (databaseExists(name)) {
            return name;
        }
        long start = System.nanoTime();
        String building = "bt_" + dataSet.slug() + "_" + key();
        log("building PostgreSQL data set " + dataSet.name() + " in database " + name);
        // Data of older keys for this data set would only fill the disk.
        for (String old : databases("b_" + dataSet.slug() + "\\_%")) {
            BenchPostgres.admin("DROP DATABASE IF EXISTS " + old + " WITH (FORCE)");
        }
        BenchPostgres.admin("DROP DATABASE IF EXISTS " + building + " WITH (FORCE)",
                "CREATE DATABASE " + building + " ENCODING 'UTF8' TEMPLATE template0");
        try {
            JdbiTaskStore.create(BenchPostgres.dataSource(building)); // the library's migration
            PGSimpleDataSource loader = (PGSimpleDataSource) BenchPostgres.dataSource(building);
            loader.setReWriteBatchedInserts(true); // multi-row INSERTs: a faster load
            try (Connection c = loader.getConnection()) {
                List<String> indexes = withoutSecondaryIndexes(c, "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
                        + "AND indexname NOT IN (SELECT conname FROM pg_constraint)");
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute("SET synchronous_commit = off"); // the load is redone if it fails
                }
                generate(dataSet, chunk -> {
                    RawTaskDao.insertTasks(RawTaskDao.Kind.POSTGRES, c, chunk);
                    c.commit();
                });
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("SET maintenance_work_mem = '512MB'");
                }
                recreate(c, indexes);
                try (Statement s = c.createStatement()) {
                    s.execute("VACUUM (ANALYZE)");
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the PostgreSQL data set " + dataSet.name(), e);
        }
        BenchPostgres.admin("ALTER DATABASE " + building + " RENAME TO " + name);
        log(String.format(Locale.ROOT, "built PostgreSQL data set %s (%,d tasks) in %.1f s", dataSet.name(), dataSet.totalTasks(),
                (System.nanoTime() - start) / 1e9));
        return name;
    }

    /** A private copy of a data set's database (CREATE DATABASE … TEMPLATE), to write to; drop it with {@link #dropPostgres}. */
    static String postgresCopy(DataSet dataSet) {
        String template = postgres(dataSet);
        String copy = "w_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        BenchPostgres.admin("CREATE DATABASE " + copy + " TEMPLATE " + template);
        return copy;
    }

    static void dropPostgres(String database) {
        BenchPostgres.admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private static boolean databaseExists(String name) {
        return databases(name).contains(name);
    }

    private static List<String> databases(String likePattern) {
        DataSource admin = BenchPostgres.dataSource("postgres");
        List<String> names = new ArrayList<>();
        try (Connection c = admin.getConnection();
             var s = c.prepareStatement("SELECT datname FROM pg_database WHERE datname LIKE ?")) {
            s.setString(1, likePattern);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list PostgreSQL databases", e);
        }
        return names;
    }

    static void log(String message) {
        System.err.println("[task-bench] " + message);
    }
}
