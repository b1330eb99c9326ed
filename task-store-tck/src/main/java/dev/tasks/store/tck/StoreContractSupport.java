package dev.tasks.store.tck;

import dev.tasks.core.SortDirection;
import dev.tasks.core.SortField;
import dev.tasks.core.SortPosition;
import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskSort;
import dev.tasks.core.TenantId;
import dev.tasks.core.TrashFilter;
import dev.tasks.core.store.IdempotencyOperation;
import dev.tasks.core.store.IdempotencyRecord;
import dev.tasks.core.store.PageRequest;
import dev.tasks.core.store.TaskStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every part of the contract shares: the store under test (a fresh one for each test method,
 * in {@link #store}), two tenants, and helpers to insert and list tasks.
 *
 * <p>Extend {@link TaskStoreContract} to run the whole contract; extend a part ({@link CrudContract},
 * {@link QueryContract}, …) only to run that part.
 */
public abstract class StoreContractSupport {

    /** The tenant most tests work in. */
    protected static final TenantId TENANT_A = TenantId.of("tenant-a");

    /** Another tenant, whose tasks tenant A must never see; its name holds a supplementary character. */
    protected static final TenantId TENANT_B = TenantId.of("tenant-\u03b2-\uD83C\uDF89");

    /** A fixed time that tests start from. */
    protected static final Instant T0 = TestTasks.DEFAULT_TIME;

    /** Lists everything, trashed or not. */
    protected static final TaskFilter EVERYTHING = TaskFilter.builder().trashed(TrashFilter.INCLUDE).build();

    /** Oldest first. */
    protected static final TaskSort CREATED_ASC = TaskSort.by(SortField.CREATED_AT, SortDirection.ASC);

    /** The store under test: a fresh, empty one for each test method. */
    protected TaskStore store;

    /** Made by subclasses. */
    protected StoreContractSupport() {
    }

    /**
     * Makes the store to test. Called before each test method and, in property tests, once per
     * generated example.
     *
     * @return a new, empty store
     */
    protected abstract TaskStore newStore();

    /**
     * Releases a store made by {@link #newStore()}; by default closes it if it is
     * {@link AutoCloseable}.
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

    /** Makes the store for one test method. */
    @BeforeEach
    protected final void openStoreForTest() {
        store = Objects.requireNonNull(newStore(), "newStore() returned null");
    }

    /** Releases the store of one test method. */
    @AfterEach
    protected final void closeStoreAfterTest() {
        if (store != null) {
            closeStore(store);
            store = null;
        }
    }

    /**
     * Starts a test task of tenant A.
     *
     * @return the builder
     */
    protected static TestTasks.Builder taskA() {
        return TestTasks.task(TENANT_A);
    }

    /**
     * Starts a test task of tenant B.
     *
     * @return the builder
     */
    protected static TestTasks.Builder taskB() {
        return TestTasks.task(TENANT_B);
    }

    /**
     * Inserts tasks without idempotency records.
     *
     * @param tasks the tasks
     * @return the tasks, in order
     */
    protected List<Task> insert(Task... tasks) {
        for (Task t : tasks) {
            store.insert(t, Optional.empty());
        }
        return List.of(tasks);
    }

    /**
     * Inserts one task without an idempotency record.
     *
     * @param task the task
     * @return the task
     */
    protected Task insertOne(Task task) {
        store.insert(task, Optional.empty());
        return task;
    }

    /**
     * One page.
     *
     * @param tenant the tenant
     * @param filter which tasks
     * @param sort the order
     * @param after where the previous page ended, or null
     * @param offset how many to skip
     * @param limit the most to return
     * @return the page
     */
    protected List<Task> page(TenantId tenant, TaskFilter filter, TaskSort sort, SortPosition after, int offset, int limit) {
        return store.find(tenant, new PageRequest(filter, sort, Optional.ofNullable(after), offset, limit));
    }

    /**
     * Every task a filter selects, in one page of at most 10,000.
     *
     * @param tenant the tenant
     * @param filter which tasks
     * @param sort the order
     * @return the tasks
     */
    protected List<Task> findAll(TenantId tenant, TaskFilter filter, TaskSort sort) {
        return page(tenant, filter, sort, null, 0, 10_000);
    }

    /**
     * Every task a filter selects, walked page by page with keyset positions.
     *
     * @param tenant the tenant
     * @param filter which tasks
     * @param sort the order
     * @param pageSize the page size
     * @return the concatenated pages
     */
    protected List<Task> walk(TenantId tenant, TaskFilter filter, TaskSort sort, int pageSize) {
        return walk(store, tenant, filter, sort, pageSize, 10_000);
    }

    /**
     * Walks every page of a query with keyset positions, stopping after a short page.
     *
     * @param store the store
     * @param tenant the tenant
     * @param filter which tasks
     * @param sort the order
     * @param pageSize the page size
     * @param maxPages a bound that a correct store never reaches
     * @return the concatenated pages
     * @throws AssertionError if a page is larger than the page size or the bound is reached
     */
    static List<Task> walk(TaskStore store, TenantId tenant, TaskFilter filter, TaskSort sort, int pageSize, int maxPages) {
        List<Task> all = new ArrayList<>();
        Optional<SortPosition> after = Optional.empty();
        for (int pages = 0; pages <= maxPages; pages++) {
            List<Task> page = store.find(tenant, new PageRequest(filter, sort, after, 0, pageSize));
            if (page.size() > pageSize) {
                throw new AssertionError("a page of limit " + pageSize + " held " + page.size() + " tasks");
            }
            all.addAll(page);
            if (page.size() < pageSize) {
                return all;
            }
            after = Optional.of(SortPosition.of(page.get(page.size() - 1), sort));
        }
        throw new AssertionError("the page walk did not end after " + maxPages + " pages; pages repeat");
    }

    /**
     * Checks that a tenant's task, read back, equals the expected task, naming the components that
     * differ.
     *
     * @param expected the task the store must hold, tenant and id included
     */
    protected void assertStored(Task expected) {
        Optional<Task> actual = store.get(expected.tenantId(), expected.id());
        if (actual.isEmpty()) {
            throw new AssertionError("Expected the store to hold task " + expected.id() + " of tenant " + expected.tenantId()
                    + " but get() found nothing");
        }
        TaskAssertions.assertThat(actual.get()).hasSameStateAs(expected);
    }

    /**
     * Checks that a tenant has no task with an id.
     *
     * @param tenant the tenant
     * @param id the id
     */
    protected void assertAbsent(TenantId tenant, TaskId id) {
        Optional<Task> actual = store.get(tenant, id);
        if (actual.isPresent()) {
            throw new AssertionError("Expected tenant " + tenant + " to have no task " + id + " but get() found " + actual.get());
        }
    }

    /**
     * The ids of tasks, in order.
     *
     * @param tasks tasks
     * @return their ids
     */
    protected static List<TaskId> ids(List<Task> tasks) {
        return tasks.stream().map(Task::id).toList();
    }

    /**
     * The ids of tasks, in order.
     *
     * @param tasks tasks
     * @return their ids
     */
    protected static List<TaskId> ids(Task... tasks) {
        return ids(List.of(tasks));
    }

    /**
     * An idempotency record.
     *
     * @param tenant the tenant
     * @param operation the operation
     * @param key the key
     * @param taskId the task it produced
     * @param createdAt when
     * @param ttl how long until it expires
     * @return the record, fingerprinted {@code fp-<key>-<taskId>}
     */
    protected static IdempotencyRecord record(TenantId tenant, IdempotencyOperation operation, String key, TaskId taskId,
                                              Instant createdAt, Duration ttl) {
        return new IdempotencyRecord(tenant, operation, key, "fp-" + key + "-" + taskId, taskId, createdAt, createdAt.plus(ttl));
    }

    /**
     * An idempotency record of a create in tenant A that expires after 24 hours.
     *
     * @param key the key
     * @param task the task it produced
     * @return the record, created at the task's creation time
     */
    protected static IdempotencyRecord createRecord(String key, Task task) {
        return record(task.tenantId(), IdempotencyOperation.CREATE, key, task.id(), task.createdAt(), Duration.ofHours(24));
    }
}
