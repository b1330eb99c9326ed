package dev.tasks.store.memory;

import dev.tasks.core.RelatedTo;
import dev.tasks.core.SortDirection;
import dev.tasks.core.SortField;
import dev.tasks.core.SortPosition;
import dev.tasks.core.SystemRelationship;
import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskSort;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.TenantId;
import dev.tasks.core.TrashFilter;
import dev.tasks.core.store.DuplicateExternalIdException;
import dev.tasks.core.store.DuplicateIdempotencyKeyException;
import dev.tasks.core.store.DuplicateTaskIdException;
import dev.tasks.core.store.IdempotencyOperation;
import dev.tasks.core.store.IdempotencyRecord;
import dev.tasks.core.store.PageRequest;
import dev.tasks.core.store.TaskStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * A {@link TaskStore} that keeps tasks in memory, indexed, safe for concurrent use. Nothing survives
 * the process.
 *
 * <p><b>Thread safety.</b> One {@link ReentrantReadWriteLock} guards the whole store (task ids are
 * unique across tenants and expired idempotency records are purged across tenants, so one lock keeps
 * every rule a single, obvious critical section). Reads ({@code get}, {@code findByExternalId},
 * {@code find}, {@code count}, {@code findIdempotencyRecord}) hold the read lock and run in parallel;
 * writes hold the write lock and run alone. Each method holds its lock from its first read to its
 * last write, so every call is atomic and sees one consistent state. A write makes every check
 * before it changes anything, and the changes themselves cannot fail, so a write happens whole
 * (task, indexes, idempotency record) or not at all. Tasks are immutable and are stored and returned
 * as they are; returned lists are unmodifiable copies.
 *
 * <p><b>Indexes.</b> Each tenant keeps its tasks in a hash map by id, and these secondary indexes,
 * maintained on every insert, update and delete:
 * <ul>
 *   <li>status → task ids;</li>
 *   <li>entity id → relationship name → task ids (serves {@link RelatedTo} criteria, named or any,
 *       and assignee criteria through {@code $assignedTo});</li>
 *   <li>due, creation and update time → task ids, sorted (serve the time ranges);</li>
 *   <li>metadata key → value → task ids (serves metadata criteria);</li>
 *   <li>external id → task id (serves {@code findByExternalId}, the uniqueness check and the
 *       external-id criterion);</li>
 *   <li>the ids of trashed tasks (serves {@link TrashFilter#ONLY});</li>
 *   <li>for each {@link SortField}, the tasks in its order (serves pages read in order); the same
 *       for each assignee's tasks and for the trashed tasks (serve an assignee's pages, such as "my
 *       open tasks by due time", and the trash's pages in order, whatever the tenant's size).</li>
 * </ul>
 *
 * <p><b>Queries.</b> {@link TaskFilter#matches} stays the one definition of matching and
 * {@link TaskSort} the one definition of order; indexes only narrow down what is looked at. Each
 * indexed criterion of a filter gives a superset of its matches (the filter ANDs its criteria); the
 * smallest one, of size {@code c}, is taken as candidates. A page of {@code k = offset + limit}
 * tasks is then found in one of two ways, whichever is expected to be cheaper:
 * <ul>
 *   <li>from the candidates: keep those the filter matches and that come after the page's start,
 *       hold the first {@code k} in a bounded heap, sort those;</li>
 *   <li>in order: read the tenant's tasks in sort order from the page's start, keep those the filter
 *       matches, stop when the page is full. This is chosen when there are no candidates narrower
 *       than {@code sqrt(k·n)} (as for a filter without an indexed criterion): reading in order is
 *       expected to look at about {@code k·n/c} tasks. When the filter names one assignee or asks
 *       for the trash, only that assignee's or the trash's tasks are read in order, and also when
 *       they are the chosen candidates: at most as many as the candidates, usually a page's worth.</li>
 * </ul>
 * {@code count} counts the candidates the filter matches (every task, without a narrower index).
 *
 * <p><b>Costs</b>, expected (hash maps), for a tenant of {@code n} tasks: {@code r} is the number of
 * relationship ids of the task written (before and after, for an update); {@code c} the size of the
 * chosen candidate set ({@code n} without one); {@code f} the cost of one {@link TaskFilter#matches}
 * call; {@code k = offset + limit}; {@code w} the number of tasks read in order until the page is
 * full (at most {@code n}; about {@code k·n/m} if {@code m} tasks match, spread evenly); {@code q}
 * the number of index entries looked at to choose the candidates (a few per criterion, plus the
 * distinct due times in a due range, counted only until they exceed the best other choice);
 * {@code R} the number of idempotency records of all tenants.
 * <table>
 *   <caption>Cost of each operation</caption>
 *   <tr><th>operation</th><th>time</th></tr>
 *   <tr><td>{@code insert}, {@code update}, {@code delete}</td><td>O(r + log n)</td></tr>
 *   <tr><td>{@code get}, {@code findByExternalId}, {@code findIdempotencyRecord}, {@code putIdempotencyRecord}</td><td>O(1)</td></tr>
 *   <tr><td>{@code find} from candidates</td><td>O(q + c·(f + log k) + k·log k)</td></tr>
 *   <tr><td>{@code find} in order</td><td>O(q + log n + w·f)</td></tr>
 *   <tr><td>{@code count}</td><td>O(q + c·f)</td></tr>
 *   <tr><td>{@code purgeExpiredIdempotencyRecords}</td><td>O(R)</td></tr>
 * </table>
 * Memory is O(n + relationship ids) per tenant, plus O(R).
 */
public final class InMemoryTaskStore implements TaskStore {

    private static final String ASSIGNED_TO = SystemRelationship.ASSIGNED_TO.relationshipName();

    /** The ascending sort of each field: the order of the per-field maps. */
    private static final Map<SortField, TaskSort> ASCENDING = new EnumMap<>(SortField.class);

    static {
        for (SortField field : SortField.values()) {
            ASCENDING.put(field, TaskSort.by(field, SortDirection.ASC));
        }
    }

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Every task id of every tenant: an id is unique across tenants. */
    private final Set<TaskId> taskIds = new HashSet<>();
    private final Map<TenantId, TenantTasks> tenants = new HashMap<>();
    private final Map<RecordKey, IdempotencyRecord> records = new HashMap<>();

    /** An empty store. */
    public InMemoryTaskStore() {
    }

    /**
     * {@inheritDoc}
     *
     * <p>Checks the id (across tenants), then the external id (within the tenant), then the
     * idempotency key; nothing is written if a check fails.
     *
     * @throws IllegalArgumentException if the idempotency record belongs to another tenant than the task
     */
    @Override
    public void insert(Task task, Optional<IdempotencyRecord> idempotency) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(idempotency, "idempotency");
        idempotency.ifPresent(r -> requireSameTenant(r, task));
        Lock write = lock.writeLock();
        write.lock();
        try {
            if (taskIds.contains(task.id())) {
                throw new DuplicateTaskIdException("a task with id " + task.id() + " exists already");
            }
            TenantTasks tenant = tenants.get(task.tenantId());
            if (tenant != null) {
                tenant.requireExternalIdFree(task);
            }
            idempotency.ifPresent(this::requireKeyFree);
            // Every check passed and nothing below can fail: the write happens whole.
            tenants.computeIfAbsent(task.tenantId(), t -> new TenantTasks()).add(task);
            taskIds.add(task.id());
            idempotency.ifPresent(this::put);
        } finally {
            write.unlock();
        }
    }

    /** {@inheritDoc} */
    @Override
    public void insertAll(List<Task> tasks) {
        List<Task> all = List.copyOf(Objects.requireNonNull(tasks, "tasks"));
        Lock write = lock.writeLock();
        write.lock();
        try {
            Set<TaskId> ids = new HashSet<>();
            Map<TenantId, Set<String>> externalIds = new HashMap<>();
            for (Task task : all) {
                if (taskIds.contains(task.id()) || !ids.add(task.id())) {
                    throw new DuplicateTaskIdException("a task with id " + task.id() + " exists already");
                }
                TenantTasks tenant = tenants.get(task.tenantId());
                if (tenant != null) {
                    tenant.requireExternalIdFree(task);
                }
                if (task.externalId().isPresent()
                        && !externalIds.computeIfAbsent(task.tenantId(), t -> new HashSet<>()).add(task.externalId().get())) {
                    throw new DuplicateExternalIdException("two of the tasks have external id '" + task.externalId().get() + "'");
                }
            }
            // Every check passed and nothing below can fail: the write happens whole.
            for (Task task : all) {
                tenants.computeIfAbsent(task.tenantId(), t -> new TenantTasks()).add(task);
                taskIds.add(task.id());
            }
        } finally {
            write.unlock();
        }
    }

    /** {@inheritDoc} */
    @Override
    public Optional<Task> get(TenantId tenant, TaskId id) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        Lock read = lock.readLock();
        read.lock();
        try {
            TenantTasks t = tenants.get(tenant);
            return t == null ? Optional.empty() : Optional.ofNullable(t.tasks.get(id));
        } finally {
            read.unlock();
        }
    }

    /** {@inheritDoc} */
    @Override
    public Optional<Task> findByExternalId(TenantId tenant, String externalId) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(externalId, "externalId");
        Lock read = lock.readLock();
        read.lock();
        try {
            TenantTasks t = tenants.get(tenant);
            if (t == null) {
                return Optional.empty();
            }
            TaskId id = t.byExternalId.get(externalId);
            return id == null ? Optional.empty() : Optional.of(t.tasks.get(id));
        } finally {
            read.unlock();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Compares the version first (a missing task or another version answers false, whatever the
     * rest), then checks the external id, then the idempotency key; nothing is written if a check fails.
     *
     * @throws IllegalArgumentException if the idempotency record belongs to another tenant than the task
     */
    @Override
    public boolean update(Task task, long expectedVersion, Optional<IdempotencyRecord> idempotency) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(idempotency, "idempotency");
        idempotency.ifPresent(r -> requireSameTenant(r, task));
        Lock write = lock.writeLock();
        write.lock();
        try {
            TenantTasks tenant = tenants.get(task.tenantId());
            Task current = tenant == null ? null : tenant.tasks.get(task.id());
            if (current == null || current.version() != expectedVersion) {
                return false;
            }
            tenant.requireExternalIdFree(task);
            idempotency.ifPresent(this::requireKeyFree);
            // Every check passed and nothing below can fail: the write happens whole.
            tenant.remove(current);
            tenant.add(task);
            idempotency.ifPresent(this::put);
            return true;
        } finally {
            write.unlock();
        }
    }

    /** {@inheritDoc} */
    @Override
    public void putIdempotencyRecord(IdempotencyRecord idempotency) {
        Objects.requireNonNull(idempotency, "idempotency");
        Lock write = lock.writeLock();
        write.lock();
        try {
            requireKeyFree(idempotency);
            put(idempotency);
        } finally {
            write.unlock();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Idempotency records that name the task are kept: they expire as usual.
     */
    @Override
    public boolean delete(TenantId tenant, TaskId id, long expectedVersion) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        Lock write = lock.writeLock();
        write.lock();
        try {
            TenantTasks t = tenants.get(tenant);
            Task current = t == null ? null : t.tasks.get(id);
            if (current == null || current.version() != expectedVersion) {
                return false;
            }
            t.remove(current);
            taskIds.remove(id);
            if (t.tasks.isEmpty()) {
                tenants.remove(tenant); // its indexes are empty too: forget the tenant
            }
            return true;
        } finally {
            write.unlock();
        }
    }

    /** {@inheritDoc} */
    @Override
    public List<Task> find(TenantId tenant, PageRequest request) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(request, "request");
        Lock read = lock.readLock();
        read.lock();
        try {
            TenantTasks t = tenants.get(tenant);
            return t == null ? List.of() : t.page(request);
        } finally {
            read.unlock();
        }
    }

    /** {@inheritDoc} */
    @Override
    public long count(TenantId tenant, TaskFilter filter) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(filter, "filter");
        Lock read = lock.readLock();
        read.lock();
        try {
            TenantTasks t = tenants.get(tenant);
            return t == null ? 0 : t.count(filter);
        } finally {
            read.unlock();
        }
    }

    /** {@inheritDoc} */
    @Override
    public Optional<IdempotencyRecord> findIdempotencyRecord(TenantId tenant, IdempotencyOperation operation, String key) {
        RecordKey recordKey = new RecordKey(Objects.requireNonNull(tenant, "tenant"),
                Objects.requireNonNull(operation, "operation"), Objects.requireNonNull(key, "key"));
        Lock read = lock.readLock();
        read.lock();
        try {
            return Optional.ofNullable(records.get(recordKey));
        } finally {
            read.unlock();
        }
    }

    /** {@inheritDoc} */
    @Override
    public int purgeExpiredIdempotencyRecords(Instant now) {
        Objects.requireNonNull(now, "now");
        Lock write = lock.writeLock();
        write.lock();
        try {
            int purged = 0;
            for (Iterator<IdempotencyRecord> it = records.values().iterator(); it.hasNext(); ) {
                if (it.next().isExpired(now)) {
                    it.remove();
                    purged++;
                }
            }
            return purged;
        } finally {
            write.unlock();
        }
    }

    /** A record stored with a task of another tenant would break tenant isolation: a caller's bug. */
    private static void requireSameTenant(IdempotencyRecord record, Task task) {
        if (!record.tenantId().equals(task.tenantId())) {
            throw new IllegalArgumentException("the idempotency record belongs to another tenant than the task");
        }
    }

    /** Refuses a key whose record has not expired by the new record's creation; an expired one may be replaced. */
    private void requireKeyFree(IdempotencyRecord record) {
        IdempotencyRecord existing = records.get(RecordKey.of(record));
        if (existing != null && !existing.isExpired(record.createdAt())) {
            throw new DuplicateIdempotencyKeyException("idempotency key '" + record.key() + "' of operation "
                    + record.operation() + " is in use until " + existing.expiresAt());
        }
    }

    private void put(IdempotencyRecord record) {
        records.put(RecordKey.of(record), record);
    }

    /** What an idempotency record is unique by. */
    private record RecordKey(TenantId tenant, IdempotencyOperation operation, String key) {
        static RecordKey of(IdempotencyRecord record) {
            return new RecordKey(record.tenantId(), record.operation(), record.key());
        }
    }

    /**
     * A superset of a filter's matches: the union of some index entries. {@code disjoint} tells that
     * no task is in two parts, so that the union needs no de-duplication. {@code inOrder}, if not null,
     * holds the same tasks in every sort order, so that a page can be read from it in order.
     */
    private record Candidates(Collection<Set<TaskId>> parts, boolean disjoint, Ordered inOrder) {
        Candidates(Collection<Set<TaskId>> parts, boolean disjoint) {
            this(parts, disjoint, null);
        }
    }

    /**
     * Some of a tenant's tasks in the order of every sort field, so that a page is read in order from
     * its start: each field's ascending order, keyed by position and ordered by {@link TaskSort#compare}
     * itself. Tasks without a due time are not in the {@code DUE_AT} map: they are in
     * {@link #withoutDue}, as they sort last in both directions.
     */
    private static final class Ordered {
        /** Holds nothing, and is never added to: the order of an assignee without tasks. */
        static final Ordered NONE = new Ordered();

        final Map<SortField, NavigableMap<SortPosition, Task>> byPosition = new EnumMap<>(SortField.class);
        final NavigableMap<TaskId, Task> withoutDue = new TreeMap<>();
        private int size;

        Ordered() {
            ASCENDING.forEach((field, sort) -> byPosition.put(field, new TreeMap<>(sort::compare)));
        }

        void add(Task task) {
            ASCENDING.forEach((field, sort) -> {
                SortPosition position = SortPosition.of(task, sort);
                if (position.value().isPresent()) {
                    byPosition.get(field).put(position, task);
                }
            });
            if (task.dueAt().isEmpty()) {
                withoutDue.put(task.id(), task);
            }
            size++;
        }

        /** Undoes {@link #add} for the task as added. */
        void remove(Task task) {
            ASCENDING.forEach((field, sort) -> byPosition.get(field).remove(SortPosition.of(task, sort)));
            withoutDue.remove(task.id());
            size--;
        }

        int size() {
            return size;
        }

        /**
         * The tasks strictly after {@code after} in {@code sort} order, as segments read one after the
         * other. In ascending order "after" is "above" in the ascending maps; in descending order it
         * is "below", read backwards (descending is the exact reverse of ascending for present
         * values). Tasks without a due time come last in both directions, so they are a segment of
         * their own, and follow a position without a value only among themselves.
         */
        List<Collection<Task>> inOrder(TaskSort sort, Optional<SortPosition> after) {
            boolean ascending = sort.direction() == SortDirection.ASC;
            NavigableMap<SortPosition, Task> valued = byPosition.get(sort.field());
            NavigableMap<TaskId, Task> empty = sort.field() == SortField.DUE_AT ? withoutDue : Collections.emptyNavigableMap();
            if (after.isPresent() && after.get().value().isEmpty()) {
                TaskId id = after.get().id();
                valued = Collections.emptyNavigableMap();
                empty = ascending ? empty.tailMap(id, false) : empty.headMap(id, false);
            } else if (after.isPresent()) {
                valued = ascending ? valued.tailMap(after.get(), false) : valued.headMap(after.get(), false);
            }
            return ascending
                    ? List.of(valued.values(), empty.values())
                    : List.of(valued.descendingMap().values(), empty.descendingMap().values());
        }
    }

    /** A task and its position under a sort. */
    private record Ranked(SortPosition position, Task task) {
    }

    /** One tenant's tasks and their indexes; used only under the store's lock. */
    private static final class TenantTasks {
        final Map<TaskId, Task> tasks = new HashMap<>();
        final Map<String, TaskId> byExternalId = new HashMap<>();
        final Map<TaskStatus, Set<TaskId>> byStatus = new EnumMap<>(TaskStatus.class);
        /** Entity id, then relationship name: serves "named" and "any relationship" criteria alike. */
        final Map<String, Map<String, Set<TaskId>>> byEntity = new HashMap<>();
        final NavigableMap<Instant, Set<TaskId>> byDue = new TreeMap<>();
        /** Creation and update times → task ids, sorted (serve created and updated ranges). */
        final NavigableMap<Instant, Set<TaskId>> byCreated = new TreeMap<>();
        final NavigableMap<Instant, Set<TaskId>> byUpdated = new TreeMap<>();
        /** Metadata key, then value → task ids (serves metadata criteria). */
        final Map<String, Map<String, Set<TaskId>>> byMetadata = new HashMap<>();
        final Set<TaskId> trashed = new HashSet<>();
        /** Every task in every sort order: pages read in order. */
        final Ordered all = new Ordered();
        /**
         * Each assignee's tasks in every sort order: an assignee's page ("my open tasks by due time")
         * reads its first tasks in order, at the same cost whatever the tenant's size, instead of
         * ranking all the assignee's tasks.
         */
        final Map<String, Ordered> byAssignee = new HashMap<>();
        /** The trashed tasks in every sort order, for the same reason. */
        final Ordered trashedInOrder = new Ordered();

        /** Refuses an external id held by another task of the tenant; a task may keep its own. */
        void requireExternalIdFree(Task task) {
            if (task.externalId().isPresent()) {
                TaskId owner = byExternalId.get(task.externalId().get());
                if (owner != null && !owner.equals(task.id())) {
                    throw new DuplicateExternalIdException(
                            "another task of the tenant has external id '" + task.externalId().get() + "'");
                }
            }
        }

        void add(Task task) {
            TaskId id = task.id();
            tasks.put(id, task);
            task.externalId().ifPresent(e -> byExternalId.put(e, id));
            link(byStatus, task.status(), id);
            task.relationships().forEach((name, entityIds) -> {
                for (String entityId : entityIds) {
                    link(byEntity.computeIfAbsent(entityId, e -> new HashMap<>()), name, id);
                }
            });
            task.dueAt().ifPresent(due -> link(byDue, due, id));
            link(byCreated, task.createdAt(), id);
            link(byUpdated, task.updatedAt(), id);
            task.metadata().forEach((key, value) -> link(byMetadata.computeIfAbsent(key, k -> new HashMap<>()), value, id));
            if (task.isTrashed()) {
                trashed.add(id);
                trashedInOrder.add(task);
            }
            all.add(task);
            task.assignee().ifPresent(assignee -> byAssignee.computeIfAbsent(assignee, a -> new Ordered()).add(task));
        }

        /** Undoes {@link #add} for the task as stored; empty index entries are dropped so none leaks. */
        void remove(Task task) {
            TaskId id = task.id();
            tasks.remove(id);
            task.externalId().ifPresent(byExternalId::remove);
            unlink(byStatus, task.status(), id);
            task.relationships().forEach((name, entityIds) -> {
                for (String entityId : entityIds) {
                    Map<String, Set<TaskId>> byName = byEntity.get(entityId);
                    unlink(byName, name, id);
                    if (byName.isEmpty()) {
                        byEntity.remove(entityId);
                    }
                }
            });
            task.dueAt().ifPresent(due -> unlink(byDue, due, id));
            unlink(byCreated, task.createdAt(), id);
            unlink(byUpdated, task.updatedAt(), id);
            task.metadata().forEach((key, value) -> {
                Map<String, Set<TaskId>> byValue = byMetadata.get(key);
                unlink(byValue, value, id);
                if (byValue.isEmpty()) {
                    byMetadata.remove(key);
                }
            });
            if (trashed.remove(id)) {
                trashedInOrder.remove(task);
            }
            all.remove(task);
            task.assignee().ifPresent(assignee -> {
                Ordered order = byAssignee.get(assignee);
                order.remove(task);
                if (order.size() == 0) {
                    byAssignee.remove(assignee);
                }
            });
        }

        private static <K> void link(Map<K, Set<TaskId>> index, K key, TaskId id) {
            index.computeIfAbsent(key, k -> new HashSet<>()).add(id);
        }

        private static <K> void unlink(Map<K, Set<TaskId>> index, K key, TaskId id) {
            Set<TaskId> ids = index.get(key);
            ids.remove(id);
            if (ids.isEmpty()) {
                index.remove(key);
            }
        }

        List<Task> page(PageRequest request) {
            long wanted = (long) request.offset() + request.limit();
            // Picking the first `wanted` of c candidates costs about c; reading in sort order until
            // `wanted` matches are found costs about wanted * n / c if the candidates match at the
            // rate of the whole filter. So candidates pay only if c * c <= wanted * n; larger sets
            // need not even be counted to the end.
            long worthwhile = (long) Math.sqrt((double) wanted * tasks.size()) + 1;
            Candidates candidates = smallestCandidates(request.filter(), worthwhile);
            if (candidates != null && candidates.inOrder() == null) {
                return pageFromCandidates(request, candidates);
            }
            // Candidates kept in every order (an assignee's, the trash) are read in order like the whole
            // tenant: no more than the candidates, and only until the page is full.
            return pageInOrder(request, candidates != null ? candidates.inOrder() : narrowestOrder(request.filter()));
        }

        /** The smallest set of tasks kept in every order that holds all the filter's matches. */
        private Ordered narrowestOrder(TaskFilter filter) {
            Ordered narrowest = all;
            for (Candidates option : indexedOptions(filter)) {
                if (option.inOrder() != null && option.inOrder().size() < narrowest.size()) {
                    narrowest = option.inOrder();
                }
            }
            return narrowest;
        }

        /** Reads the tasks in sort order from the page's start, keeping matches, until the page is full. */
        private List<Task> pageInOrder(PageRequest request, Ordered order) {
            TaskFilter filter = request.filter();
            List<Task> page = new ArrayList<>();
            int skip = request.offset();
            for (Collection<Task> segment : order.inOrder(request.sort(), request.after())) {
                for (Task task : segment) {
                    if (!filter.matches(task)) {
                        continue;
                    }
                    if (skip > 0) {
                        skip--;
                    } else {
                        page.add(task);
                        if (page.size() == request.limit()) {
                            return List.copyOf(page);
                        }
                    }
                }
            }
            return List.copyOf(page);
        }

        /** Keeps the first offset + limit matching candidates in a heap, then sorts only those. */
        private List<Task> pageFromCandidates(PageRequest request, Candidates candidates) {
            TaskFilter filter = request.filter();
            TaskSort sort = request.sort();
            Optional<SortPosition> after = request.after();
            long wanted = (long) request.offset() + request.limit();
            // TaskSort.compare on positions computed once per task: the order of sort.comparator().
            Comparator<Ranked> order = (a, b) -> sort.compare(a.position(), b.position());
            // The heap's head is the last of the first `wanted` tasks seen so far.
            PriorityQueue<Ranked> first = new PriorityQueue<>(order.reversed());
            forEachCandidate(candidates, task -> {
                if (!filter.matches(task)) {
                    return;
                }
                Ranked ranked = new Ranked(SortPosition.of(task, sort), task);
                if (after.isPresent() && sort.compare(ranked.position(), after.get()) <= 0) {
                    return; // not strictly after the page's start: sort.isAfter(task, after) is false
                }
                if (first.size() < wanted) {
                    first.add(ranked);
                } else if (order.compare(ranked, first.peek()) < 0) {
                    first.poll();
                    first.add(ranked);
                }
            });
            if (first.size() <= request.offset()) {
                return List.of();
            }
            List<Ranked> sorted = new ArrayList<>(first);
            sorted.sort(order);
            List<Task> page = new ArrayList<>(sorted.size() - request.offset());
            for (Ranked ranked : sorted.subList(request.offset(), sorted.size())) {
                page.add(ranked.task());
            }
            return List.copyOf(page);
        }

        long count(TaskFilter filter) {
            long[] count = {0};
            forEachCandidate(smallestCandidates(filter, tasks.size()), task -> {
                if (filter.matches(task)) {
                    count[0]++;
                }
            });
            return count[0];
        }

        /** Hands each candidate to {@code action} once; null candidates stand for every task. */
        private void forEachCandidate(Candidates candidates, Consumer<Task> action) {
            if (candidates == null) {
                tasks.values().forEach(action);
                return;
            }
            Set<TaskId> seen = candidates.disjoint() || candidates.parts().size() < 2 ? null : new HashSet<>();
            for (Set<TaskId> part : candidates.parts()) {
                for (TaskId id : part) {
                    if (seen == null || seen.add(id)) {
                        action.accept(tasks.get(id));
                    }
                }
            }
        }

        /**
         * The smallest candidate set the filter's indexed criteria give, if it is smaller than
         * {@code cap}; else null. The criteria are ANDed, so any one of them gives a superset of the
         * matches.
         */
        private Candidates smallestCandidates(TaskFilter filter, long cap) {
            Candidates best = null;
            long bestSize = cap;
            for (Candidates option : indexedOptions(filter)) {
                long size = sizeBelow(option, bestSize);
                if (size < bestSize) {
                    best = option;
                    bestSize = size;
                }
            }
            return best;
        }

        /**
         * The number of ids in the candidates' parts (an upper bound of the union), counted only
         * until it reaches {@code cap}: a wide due range is not walked to learn that it loses.
         */
        private static long sizeBelow(Candidates candidates, long cap) {
            long size = 0;
            for (Set<TaskId> part : candidates.parts()) {
                size += part.size();
                if (size >= cap) {
                    return cap;
                }
            }
            return size;
        }

        /** One candidate set per indexed criterion of the filter; parts are views, built cheaply. */
        private List<Candidates> indexedOptions(TaskFilter filter) {
            List<Candidates> options = new ArrayList<>();
            filter.externalId().ifPresent(externalId -> {
                TaskId id = byExternalId.get(externalId);
                options.add(new Candidates(id == null ? List.of() : List.of(Set.of(id)), true));
            });
            if (!filter.statuses().isEmpty()) {
                List<Set<TaskId>> parts = new ArrayList<>();
                for (TaskStatus status : filter.statuses()) {
                    addIfPresent(parts, byStatus.get(status));
                }
                options.add(new Candidates(parts, true));
            }
            if (!filter.assignees().isEmpty()) {
                // The assignee is the first $assignedTo id; the index holds them all: a superset.
                List<Set<TaskId>> parts = new ArrayList<>();
                for (String assignee : filter.assignees()) {
                    addIfPresent(parts, byEntity.getOrDefault(assignee, Map.of()).get(ASSIGNED_TO));
                }
                Ordered inOrder = filter.assignees().size() == 1
                        ? byAssignee.getOrDefault(filter.assignees().iterator().next(), Ordered.NONE)
                        : null;
                options.add(new Candidates(parts, false, inOrder));
            }
            for (RelatedTo criterion : filter.relatedTo()) {
                Map<String, Set<TaskId>> byName = byEntity.getOrDefault(criterion.entityId(), Map.of());
                if (criterion.relationship().isPresent()) {
                    List<Set<TaskId>> parts = new ArrayList<>();
                    addIfPresent(parts, byName.get(criterion.relationship().get()));
                    options.add(new Candidates(parts, true));
                } else {
                    // A task may hold the entity in several relationships: not disjoint.
                    options.add(new Candidates(byName.values(), false));
                }
            }
            if (filter.dueAfter().isPresent() || filter.dueBefore().isPresent()) {
                options.add(new Candidates(range(byDue, filter.dueAfter(), filter.dueBefore()).values(), true));
            }
            if (filter.createdAfter().isPresent() || filter.createdBefore().isPresent()) {
                options.add(new Candidates(range(byCreated, filter.createdAfter(), filter.createdBefore()).values(), true));
            }
            if (filter.updatedAfter().isPresent() || filter.updatedBefore().isPresent()) {
                options.add(new Candidates(range(byUpdated, filter.updatedAfter(), filter.updatedBefore()).values(), true));
            }
            filter.metadata().forEach((key, value) -> {
                List<Set<TaskId>> parts = new ArrayList<>();
                addIfPresent(parts, byMetadata.getOrDefault(key, Map.of()).get(value));
                options.add(new Candidates(parts, true));
            });
            if (filter.trashed() == TrashFilter.ONLY) {
                options.add(new Candidates(List.of(trashed), true, trashedInOrder));
            }
            return options;
        }

        private static void addIfPresent(List<Set<TaskId>> parts, Set<TaskId> part) {
            if (part != null) {
                parts.add(part);
            }
        }

        /** A time index from {@code from} (inclusive) to {@code before} (exclusive), as a view. */
        private static NavigableMap<Instant, Set<TaskId>> range(NavigableMap<Instant, Set<TaskId>> index, Optional<Instant> from,
                                                                Optional<Instant> before) {
            if (from.isPresent() && before.isPresent()) {
                // subMap refuses a reversed range; such a range selects nothing.
                return from.get().isBefore(before.get())
                        ? index.subMap(from.get(), true, before.get(), false)
                        : Collections.emptyNavigableMap();
            }
            return from.isPresent() ? index.tailMap(from.get(), true) : index.headMap(before.get(), false);
        }
    }
}
