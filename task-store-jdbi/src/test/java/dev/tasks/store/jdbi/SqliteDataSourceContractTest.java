package dev.tasks.store.jdbi;

import dev.tasks.core.store.TaskStore;
import dev.tasks.store.tck.ConcurrencyContract;
import dev.tasks.store.tck.CrudContract;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Nested;

/**
 * Parts of the storage contract against a SQLite store made with {@link JdbiTaskStore#create} on the
 * application's own data source (a pool over {@code SQLiteDataSource}) rather than on a file: the
 * store's write lock and {@code BEGIN IMMEDIATE} must keep it correct under concurrency too.
 */
class SqliteDataSourceContractTest {

    private static final Map<TaskStore, Object[]> OPENED = new ConcurrentHashMap<>();

    static TaskStore open() {
        Path file = SqliteStoreBehaviourTest.newFile();
        PooledDataSource pool = new PooledDataSource(SqliteStoreBehaviourTest.dataSource(file));
        JdbiTaskStore store = JdbiTaskStore.create(pool);
        OPENED.put(store, new Object[] {pool, file});
        return store;
    }

    static void close(TaskStore store) {
        Object[] resources = OPENED.remove(store);
        ((JdbiTaskStore) store).close();
        ((PooledDataSource) resources[0]).close();
        TestFiles.deleteDatabase((Path) resources[1]);
    }

    /** Single-task operations. */
    @Nested
    class Crud extends CrudContract {
        @Override
        protected TaskStore newStore() {
            return open();
        }

        @Override
        protected void closeStore(TaskStore store) {
            close(store);
        }
    }

    /** Racing writers and readers. */
    @Nested
    class Concurrency extends ConcurrencyContract {
        @Override
        protected TaskStore newStore() {
            return open();
        }

        @Override
        protected void closeStore(TaskStore store) {
            close(store);
        }
    }
}
