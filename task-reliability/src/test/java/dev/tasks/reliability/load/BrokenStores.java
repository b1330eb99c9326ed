package dev.tasks.reliability.load;

import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskId;
import dev.tasks.core.TenantId;
import dev.tasks.core.store.IdempotencyOperation;
import dev.tasks.core.store.IdempotencyRecord;
import dev.tasks.core.store.PageRequest;
import dev.tasks.core.store.TaskStore;
import dev.tasks.store.memory.InMemoryTaskStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Stores with one deliberate bug each, over {@link InMemoryTaskStore}: the load checks must catch every
 * one of them, or they would prove nothing about the real stores.
 */
final class BrokenStores {

    private BrokenStores() {
    }

    /** Passes every call on; a broken store overrides the one it breaks. */
    abstract static class Delegating implements TaskStore {
        final TaskStore delegate = new InMemoryTaskStore();

        @Override
        public void insert(Task task, Optional<IdempotencyRecord> idempotency) {
            delegate.insert(task, idempotency);
        }

        @Override
        public void insertAll(List<Task> tasks) {
            delegate.insertAll(tasks);
        }

        @Override
        public Optional<Task> get(TenantId tenant, TaskId id) {
            return delegate.get(tenant, id);
        }

        @Override
        public Optional<Task> findByExternalId(TenantId tenant, String externalId) {
            return delegate.findByExternalId(tenant, externalId);
        }

        @Override
        public boolean update(Task task, long expectedVersion, Optional<IdempotencyRecord> idempotency) {
            return delegate.update(task, expectedVersion, idempotency);
        }

        @Override
        public void putIdempotencyRecord(IdempotencyRecord idempotency) {
            delegate.putIdempotencyRecord(idempotency);
        }

        @Override
        public boolean delete(TenantId tenant, TaskId id, long expectedVersion) {
            return delegate.delete(tenant, id, expectedVersion);
        }

        @Override
        public List<Task> find(TenantId tenant, PageRequest request) {
            return delegate.find(tenant, request);
        }

        @Override
        public long count(TenantId tenant, TaskFilter filter) {
            return delegate.count(tenant, filter);
        }

        @Override
        public Optional<IdempotencyRecord> findIdempotencyRecord(TenantId tenant, IdempotencyOperation operation, String key) {
            return delegate.findIdempotencyRecord(tenant, operation, key);
        }

        @Override
        public int purgeExpiredIdempotencyRecords(Instant now) {
            return delegate.purgeExpiredIdempotencyRecords(now);
        }
    }

    /**
     * Compare-and-set without the compare: an update overwrites whatever version is stored. A pause
     * before the write lets racing read-modify-writes interleave, as they would in a slow database.
     */
    static final class IgnoresExpectedVersion extends Delegating {
        @Override
        public boolean update(Task task, long expectedVersion, Optional<IdempotencyRecord> idempotency) {
            LockSupport.parkNanos(200_000);
            Optional<Task> stored = delegate.get(task.tenantId(), task.id());
            return stored.isPresent() && delegate.update(task, stored.get().version(), idempotency);
        }
    }

    /** Idempotency records are never kept: every retry writes again. */
    static final class ForgetsKeys extends Delegating {
        @Override
        public void insert(Task task, Optional<IdempotencyRecord> idempotency) {
            delegate.insert(task, Optional.empty());
        }

        @Override
        public boolean update(Task task, long expectedVersion, Optional<IdempotencyRecord> idempotency) {
            return delegate.update(task, expectedVersion, Optional.empty());
        }

        @Override
        public void putIdempotencyRecord(IdempotencyRecord idempotency) {
        }

        @Override
        public Optional<IdempotencyRecord> findIdempotencyRecord(TenantId tenant, IdempotencyOperation operation, String key) {
            return Optional.empty();
        }
    }

    /**
     * Now and then, an update of a hot task (one with a counter) is written but reported as a lost
     * race: the caller is told it failed although its change is stored.
     */
    static final class HidesWrites extends Delegating {
        private final AtomicLong updates = new AtomicLong();

        @Override
        public boolean update(Task task, long expectedVersion, Optional<IdempotencyRecord> idempotency) {
            boolean written = delegate.update(task, expectedVersion, idempotency);
            return written && !(task.metadata().containsKey("counter") && updates.incrementAndGet() % 20 == 0);
        }
    }

    /** A page after a cursor starts with the task the cursor points at (an inclusive bound instead of an exclusive one). */
    static final class RepeatsCursorTask extends Delegating {
        @Override
        public List<Task> find(TenantId tenant, PageRequest request) {
            List<Task> page = delegate.find(tenant, request);
            if (request.after().isEmpty()) {
                return page;
            }
            Optional<Task> atCursor = delegate.get(tenant, request.after().get().id());
            if (atCursor.isEmpty() || !request.filter().matches(atCursor.get())) {
                return page;
            }
            List<Task> repeated = new ArrayList<>();
            repeated.add(atCursor.get());
            repeated.addAll(page);
            return repeated.subList(0, Math.min(repeated.size(), request.limit()));
        }
    }
}
