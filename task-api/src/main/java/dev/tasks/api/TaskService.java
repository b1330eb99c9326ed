package dev.tasks.api;

import dev.tasks.core.NewTask;
import dev.tasks.core.RelationshipDefinition;
import dev.tasks.core.Task;
import dev.tasks.core.TaskDefinitions;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskIdGenerator;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.TaskQuery;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.store.TaskStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Tasks, as an application uses them: every rule of the domain enforced, whatever the store.
 *
 * <pre>{@code
 * TaskService tasks = TaskService.builder(new InMemoryTaskStore()).build();
 * Actor alice = Actor.of("acme", "mem_alice", Scope.all());
 *
 * Task t = tasks.create(alice, NewTask.titled("Call the customer back"));
 * t = tasks.update(alice, t.id(), TaskPatch.builder().metadata("region", "north").build());
 * t = tasks.changeStatus(alice, t.id(), TaskStatus.COMPLETE);
 * TaskPage page = tasks.list(alice, TaskQuery.firstPage());
 * }</pre>
 *
 * <p>Every method checks the actor's scope before it reads or writes anything, validates its input
 * before it writes anything (the request itself before the store is called; the limits that hold on
 * the result of a change, and the {@link RelatedEntities} check, after the task is read), and fails only
 * with a {@link TaskException}, except that an exception thrown by the application's own hooks (its
 * {@link RelatedEntities}, {@link TaskIdGenerator} or {@link Clock}) comes out as it was thrown. Writes
 * that change nothing (a status change to the current status, an empty patch) store nothing and return
 * the task as it is. Implementations are thread-safe.
 */
public interface TaskService {

    /**
     * Creates a task. Needs {@link Scope#CREATE}.
     *
     * @param actor the caller; its principal becomes {@code $createdBy} unless the request names one
     * @param task the request
     * @return the new task, version 1
     * @throws TaskValidationException if the request breaks a rule
     * @throws ExternalIdConflictException if another task of the tenant has the external id
     * @throws TaskException for the other failures of the family
     */
    Task create(Actor actor, NewTask task);

    /**
     * Creates a task at most once per idempotency key. A retry with the same request returns the task
     * the first request made, in its current state, marked {@linkplain Written#replayed() replayed};
     * a request that failed stored nothing, so a corrected retry runs. Keys are scoped to the tenant
     * and to creation and expire after the service's time to live (24 hours by default).
     *
     * @param actor the caller
     * @param task the request
     * @param idempotencyKey 1 to 255 printable ASCII characters; null for none (an HTTP layer passes the
     *     header as it came)
     * @return the task, and whether this was a replay
     * @throws IdempotencyKeyReusedException if the key was used for a different request
     * @throws TaskNotFoundException if the key's task has been deleted since
     * @throws TaskException for the other failures, as {@link #create(Actor, NewTask)}
     */
    Written create(Actor actor, NewTask task, String idempotencyKey);

    /**
     * Reads a task. Needs {@link Scope#READ}.
     *
     * @param actor the caller
     * @param id the task's id
     * @return the task, trashed or not
     * @throws TaskNotFoundException if the tenant has no such task
     */
    Task get(Actor actor, TaskId id);

    /**
     * Reads a task if it exists. Needs {@link Scope#READ}.
     *
     * @param actor the caller
     * @param id the task's id
     * @return the task, or empty if the tenant has no such task
     */
    Optional<Task> find(Actor actor, TaskId id);

    /**
     * Reads a task by the application's own id for it. Needs {@link Scope#READ}.
     *
     * @param actor the caller
     * @param externalId the external id
     * @return the task, or empty if the tenant has no task with this external id
     * @throws TaskValidationException if the external id is malformed
     */
    Optional<Task> findByExternalId(Actor actor, String externalId);

    /**
     * Changes a task. Needs {@link Scope#UPDATE}. Without an expected version, a concurrent change is
     * not an error: the patch is applied again to the newer state.
     *
     * @param actor the caller
     * @param id the task's id
     * @param patch what to change
     * @return the task after the change (the same version if nothing changed)
     * @throws TaskNotFoundException if the tenant has no such task
     * @throws TaskTrashedException if the task is in the trash
     * @throws TaskValidationException if the patch, or the task it would make, breaks a rule
     */
    Task update(Actor actor, TaskId id, TaskPatch patch);

    /**
     * Changes a task, with an expected version and an idempotency key. With a key, a retry of the
     * same request returns the task in its current state, marked replayed.
     *
     * @param actor the caller
     * @param id the task's id
     * @param patch what to change
     * @param options the expected version and idempotency key, each optional
     * @return the task after the change, and whether this was a replay
     * @throws VersionConflictException if the task is not at the expected version
     * @throws IdempotencyKeyReusedException if the key was used for a different request
     * @throws TaskException for the other failures, as {@link #update(Actor, TaskId, TaskPatch)}
     */
    Written update(Actor actor, TaskId id, TaskPatch patch, WriteOptions options);

