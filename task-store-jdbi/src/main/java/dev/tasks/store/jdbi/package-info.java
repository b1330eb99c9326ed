/**
 * A {@link dev.tasks.core.store.TaskStore} on JDBI 3 for SQLite and PostgreSQL:
 * {@link dev.tasks.store.jdbi.JdbiTaskStore}, its options ({@link dev.tasks.store.jdbi.SqliteOptions},
 * {@link dev.tasks.store.jdbi.Migrations}) and its dialects ({@link dev.tasks.store.jdbi.Dialect}).
 *
 * <pre>{@code
 * try (JdbiTaskStore store = JdbiTaskStore.sqlite(Path.of("data/tasks.db"))) {
 *     // hand the store to the service builder
 * }
 * }</pre>
 *
 * <p>The schema's migration scripts ship on the class path, per dialect, under
 * {@code dev/tasks/store/jdbi/migration/}.
 */
package dev.tasks.store.jdbi;
