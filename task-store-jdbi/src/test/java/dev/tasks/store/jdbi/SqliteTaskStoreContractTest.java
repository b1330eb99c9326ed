package dev.tasks.store.jdbi;

import dev.tasks.core.store.TaskStore;
import dev.tasks.store.tck.TaskStoreContract;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs the whole storage contract against {@link JdbiTaskStore} on SQLite: a fresh file per store. */
class SqliteTaskStoreContractTest extends TaskStoreContract {

    private static final Path DIRECTORY = TestFiles.temporaryDirectory("sqlite-tck");
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private final Map<TaskStore, Path> files = new ConcurrentHashMap<>();

    @Override
    protected TaskStore newStore() {
        Path file = DIRECTORY.resolve("tasks-" + COUNTER.incrementAndGet() + ".db");
        JdbiTaskStore store = JdbiTaskStore.sqlite(file);
        files.put(store, file);
        return store;
    }

    @Override
    protected void closeStore(TaskStore store) {
        ((JdbiTaskStore) store).close();
        Path file = files.remove(store);
        if (file != null) {
            TestFiles.deleteDatabase(file);
        }
    }
}
