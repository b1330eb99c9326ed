package dev.tasks.api;

import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskSort;
import dev.tasks.core.TenantId;
import dev.tasks.core.TrashFilter;
import dev.tasks.core.store.IdempotencyOperation;
import dev.tasks.core.store.PageRequest;
import dev.tasks.store.memory.InMemoryTaskStore;
import dev.tasks.store.tck.RequestGenerators;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * A fresh service for one example: an empty in-memory store, a {@link MutableClock}, the custom
 * relationships of {@link RequestGenerators} registered, and an actor with every scope.
 */
final class Fixture {

    static final TenantId TENANT = TenantId.of("acme");
    static final TenantId OTHER_TENANT = TenantId.of("globex");
    static final TaskFilter EVERYTHING = TaskFilter.builder().trashed(TrashFilter.INCLUDE).build();

    final InMemoryTaskStore store = new InMemoryTaskStore();
    final MutableClock clock;
    final TaskService service;
    final Actor actor;

    Fixture(Instant start) {
        this(start, "mem_alice", Optional.empty());
    }

    Fixture(Instant start, String principal) {
        this(start, principal, Optional.empty());
    }

    Fixture(Instant start, String principal, Optional<Duration> idempotencyTtl) {
        clock = new MutableClock(start);
        TaskService.Builder b = TaskService.builder(store).clock(clock);
        RequestGenerators.customRelationships().forEach(b::relationship);
        idempotencyTtl.ifPresent(b::idempotencyTtl);
        service = b.build();
        actor = new Actor(TENANT, principal, Scope.all());
    }

    /** The clock's time as the domain sees it: truncated to milliseconds. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Every task of a tenant, trashed or not, by id, read from the store itself. */
    List<Task> snapshot(TenantId tenant) {
        List<Task> all = store.find(tenant, new PageRequest(EVERYTHING, TaskSort.DEFAULT, Optional.empty(), 0, 100_000));
        return all.stream().sorted(Comparator.comparing(Task::id)).toList();
    }

    List<Task> snapshot() {
        return snapshot(TENANT);
    }

    long count(TenantId tenant) {
        return store.count(tenant, EVERYTHING);
    }

    /** Whether the store holds a record of this key, for either operation, in either tenant. */
    boolean anyRecordOf(String key) {
        for (TenantId t : List.of(TENANT, OTHER_TENANT)) {
            for (IdempotencyOperation op : IdempotencyOperation.values()) {
                if (store.findIdempotencyRecord(t, op, key).isPresent()) {
                    return true;
                }
            }
        }
        return false;
    }

    static Actor actor(TenantId tenant, String principal, Set<Scope> scopes) {
        return new Actor(tenant, principal, scopes);
    }

    // ---- generators of test settings

    /** Where clocks start: 1971 to 2500, with sub-millisecond parts most of the time. */
    static Gen<Instant> clockStarts() {
        Gen<Long> millis = Generate.longRange(Instant.parse("1971-01-01T00:00:00Z").toEpochMilli(),
                Instant.parse("2500-01-01T00:00:00Z").toEpochMilli());
        Gen<Integer> nanos = Generate.range(0, 999_999);
        return millis.zip(nanos, (m, n) -> Instant.ofEpochMilli(m).plusNanos(n));
    }

    /**
     * How far the clock moves between two calls: not at all, less than a millisecond, a little, a lot,
     * or backwards (as a clock corrected by NTP does).
     */
    static Gen<Duration> clockSteps() {
        return in -> switch (Generate.range(0, 9).generate(in)) {
            case 0, 1 -> Duration.ZERO;
            case 2 -> Duration.ofNanos(Generate.range(1, 999_999).generate(in));
            case 3, 4, 5 -> Duration.ofMillis(Generate.range(1, 5_000).generate(in));
            case 6, 7 -> Duration.ofMillis(Generate.longRange(1, 40L * 86_400_000).generate(in));
            default -> Duration.ofMillis(-Generate.longRange(1, 86_400_000).generate(in))
                    .minusNanos(Generate.range(0, 999_999).generate(in));
        };
    }

    /** Valid principals (entity ids). */
    static Gen<String> principals() {
        return RequestGenerators.entityIds();
    }
}
