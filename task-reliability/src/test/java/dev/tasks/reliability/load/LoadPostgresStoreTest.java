package dev.tasks.reliability.load;

import dev.tasks.core.store.TaskStore;
import dev.tasks.store.jdbi.EmbeddedPostgresSupport;
import dev.tasks.store.jdbi.JdbiTaskStore;

/**
 * The load scenario on a real PostgreSQL (the embedded server of the test JVM, a database of its own)
 * through a connection pool: every thread has its own connection, so the compare-and-set and the
 * unique keys of the SQL itself decide the races, not a lock in Java.
 */
class LoadPostgresStoreTest extends LoadTestBase {

    @Override
    String storeName() {
        return "postgresql";
    }

    @Override
    TaskStore openStore() {
        // A database of its own (created afresh by name), so that the counts see only this run.
        return JdbiTaskStore.create(EmbeddedPostgresSupport.database("reliability_load"));
    }

    @Override
    void closeStore(TaskStore store) {
        ((JdbiTaskStore) store).close();
    }
}