    /**
     * Changes the status. Needs {@link Scope#UPDATE}. Becoming {@code COMPLETE} sets
     * {@code completedAt}; leaving it clears it; the current status changes nothing.
     *
     * @param actor the caller
     * @param id the task's id
     * @param status the new status
     * @return the task after the change
     * @throws TaskNotFoundException if the tenant has no such task
     * @throws TaskTrashedException if the task is in the trash
     */
    Task changeStatus(Actor actor, TaskId id, TaskStatus status);

    /**
     * Changes the status if the task is at the expected version.
     *
     * @param actor the caller
     * @param id the task's id
     * @param status the new status
     * @param expectedVersion the version the task must have
     * @return the task after the change
     * @throws VersionConflictException if it is at another version
     * @throws TaskException for the other failures, as {@link #changeStatus(Actor, TaskId, TaskStatus)}
     */
    Task changeStatus(Actor actor, TaskId id, TaskStatus status, long expectedVersion);

    /**
     * Moves a task to the trash, where it accepts no change but restore and delete and is left out of
     * lists by default. Needs {@link Scope#DELETE}. Trashing a trashed task changes nothing.
     *
     * @param actor the caller
     * @param id the task's id
     * @return the trashed task
     * @throws TaskNotFoundException if the tenant has no such task
     */
    Task trash(Actor actor, TaskId id);

    /**
     * Moves a task to the trash if it is at the expected version.
     *
     * @param actor the caller
     * @param id the task's id
     * @param expectedVersion the version the task must have
     * @return the trashed task
     * @throws VersionConflictException if it is at another version
     */
    Task trash(Actor actor, TaskId id, long expectedVersion);

    /**
     * Takes a task out of the trash. Needs {@link Scope#DELETE}. Restoring a task that is not in the
     * trash changes nothing.
     *
     * @param actor the caller
     * @param id the task's id
     * @return the restored task
     * @throws TaskNotFoundException if the tenant has no such task
     */
    Task restore(Actor actor, TaskId id);

    /**
     * Takes a task out of the trash if it is at the expected version.
     *
     * @param actor the caller
     * @param id the task's id
     * @param expectedVersion the version the task must have
     * @return the restored task
     * @throws VersionConflictException if it is at another version
     */
    Task restore(Actor actor, TaskId id, long expectedVersion);

    /**
     * Deletes a task for good, trashed or not. Needs {@link Scope#DELETE}.
     *
     * @param actor the caller
     * @param id the task's id
     * @throws TaskNotFoundException if the tenant has no such task
     */
    void delete(Actor actor, TaskId id);

    /**
     * Deletes a task for good if it is at the expected version.
     *
     * @param actor the caller
     * @param id the task's id
     * @param expectedVersion the version the task must have
     * @throws VersionConflictException if it is at another version
     * @throws TaskNotFoundException if the tenant has no such task
     */
    void delete(Actor actor, TaskId id, long expectedVersion);

    /**
     * Lists one page of tasks. Needs {@link Scope#READ}. Follow {@link TaskPage#nextCursor()} with
     * {@link TaskQuery#after(String)}: a walk over all pages returns every task that existed, and kept
     * its sort value, throughout the walk exactly once. Cursors are bound to the tenant, filter and
     * sort they were made for.
     *
     * @param actor the caller
     * @param query the filter, sort, page size and start
     * @return the page
     * @throws TaskValidationException if the query breaks a rule or its cursor is invalid
     */
    TaskPage list(Actor actor, TaskQuery query);

    /**
     * Creates many tasks at once: each request is checked as {@link #create(Actor, NewTask)} checks it,
     * and the valid ones are written in one transaction of the store, so that loading many tasks costs
     * little more than the rows themselves. Needs {@link Scope#CREATE}; takes no idempotency key.
     *
     * <pre>{@code
     * BulkCreateResult result = tasks.createAll(alice, List.of(NewTask.titled("a"), NewTask.titled(" ")));
     * result.created();   // [the task "a"]
     * result.refused();   // {1: validation_failed, /title: blank}
     * }</pre>
     *
     * @param actor the caller
     * @param tasks the requests, at most {@value #MAX_BULK}
     * @return one outcome per request, in order: created, or refused with the request's own error (an
     *     invalid request, or an external id taken or given twice in the list)
     * @throws ForbiddenException without {@link Scope#CREATE}
     * @throws TaskValidationException if the list is null or longer than {@value #MAX_BULK}
     * @throws StorageFailureException if the store fails; then nothing is written
     */
    BulkCreateResult createAll(Actor actor, List<NewTask> tasks);

