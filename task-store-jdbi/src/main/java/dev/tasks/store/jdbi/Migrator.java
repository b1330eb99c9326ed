package dev.tasks.store.jdbi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * Applies the schema's migration scripts, or checks that they were applied.
 *
 * <p>The scripts are {@code V<n>__<name>.sql} in {@link Dialect#migrationLocation()}, listed in
 * {@link #SCRIPTS}; each ends by recording its version in {@code task_schema_version}. The migrator
 * runs, in one transaction under a lock that other processes also take ({@code BEGIN IMMEDIATE} on
 * SQLite, {@code pg_advisory_xact_lock} on PostgreSQL): create {@code task_schema_version} if missing,
 * read the highest version recorded, run every script above it in order, check that each recorded its
 * version. A process that waited for the lock finds the work done and changes nothing.
 */
final class Migrator {

    /** The scripts, in order: version n is SCRIPTS.get(n - 1). */
    static final List<String> SCRIPTS = List.of("V1__tasks.sql");

    /** The version the store needs: the last script's. */
    static final int LATEST = SCRIPTS.size();

    /** The key of PostgreSQL's advisory lock around migrations: "tasks" in ASCII. */
    private static final long ADVISORY_LOCK_KEY = 0x7461736b73L;

    private static final String VERSION_TABLE_SQLITE = "CREATE TABLE IF NOT EXISTS task_schema_version ("
            + "version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL)";
    private static final String VERSION_TABLE_POSTGRESQL = "CREATE TABLE IF NOT EXISTS task_schema_version ("
            + "version integer NOT NULL PRIMARY KEY, description text NOT NULL)";

    private Migrator() {
    }

    /** Applies the missing scripts; answers the version the database has afterwards. */
    static int migrate(Database database) {
        SqlDialect dialect = database.dialect();
        return database.write(handle -> {
            if (dialect.dialect() == Dialect.POSTGRESQL) {
                requireUtf8(handle);
                handle.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(" + ADVISORY_LOCK_KEY + ")) AS locked")
                        .mapTo(Integer.class).one();
                handle.execute(VERSION_TABLE_POSTGRESQL);
            } else {
                handle.execute(VERSION_TABLE_SQLITE);
            }
            int current = recordedVersion(handle).orElse(0);
            for (int version = current + 1; version <= LATEST; version++) {
                handle.createScript(script(dialect.dialect(), version)).executeAsSeparateStatements();
                int recorded = recordedVersion(handle).orElse(0);
                if (recorded != version) {
                    throw new IllegalStateException("migration script " + SCRIPTS.get(version - 1) + " did not record version " + version);
                }
            }
            return Math.max(current, LATEST);
        });
    }

    /**
     * Checks that the schema was migrated by someone else to at least {@link #LATEST}.
     *
     * @throws IllegalStateException if it was not
     */
    static int verify(Database database) {
        Optional<Integer> version;
        try {
            version = database.readOnce(Migrator::recordedVersion);
        } catch (JdbiException e) {
            throw new IllegalStateException("the task store's schema is missing: the table task_schema_version cannot be read; "
                    + "apply the scripts in " + database.dialect().dialect().migrationLocation()
                    + " or construct the store with Migrations.APPLY", e);
        }
        int recorded = version.orElse(0);
        if (recorded < LATEST) {
            throw new IllegalStateException("the task store needs schema version " + LATEST + " but the database records version "
                    + recorded + "; apply the scripts in " + database.dialect().dialect().migrationLocation()
                    + " or construct the store with Migrations.APPLY");
        }
        return recorded;
    }

    private static Optional<Integer> recordedVersion(Handle handle) {
        return handle.createQuery("SELECT max(version) FROM task_schema_version").mapTo(Integer.class).findOne();
    }

    private static void requireUtf8(Handle handle) {
        String encoding = handle.createQuery("SHOW server_encoding").mapTo(String.class).one();
        if (!"UTF8".equalsIgnoreCase(encoding)) {
            throw new IllegalStateException("the task store needs a PostgreSQL database in UTF8 to keep every character; this one is "
                    + encoding);
        }
    }

    /** The text of one script, from the class path. */
    static String script(Dialect dialect, int version) {
        String resource = dialect.migrationLocation() + "/" + SCRIPTS.get(version - 1);
        try (InputStream in = Migrator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing migration script on the class path: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration script " + resource, e);
        }
    }
}
