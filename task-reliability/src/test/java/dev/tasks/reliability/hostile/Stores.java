package dev.tasks.reliability.hostile;

import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskSort;
import dev.tasks.core.TenantId;
import dev.tasks.core.TrashFilter;
import dev.tasks.core.store.PageRequest;
import dev.tasks.core.store.TaskStore;
import dev.tasks.store.jdbi.EmbeddedPostgresSupport;
import dev.tasks.store.jdbi.JdbiTaskStore;
import dev.tasks.store.memory.InMemoryTaskStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The three real stores the suite runs on, and what every property needs around them: a fresh store of
 * each kind, a snapshot of a tenant's tasks, a clock that moves.
 */
public final class Stores {

    /** The stores of the project. */
    public enum Kind {
        /** {@code InMemoryTaskStore}: the volume of the tries. */
        MEMORY,
        /** {@code JdbiTaskStore.sqlite} on a file in a temporary directory. */
        SQLITE,
        /** {@code JdbiTaskStore.create} on a database of the embedded PostgreSQL server. */
        POSTGRESQL
    }

    private Stores() {
    }

    /**
     * Opens an empty store.
     *
     * @param kind which store
     * @param name names the PostgreSQL database ({@code [a-z_]+}, unique to the caller) and the SQLite file
     * @param directory where a SQLite file goes
     * @return the store; close it with {@link #close(TaskStore)}
     */
    public static TaskStore open(Kind kind, String name, Path directory) {
        return switch (kind) {
            case MEMORY -> new InMemoryTaskStore();
            case SQLITE -> JdbiTaskStore.sqlite(directory.resolve(name + ".db"));
            case POSTGRESQL -> JdbiTaskStore.create(EmbeddedPostgresSupport.database(name));
        };
    }

    /**
     * Closes a store that holds connections; a PostgreSQL store's pool is shared and stays open.
     *
     * @param store the store
     */
    public static void close(TaskStore store) {
        if (store instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the store failed", e);
            }
        }
    }

    /**
     * Every task of a tenant as the store holds it, trashed ones included, by id. Read through the SPI,
     * not the service, so that what the service did is seen as the store keeps it.
     *
     * @param store the store
     * @param tenant the tenant
     * @return the tasks, sorted by id
     */
    public static Map<TaskId, Task> snapshot(TaskStore store, TenantId tenant) {
        List<Task> all = store.find(tenant, new PageRequest(TaskFilter.builder().trashed(TrashFilter.INCLUDE).build(),
                TaskSort.DEFAULT, Optional.empty(), 0, 100_000));
        Map<TaskId, Task> byId = new TreeMap<>();
        all.forEach(t -> byId.put(t.id(), t));
        return Collections.unmodifiableMap(byId);
    }

    /**
     * A clock that moves one millisecond each time it is read, from 2026-01-01: every write gets a later
     * stamp, and idempotency keys (24 hours) never expire within a run.
     *
     * @return the clock
     */
    public static Clock tickingClock() {
        return new TickingClock(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
    }

    private static final class TickingClock extends Clock {
        private final AtomicLong millis;

        TickingClock(long start) {
            this.millis = new AtomicLong(start);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.incrementAndGet());
        }
    }
}