    /** The most requests one {@link #createAll} takes. */
    int MAX_BULK = 1_000;

    /**
     * Counts the tasks a filter selects. Needs {@link Scope#READ}.
     *
     * @param actor the caller
     * @param filter which tasks
     * @return how many
     * @throws TaskValidationException if the filter breaks a rule
     */
    long count(Actor actor, TaskFilter filter);

    /**
     * Every field and relationship a task has here, custom relationships included.
     *
     * @return the definitions
     */
    TaskDefinitions definitions();

    /**
     * Deletes expired idempotency records. Call it now and then (a scheduler of the application's);
     * expired records are ignored whether purged or not.
     *
     * @return how many were deleted
     * @throws StorageFailureException if the store fails
     */
    int purgeExpiredIdempotencyKeys();

    /**
     * Starts building a service on a store.
     *
     * @param store where tasks are kept
     * @return the builder
     */
    static Builder builder(TaskStore store) {
        return new Builder(store);
    }

    /**
     * Builds a {@link TaskService}. Only the store is required:
     * <ul>
     *   <li>{@link #clock(Clock)}: where time comes from; the system UTC clock by default.</li>
     *   <li>{@link #idGenerator(TaskIdGenerator)}: {@link TaskIdGenerator#timeOrdered(Clock)} on the clock by default.</li>
     *   <li>{@link #relationship(RelationshipDefinition)}: custom relationships; none by default.</li>
     *   <li>{@link #relatedEntities(RelatedEntities)}: the check of related entities; accept all by default.</li>
     *   <li>{@link #idempotencyTtl(Duration)}: how long keys are kept; 24 hours by default.</li>
     *   <li>{@link #cursorSecret(byte[])}: the key that signs cursors; random per service by default, so
     *       set it when several instances of an application share a store.</li>
     * </ul>
     */
    final class Builder {
        private final TaskStore store;
        private Clock clock = Clock.systemUTC();
        private TaskIdGenerator idGenerator;
        private final List<RelationshipDefinition> relationships = new ArrayList<>();
        private RelatedEntities relatedEntities = RelatedEntities.acceptAll();
        private Duration idempotencyTtl = Duration.ofHours(24);
        private byte[] cursorSecret;

        private Builder(TaskStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /**
         * Sets where time comes from.
         *
         * @param clock where time comes from
         * @return this builder
         */
        public Builder clock(Clock clock) { this.clock = Objects.requireNonNull(clock, "clock"); return this; }

        /**
         * Sets makes new task ids.
         *
         * @param idGenerator makes new task ids
         * @return this builder
         */
        public Builder idGenerator(TaskIdGenerator idGenerator) { this.idGenerator = Objects.requireNonNull(idGenerator, "idGenerator"); return this; }

        /**
         * Registers a custom relationship.
         *
         * @param definition the definition, e.g. {@code RelationshipDefinition.custom("project", "project", HAS_ONE)}
         * @return this builder
         */
        public Builder relationship(RelationshipDefinition definition) { relationships.add(Objects.requireNonNull(definition, "definition")); return this; }

        /**
         * Sets the application's check of related entities.
         *
         * @param hook the application's check of related entities
         * @return this builder
         */
        public Builder relatedEntities(RelatedEntities hook) { this.relatedEntities = Objects.requireNonNull(hook, "hook"); return this; }

        /**
         * Sets how long idempotency keys are kept.
         *
         * @param ttl a positive duration of at most 366 days
         * @return this builder
         * @throws IllegalArgumentException if not positive or longer than 366 days
         */
        public Builder idempotencyTtl(Duration ttl) {
            if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(Duration.ofDays(366)) > 0) {
                throw new IllegalArgumentException("the idempotency time to live must be positive and at most 366 days: " + ttl);
            }
            this.idempotencyTtl = ttl;
            return this;
        }

        /**
         * Sets the key that signs cursors.
         *
         * @param secret at least 32 bytes, the same for every instance that shares the store
         * @return this builder
         * @throws IllegalArgumentException if shorter than 32 bytes
         */
        public Builder cursorSecret(byte[] secret) {
            if (secret.length < 32) {
                throw new IllegalArgumentException("a cursor secret has at least 32 bytes");
            }
            this.cursorSecret = secret.clone();
            return this;
        }

        /**
         * Builds the service.
         *
         * @return the service
         * @throws IllegalArgumentException if custom relationships clash
         */
        public TaskService build() {
            byte[] secret = cursorSecret;
            if (secret == null) {
                secret = new byte[32];
                new SecureRandom().nextBytes(secret);
            }
            return new DefaultTaskService(store, clock, idGenerator == null ? TaskIdGenerator.timeOrdered(clock) : idGenerator,
                    relationships, relatedEntities, idempotencyTtl, secret);
        }
    }
}
