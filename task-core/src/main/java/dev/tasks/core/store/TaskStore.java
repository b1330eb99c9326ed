package dev.tasks.core.store;

import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskId;
import dev.tasks.core.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where tasks are kept. A store stores, finds and compares versions; it decides no domain rule.
 *
 * <p>The contract, which {@code task-store-tck} checks:
 * <ul>
 *   <li>Every method is atomic and safe to call from many threads at once; a write either happens
 *       whole (task, relationships, metadata and idempotency record) or not at all.</li>
 *   <li>Every read and write is inside one tenant: a task of another tenant is never returned,
 *       counted, changed or deleted.</li>
 *   <li>A task read back equals the task written ({@link Task#equals}), instants included.</li>
 *   <li>Pages follow {@link dev.tasks.core.TaskFilter#matches} and {@link dev.tasks.core.TaskSort#comparator()}
 *       exactly; {@link #count} agrees with them.</li>
 *   <li>Checks come before any change, in this order: on insert the id, the external id, the
 *       idempotency key; on update the version (a missing task or another version answers
 *       {@code false}), the external id, the idempotency key. An idempotency record always belongs to
 *       the tenant of the task written with it.</li>
 *   <li>A store does not judge versions or timestamps: the service hands it the next state.</li>
 *   <li>Failures are {@link TaskStoreException}s whose messages leak no SQL or driver detail; clashes
 *       are its subclasses.</li>
 * </ul>
 */
public interface TaskStore {

    /**
     * Inserts a new task, and its idempotency record in the same transaction.
     *
     * <p>An existing record with the same tenant, operation and key that has expired by the new
     * record's {@code createdAt} is replaced.
     *
     * @param task the task, version 1
     * @param idempotency the record of the request's key, if it has one
     * @throws DuplicateTaskIdException if a task with this id exists, in any tenant
     * @throws DuplicateExternalIdException if another task of the tenant has this external id
     * @throws DuplicateIdempotencyKeyException if an unexpired record with this tenant, operation and key exists
     * @throws TaskStoreException if the store fails
     */
    void insert(Task task, Optional<IdempotencyRecord> idempotency);

    /**
     * Inserts new tasks in one transaction: all of them, or none. No idempotency records.
     *
     * @param tasks the tasks, version 1 each
     * @throws DuplicateTaskIdException if a task with one of the ids exists (in any tenant), or two have
     *     the same id; nothing is written
     * @throws DuplicateExternalIdException if another task of a tenant has one of the external ids, or
     *     two tasks of one tenant have the same; nothing is written
     * @throws TaskStoreException if the store fails; nothing is written
     */
    void insertAll(List<Task> tasks);

    /**
     * Finds a task by id.
     *
     * @param tenant the caller's tenant
     * @param id the id
     * @return the task, or empty if the tenant has no task with this id
     */
    Optional<Task> get(TenantId tenant, TaskId id);

    /**
     * Finds a task by external id.
     *
     * @param tenant the caller's tenant
     * @param externalId the external id
     * @return the task, or empty if the tenant has no task with this external id
     */
    Optional<Task> findByExternalId(TenantId tenant, String externalId);

    /**
     * Replaces a task if its stored version is still {@code expectedVersion} (compare-and-set), and
     * stores an idempotency record in the same transaction.
     *
     * @param task the new state: same tenant and id, the next version
     * @param expectedVersion the version the change was computed from
     * @param idempotency the record of the request's key, if it has one (replacing an expired one as
     *     {@link #insert} does)
     * @return true if replaced; false if the task is gone or its version is not {@code expectedVersion}
     * @throws DuplicateExternalIdException if another task of the tenant has the new external id
     * @throws DuplicateIdempotencyKeyException if an unexpired record with this tenant, operation and key exists
     * @throws TaskStoreException if the store fails
     */
    boolean update(Task task, long expectedVersion, Optional<IdempotencyRecord> idempotency);

    /**
     * Replaces {@code previous} with {@code next} if the stored version is still
     * {@code previous.version()}: {@link #update(Task, long, Optional)}, told what is stored.
     *
     * <p>{@code previous} must be the task as this store returned it (by {@link #get} or
     * {@link #find}), unchanged: when the stored version is still {@code previous.version()}, the stored
     * task is {@code previous}, since every change moves the version. That holds as long as a deleted
     * task's id is not inserted again while a copy of it is held (the service never reuses an id: it
     * draws a new one for every create); a task inserted again under the same id at the same version
     * would pass the comparison, and only what differs from the copy would be written. A store may then write only what
     * differs between the two without reading the task again; the service calls this form with the task
     * it has just loaded. A {@code previous} whose version has moved on answers {@code false}, as a stale
     * expected version does.
     *
     * <p>The default calls {@link #update(Task, long, Optional)} with {@code previous.version()}.
     *
     * @param previous the stored task the change was computed from
     * @param next the new state: same tenant and id, the next version
     * @param idempotency the record of the request's key, if it has one
     * @return true if replaced; false if the task is gone or its version is not {@code previous.version()}
     * @throws IllegalArgumentException if {@code previous} and {@code next} differ in tenant or id
     * @throws DuplicateExternalIdException if another task of the tenant has the new external id
     * @throws DuplicateIdempotencyKeyException if an unexpired record with this tenant, operation and key exists
     * @throws TaskStoreException if the store fails
     */
    default boolean update(Task previous, Task next, Optional<IdempotencyRecord> idempotency) {
        requireSameTask(previous, next);
        return update(next, previous.version(), idempotency);
    }

    /**
     * Checks that two states are of one task, as {@link #update(Task, Task, Optional)} requires.
     *
     * @param previous the stored state
     * @param next the new state
     * @throws IllegalArgumentException if they differ in tenant or id
     */
    static void requireSameTask(Task previous, Task next) {
        java.util.Objects.requireNonNull(previous, "previous");
        java.util.Objects.requireNonNull(next, "next");
        if (!previous.id().equals(next.id()) || !previous.tenantId().equals(next.tenantId())) {
            throw new IllegalArgumentException("previous is task " + previous.id() + " of tenant " + previous.tenantId()
                    + " but next is task " + next.id() + " of tenant " + next.tenantId());
        }
    }

    /**
     * Stores an idempotency record alone, for a request that succeeded without changing anything (an
     * update that changed nothing), so that the key is held for it like for any other request.
     *
     * @param idempotency the record; an expired record with the same tenant, operation and key is replaced
     * @throws DuplicateIdempotencyKeyException if an unexpired record with this tenant, operation and key exists
     * @throws TaskStoreException if the store fails
     */
    void putIdempotencyRecord(IdempotencyRecord idempotency);

    /**
     * Deletes a task for good if its stored version is still {@code expectedVersion}. Idempotency
     * records that name it are kept: they expire as usual, and a replay then finds no task.
     *
     * @param tenant the caller's tenant
     * @param id the id
     * @param expectedVersion the version the caller saw
     * @return true if deleted; false if the task is gone or its version differs
     * @throws TaskStoreException if the store fails
     */
    boolean delete(TenantId tenant, TaskId id, long expectedVersion);

    /**
     * Finds one page of tasks.
     *
     * @param tenant the caller's tenant
     * @param request the filter, sort, start and size of the page
     * @return at most {@code request.limit()} tasks, in order
     * @throws TaskStoreException if the store fails
     */
    List<Task> find(TenantId tenant, PageRequest request);

    /**
     * Counts the tasks a filter selects.
     *
     * @param tenant the caller's tenant
     * @param filter which tasks
     * @return how many of the tenant's tasks match
     * @throws TaskStoreException if the store fails
     */
    long count(TenantId tenant, TaskFilter filter);

    /**
     * Finds the record of an idempotency key, expired or not.
     *
     * @param tenant the caller's tenant
     * @param operation the operation the key belongs to
     * @param key the key
     * @return the record, or empty if none is stored
     * @throws TaskStoreException if the store fails
     */
    Optional<IdempotencyRecord> findIdempotencyRecord(TenantId tenant, IdempotencyOperation operation, String key);

    /**
     * Deletes the idempotency records that have expired.
     *
     * @param now records whose {@code expiresAt} is at or before this are deleted
     * @return how many were deleted
     * @throws TaskStoreException if the store fails
     */
    int purgeExpiredIdempotencyRecords(Instant now);
}
