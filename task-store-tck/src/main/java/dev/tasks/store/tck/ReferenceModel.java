package dev.tasks.store.tck;

import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskSort;
import dev.tasks.core.TenantId;
import dev.tasks.core.store.DuplicateExternalIdException;
import dev.tasks.core.store.DuplicateIdempotencyKeyException;
import dev.tasks.core.store.DuplicateTaskIdException;
import dev.tasks.core.store.IdempotencyOperation;
import dev.tasks.core.store.IdempotencyRecord;
import dev.tasks.core.store.PageRequest;
import dev.tasks.core.store.TaskStoreException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The storage contract as an immutable value: what a correct store holds and answers. Every write
 * returns a new model (or the refusals a store may answer with) and leaves this one as it is. Queries
 * are {@link TaskFilter#matches}, {@link TaskSort#comparator()} and {@link TaskSort#isAfter} applied to
 * the tenant's tasks, exactly as the SPI's javadoc defines them.
 *
 * <p>Where the contract leaves a choice, the model allows it: a write that clashes in several ways may
 * fail with any of the clashes, and a compare-and-set update that would fail may either answer false or
 * throw a clash; in every case nothing is written.
 */
final class ReferenceModel {

    /** The key idempotency records are unique by. */
    record RecordKey(TenantId tenant, IdempotencyOperation operation, String key) {
        static RecordKey of(IdempotencyRecord r) {
            return new RecordKey(r.tenantId(), r.operation(), r.key());
        }
    }

    /**
     * What a write should do.
     *
     * @param next the model after the write if it succeeds; this model if it may not
     * @param mustSucceed true if the store must accept the write (return normally, or true)
     * @param mayAnswerFalse true if a compare-and-set may answer false
     * @param refusals the exceptions the store may throw instead; empty if it must not throw
     */
    record Outcome(ReferenceModel next, boolean mustSucceed, boolean mayAnswerFalse, Set<Class<? extends TaskStoreException>> refusals) {
        static Outcome success(ReferenceModel next) {
            return new Outcome(next, true, false, Set.of());
        }
    }

    private static final ReferenceModel EMPTY = new ReferenceModel(Map.of(), Map.of());

    private final Map<TaskId, Task> tasks;
    private final Map<RecordKey, IdempotencyRecord> records;

    private ReferenceModel(Map<TaskId, Task> tasks, Map<RecordKey, IdempotencyRecord> records) {
        this.tasks = Map.copyOf(tasks);
        this.records = Map.copyOf(records);
    }

    /** @return the model of an empty store */
    static ReferenceModel empty() {
        return EMPTY;
    }

    Optional<Task> get(TenantId tenant, TaskId id) {
        return Optional.ofNullable(tasks.get(id)).filter(t -> t.tenantId().equals(tenant));
    }

    Optional<Task> findByExternalId(TenantId tenant, String externalId) {
        return tasks.values().stream()
                .filter(t -> t.tenantId().equals(tenant) && t.externalId().equals(Optional.of(externalId)))
                .findFirst();
    }

    List<Task> all(TenantId tenant, TaskFilter filter, TaskSort sort) {
        return tasks.values().stream()
                .filter(t -> t.tenantId().equals(tenant) && filter.matches(t))
                .sorted(sort.comparator())
                .toList();
    }

    List<Task> find(TenantId tenant, PageRequest request) {
        return all(tenant, request.filter(), request.sort()).stream()
                .filter(t -> request.after().map(p -> request.sort().isAfter(t, p)).orElse(true))
                .skip(request.offset())
                .limit(request.limit())
                .toList();
    }

    long count(TenantId tenant, TaskFilter filter) {
        return tasks.values().stream().filter(t -> t.tenantId().equals(tenant) && filter.matches(t)).count();
    }

    Optional<IdempotencyRecord> findIdempotencyRecord(TenantId tenant, IdempotencyOperation operation, String key) {
        return Optional.ofNullable(records.get(new RecordKey(tenant, operation, key)));
    }

    /** @return every record, in no order */
    Set<IdempotencyRecord> records() {
        return Set.copyOf(records.values());
    }

    Outcome insert(Task task, Optional<IdempotencyRecord> record) {
        Set<Class<? extends TaskStoreException>> clashes = new LinkedHashSet<>();
        if (tasks.containsKey(task.id())) {
            clashes.add(DuplicateTaskIdException.class);
        }
        if (externalIdTaken(task)) {
            clashes.add(DuplicateExternalIdException.class);
        }
        if (record.isPresent() && keyTaken(record.get())) {
            clashes.add(DuplicateIdempotencyKeyException.class);
        }
        if (!clashes.isEmpty()) {
            return new Outcome(this, false, false, Set.copyOf(clashes));
        }
        return Outcome.success(with(task, record));
    }

    Outcome update(Task task, long expectedVersion, Optional<IdempotencyRecord> record) {
        boolean matches = get(task.tenantId(), task.id()).map(t -> t.version() == expectedVersion).orElse(false);
        Set<Class<? extends TaskStoreException>> clashes = new LinkedHashSet<>();
        if (externalIdTaken(task)) {
            clashes.add(DuplicateExternalIdException.class);
        }
        if (record.isPresent() && keyTaken(record.get())) {
            clashes.add(DuplicateIdempotencyKeyException.class);
        }
        if (!matches) {
            return new Outcome(this, false, true, Set.copyOf(clashes));
        }
        if (!clashes.isEmpty()) {
            return new Outcome(this, false, false, Set.copyOf(clashes));
        }
        return Outcome.success(with(task, record));
    }

    Outcome putIdempotencyRecord(IdempotencyRecord record) {
        if (keyTaken(record)) {
            return new Outcome(this, false, false, Set.of(DuplicateIdempotencyKeyException.class));
        }
        Map<RecordKey, IdempotencyRecord> next = new HashMap<>(records);
        next.put(RecordKey.of(record), record);
        return Outcome.success(new ReferenceModel(tasks, next));
    }

    Outcome delete(TenantId tenant, TaskId id, long expectedVersion) {
        boolean matches = get(tenant, id).map(t -> t.version() == expectedVersion).orElse(false);
        if (!matches) {
            return new Outcome(this, false, true, Set.of());
        }
        Map<TaskId, Task> next = new HashMap<>(tasks);
        next.remove(id);
        return Outcome.success(new ReferenceModel(next, records));
    }

    /**
     * Purges expired records.
     *
     * @param now records whose expiry is at or before this go
     * @return the model after, and how many went, as a pair in a one-entry map
     */
    Map.Entry<ReferenceModel, Integer> purge(Instant now) {
        Map<RecordKey, IdempotencyRecord> next = new HashMap<>(records);
        next.values().removeIf(r -> !r.expiresAt().isAfter(now));
        return Map.entry(new ReferenceModel(tasks, next), records.size() - next.size());
    }

    private boolean externalIdTaken(Task task) {
        return task.externalId().isPresent() && tasks.values().stream()
                .anyMatch(t -> t.tenantId().equals(task.tenantId()) && !t.id().equals(task.id()) && t.externalId().equals(task.externalId()));
    }

    private boolean keyTaken(IdempotencyRecord record) {
        IdempotencyRecord existing = records.get(RecordKey.of(record));
        return existing != null && !existing.isExpired(record.createdAt());
    }

    private ReferenceModel with(Task task, Optional<IdempotencyRecord> record) {
        Map<TaskId, Task> nextTasks = new HashMap<>(tasks);
        nextTasks.put(task.id(), task);
        Map<RecordKey, IdempotencyRecord> nextRecords = records;
        if (record.isPresent()) {
            nextRecords = new HashMap<>(records);
            nextRecords.put(RecordKey.of(record.get()), record.get());
        }
        return new ReferenceModel(nextTasks, nextRecords);
    }
}
