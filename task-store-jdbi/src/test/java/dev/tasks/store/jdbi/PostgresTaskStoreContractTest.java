package dev.tasks.store.jdbi;

import dev.tasks.core.store.TaskStore;
import dev.tasks.store.tck.TaskStoreContract;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Runs the whole storage contract against {@link JdbiTaskStore} on PostgreSQL: one embedded server and
 * one migrated database for the JVM, its tables truncated for each new store.
 */
class PostgresTaskStoreContractTest extends TaskStoreContract {

    private static final DataSource DATABASE = EmbeddedPostgresSupport.database("tck");

    @Override
    protected TaskStore newStore() {
        JdbiTaskStore store = JdbiTaskStore.create(DATABASE);
        try (Connection c = DATABASE.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE tasks, task_relationships, task_metadata, task_idempotency_records CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the tables", e);
        }
        return store;
    }
}
