package dev.tasks.reliability.load;

import dev.tasks.core.store.TaskStore;
import dev.tasks.store.jdbi.JdbiTaskStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load scenario on a SQLite file with the default options (WAL, one writer connection, 4
 * readers): 16 threads meet the writer lock and the reader pool, and must never see {@code SQLITE_BUSY}
 * (it would escape as {@code storage_failure}, an unexpected exception).
 */
class LoadSqliteStoreTest extends LoadTestBase {

    @TempDir
    Path dir;

    @Override
    String storeName() {
        return "sqlite";
    }

    @Override
    TaskStore openStore() {
        return JdbiTaskStore.sqlite(dir.resolve("load.db"));
    }

    @Override
    void closeStore(TaskStore store) {
        ((JdbiTaskStore) store).close();
    }
}
