package dev.tasks.store.tck;

import dev.tasks.core.store.TaskStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The whole storage contract of {@link TaskStore}, as one abstract JUnit Jupiter test class: extend it
 * once and implement {@link #newStore()}.
 *
 * <pre>{@code
 * class MyTaskStoreContractTest extends TaskStoreContract {
 *     @Override
 *     protected TaskStore newStore() {
 *         return new MyTaskStore(freshEmptyDatabase());
 *     }
 * }
 * }</pre>
 *
 * <p>The contract runs as nested test classes, one per part, each calling this class's
 * {@link #newStore()} and {@link #closeStore(TaskStore)}:
 * <ul>
 *   <li>{@link Crud}: insert, get, find by external id, compare-and-set update and delete; exact
 *       round-trips of every component, instants from the year 1 to 9999, maximum-length and
 *       supplementary-character strings; clashes refused with nothing written.</li>
 *   <li>{@link Queries}: every filter criterion with its boundaries, every sort and direction with its
 *       ties, offsets, limits, keyset positions, page walks, count; and a property over generated tasks
 *       and queries.</li>
 *   <li>{@link Idempotency}: records stored with their task or alone, found, refused while unexpired,
 *       replaced once expired, purged.</li>
 *   <li>{@link TenantIsolation}: another tenant's tasks and keys do not exist for the caller.</li>
 *   <li>{@link Concurrency}: racing compare-and-set updates, idempotency keys, external ids, ids,
 *       update against delete, and readers beside writers.</li>
 *   <li>{@link StatefulModel}: generated sequences of actions, against a reference model.</li>
 * </ul>
 *
 * <p>Each test method gets a fresh store; the property tests make one per generated example. System
 * properties: {@code tasks.tck.examples} (examples per property), {@code tasks.tck.actions} (most
 * actions per stateful sequence), {@code tasks.tck.threads} (threads in concurrency tests), and
 * QuickTheories' {@code QT_SEED} to replay a failure.
 */
public abstract class TaskStoreContract {

    /** Made by subclasses. */
    protected TaskStoreContract() {
    }

    /**
     * Makes the store to test: a new, empty store (no task and no idempotency record) each time. Called
     * before each test method and once per generated example of the property tests, so it should be
     * cheap (for a database: truncate the tables, or use a new schema or file).
     *
     * @return a new, empty store
     */
    protected abstract TaskStore newStore();

    /**
     * Releases a store made by {@link #newStore()} once its test is over; by default closes it if it
     * is {@link AutoCloseable}.
     *
     * @param store the store
     */
    protected void closeStore(TaskStore store) {
        if (store instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the store failed", e);
            }
        }
    }

    /** The single-task operations. */
    @Nested
    @DisplayName("CRUD")
    class Crud extends CrudContract {
        @Override
        protected TaskStore newStore() {
            return TaskStoreContract.this.newStore();
        }

        @Override
        protected void closeStore(TaskStore store) {
            TaskStoreContract.this.closeStore(store);
        }
    }

    /** Find and count. */
    @Nested
    @DisplayName("Queries")
    class Queries extends QueryContract {
        @Override
        protected TaskStore newStore() {
            return TaskStoreContract.this.newStore();
        }

        @Override
        protected void closeStore(TaskStore store) {
            TaskStoreContract.this.closeStore(store);
        }
    }

    /** Idempotency records. */
    @Nested
    @DisplayName("Idempotency records")
    class Idempotency extends IdempotencyContract {
        @Override
        protected TaskStore newStore() {
            return TaskStoreContract.this.newStore();
        }

        @Override
        protected void closeStore(TaskStore store) {
            TaskStoreContract.this.closeStore(store);
        }
    }

    /** Tenants. */
    @Nested
    @DisplayName("Tenant isolation")
    class TenantIsolation extends TenantIsolationContract {
        @Override
        protected TaskStore newStore() {
            return TaskStoreContract.this.newStore();
        }

        @Override
        protected void closeStore(TaskStore store) {
            TaskStoreContract.this.closeStore(store);
        }
    }

    /** Concurrent use. */
    @Nested
    @DisplayName("Concurrency")
    class Concurrency extends ConcurrencyContract {
        @Override
        protected TaskStore newStore() {
            return TaskStoreContract.this.newStore();
        }

        @Override
        protected void closeStore(TaskStore store) {
            TaskStoreContract.this.closeStore(store);
        }
    }

    /** The stateful property against the reference model. */
    @Nested
    @DisplayName("Stateful model")
    class StatefulModel extends StatefulContract {
        @Override
        protected TaskStore newStore() {
            return TaskStoreContract.this.newStore();
        }

        @Override
        protected void closeStore(TaskStore store) {
            TaskStoreContract.this.closeStore(store);
        }
    }
}
