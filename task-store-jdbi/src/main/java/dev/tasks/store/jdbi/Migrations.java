package dev.tasks.store.jdbi;

/**
 * Who applies the store's schema migrations: the store at start-up, or the application's own tool.
 *
 * <p>The migrations are numbered SQL scripts per dialect on the class path
 * ({@link Dialect#migrationLocation()}, {@code V1__tasks.sql}, …). Each script records its own
 * version in the table {@code task_schema_version}, so the version is recorded whoever applies it.
 */
public enum Migrations {
    /**
     * The store applies the scripts that the database lacks when it is constructed (the default), in
     * one transaction under a lock ({@code BEGIN IMMEDIATE} on SQLite, {@code pg_advisory_xact_lock} on
     * PostgreSQL), so that several processes starting at once apply each script exactly once.
     */
    APPLY,
    /**
     * The application applies the scripts with its own tool (Flyway, Liquibase, …); the store only
     * checks, when it is constructed, that {@code task_schema_version} records at least
     * {@link JdbiTaskStore#SCHEMA_VERSION}, and fails with an {@link IllegalStateException} naming both
     * versions if not.
     */
    VERIFY
}
