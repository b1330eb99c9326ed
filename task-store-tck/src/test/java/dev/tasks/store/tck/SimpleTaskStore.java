package dev.tasks.store.tck;

import dev.tasks.core.SortPosition;
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
import dev.tasks.core.store.TaskStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;

/**
 * The simplest correct store: one lock, a map, and the definitions of filter and sort. It checks the
 * TCK itself (a correct store must pass every test) and is the base of the deliberately broken stores
 * that the TCK must catch ({@link MutantStoresTest}): each protected hook is one place to break.
 */
class SimpleTaskStore implements TaskStore {

    record Key(TenantId tenant, IdempotencyOperation operation, String key) {
    }

    protected final Map<TaskId, Task> tasks = new HashMap<>();
    protected final Map<Key, IdempotencyRecord> records = new HashMap<>();

    // ------------------------------------------------------------------ hooks

    /** What is kept of a task written. */
    protected Task stored(Task task) {
        return task;
    }

    /** Whether a stored task belongs to a tenant. */
    protected boolean sameTenant(TenantId stored, TenantId asked) {
        return stored.equals(asked);
    }

    protected boolean matches(TaskFilter filter, Task task) {
        return filter.matches(task);
    }

    protected Comparator<Task> order(TaskSort sort) {
        return sort.comparator();
    }

    protected boolean isAfter(TaskSort sort, Task task, SortPosition position) {
        return sort.isAfter(task, position);
    }

    protected boolean externalIdsClash(Task stored, Task written) {
        return stored.tenantId().equals(written.tenantId()) && !stored.id().equals(written.id())
                && stored.externalId().isPresent() && stored.externalId().equals(written.externalId());
    }

    protected boolean idTaken(Task task) {
        return tasks.containsKey(task.id());
    }

    protected Key key(IdempotencyRecord r) {
        return new Key(r.tenantId(), r.operation(), r.key());
    }

    protected boolean expired(IdempotencyRecord existing, Instant now) {
        return existing.isExpired(now);
    }

    protected boolean purgeable(IdempotencyRecord r, Instant now) {
        return !r.expiresAt().isAfter(now);
    }

    protected boolean versionMatches(Task current, long expectedVersion) {
        return current.version() == expectedVersion;
    }

    // ------------------------------------------------------------------ the store

    @Override
    public synchronized void insert(Task task, Optional<IdempotencyRecord> idempotency) {
        if (idTaken(task)) {
            throw new DuplicateTaskIdException("task id " + task.id() + " is taken");
        }
        checkExternalId(task);
        idempotency.ifPresent(this::checkKey);
        tasks.put(task.id(), stored(task));
        idempotency.ifPresent(r -> records.put(key(r), r));
    }

    @Override
    public synchronized void insertAll(List<Task> all) {
        Set<TaskId> ids = new HashSet<>();
        Set<String> externalIds = new HashSet<>();
        for (Task task : all) {
            if (idTaken(task) || !ids.add(task.id())) {
                throw new DuplicateTaskIdException("task id " + task.id() + " is taken");
            }
            checkExternalId(task);
            if (task.externalId().isPresent() && !externalIds.add(task.tenantId().value() + "\u0000" + task.externalId().get())) {
                throw new DuplicateExternalIdException("external id " + task.externalId().get() + " is given twice");
            }
        }
        all.forEach(task -> tasks.put(task.id(), stored(task)));
    }

    protected void checkExternalId(Task task) {
        for (Task t : tasks.values()) {
            if (externalIdsClash(t, task)) {
                throw new DuplicateExternalIdException("external id " + task.externalId().get() + " is taken");
            }
        }
    }

    protected void checkKey(IdempotencyRecord r) {
        IdempotencyRecord existing = records.get(key(r));
        if (existing != null && !expired(existing, r.createdAt())) {
            throw new DuplicateIdempotencyKeyException("idempotency key " + r.key() + " is taken");
        }
    }

    @Override
    public synchronized void putIdempotencyRecord(IdempotencyRecord idempotency) {
        checkKey(idempotency);
        records.put(key(idempotency), idempotency);
    }

    @Override
    public synchronized Optional<Task> get(TenantId tenant, TaskId id) {
        return Optional.ofNullable(tasks.get(id)).filter(t -> sameTenant(t.tenantId(), tenant));
    }

    @Override
    public synchronized Optional<Task> findByExternalId(TenantId tenant, String externalId) {
        return tasks.values().stream().filter(t -> sameTenant(t.tenantId(), tenant) && t.externalId().equals(Optional.of(externalId))).findFirst();
    }

    @Override
    public synchronized boolean update(Task task, long expectedVersion, Optional<IdempotencyRecord> idempotency) {
        Task current = tasks.get(task.id());
        if (current == null || !sameTenant(current.tenantId(), task.tenantId()) || !versionMatches(current, expectedVersion)) {
            return false;
        }
        checkExternalId(task);
        idempotency.ifPresent(this::checkKey);
        tasks.put(task.id(), stored(task));
        idempotency.ifPresent(r -> records.put(key(r), r));
        return true;
    }

    @Override
    public synchronized boolean delete(TenantId tenant, TaskId id, long expectedVersion) {
        Task current = tasks.get(id);
        if (current == null || !sameTenant(current.tenantId(), tenant) || !versionMatches(current, expectedVersion)) {
            return false;
        }
        tasks.remove(id);
        return true;
    }

    @Override
    public synchronized List<Task> find(TenantId tenant, PageRequest request) {
        return tasks.values().stream()
                .filter(t -> sameTenant(t.tenantId(), tenant) && matches(request.filter(), t))
                .filter(t -> request.after().map(p -> isAfter(request.sort(), t, p)).orElse(true))
                .sorted(order(request.sort()))
                .skip(request.offset())
                .limit(request.limit())
                .toList();
    }

    @Override
    public synchronized long count(TenantId tenant, TaskFilter filter) {
        return tasks.values().stream().filter(t -> sameTenant(t.tenantId(), tenant) && matches(filter, t)).count();
    }

    @Override
    public synchronized Optional<IdempotencyRecord> findIdempotencyRecord(TenantId tenant, IdempotencyOperation operation, String key) {
        return Optional.ofNullable(records.get(key(new IdempotencyRecord(tenant, operation, key, "-", TestTasks.newId(), Instant.EPOCH, Instant.EPOCH))));
    }

    @Override
    public synchronized int purgeExpiredIdempotencyRecords(Instant now) {
        int before = records.size();
        records.values().removeIf(r -> purgeable(r, now));
        return before - records.size();
    }
}
