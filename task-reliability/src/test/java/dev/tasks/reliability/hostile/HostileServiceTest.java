package dev.tasks.reliability.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.tasks.core.Task;
import dev.tasks.core.TenantId;
import dev.tasks.core.store.TaskStore;
import dev.tasks.reliability.hostile.Steps.Step;
import dev.tasks.store.tck.TaskGenerators;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/**
 * Item 3 of the reliability issue: hostile input into every operation of the service, on the three real
 * stores (memory for the volume, SQLite and PostgreSQL for SQL metacharacters against real SQL).
 *
 * <p>Each generated example is a sequence of {@value #STEPS} tries in a tenant of its own (whose id
 * itself holds a metacharacter), seeded with tasks of every shape, among them titles and external ids
 * that differ only by a LIKE metacharacter. Each try puts hostile input in one place of an otherwise valid
 * request and must end as {@link Rules} and the tenant's state say: a success that did exactly what was
 * asked (the store, read back, holds the request modulo the documented defaults; a list or count is the
 * one {@code TaskFilter.matches} gives, so {@code %} finds only a literal {@code %}), or the documented
 * error naming the field, with the store unchanged and the error fit for a client
 * ({@link ClientErrors}). Nothing else may escape. The other tenant's tasks are checked untouched at the
 * end.
 */
class HostileServiceTest {

    static final int STEPS = 25;

    private static final Tally TALLY = new Tally("hostile-service");
    private static final AtomicLong TENANTS = new AtomicLong();
    private static final AtomicLong IDS = new AtomicLong();
    private static final List<String> TENANT_SUFFIXES = List.of("", "'", "%", "_", "\\", "'; DROP TABLE tasks; --", " ", "\u00e9",
            "\uD83D\uDE00", "\"");

    @TempDir
    static Path directory;

    /** What one example runs: the tenant's seed and the tries. */
    record Scenario(List<Task> seed, List<Step> steps, String suffix) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("seed of " + seed.size() + " tasks, tenant suffix " + Hostile.show(suffix) + ":");
            for (int i = 0; i < steps.size(); i++) {
                sb.append("\n  ").append(i + 1).append(". ").append(steps.get(i));
            }
            return sb.toString();
        }
    }

    @Test
    void everyOperationOnTheMemoryStore() {
        run(Stores.Kind.MEMORY, HostileSettings.tries(HostileSettings.MEMORY));
    }

    @Test
    void everyOperationOnSqlite() {
        run(Stores.Kind.SQLITE, HostileSettings.tries(HostileSettings.SQLITE));
    }

    @Test
    void everyOperationOnPostgresql() {
        run(Stores.Kind.POSTGRESQL, HostileSettings.tries(HostileSettings.POSTGRESQL));
    }

    @AfterAll
    static void publish() {
        TALLY.publish();
    }

    private static void run(Stores.Kind kind, int tries) {
        int examples = Math.max(1, (tries + STEPS - 1) / STEPS);
        TaskStore store = Stores.open(kind, "hostile_service", directory);
        try {
            Target target = new Target(kind, store, TALLY);
            qt().withExamples(examples).withShrinkCycles(HostileSettings.shrinks()).forAll(scenarios()).checkAssert(sc -> {
                TenantId tenant = TenantId.of("hostile-" + kind + "-" + TENANTS.incrementAndGet() + sc.suffix());
                for (Task t : sc.seed()) {
                    store.insert(t.toBuilder().tenantId(tenant).id(TaskGenerators.mixedId(0x5EED, IDS.incrementAndGet())).build(), Optional.empty());
                }
                Session session = new Session(target, tenant);
                sc.steps().forEach(step -> step.run(session));
            });
            target.checkStrangerUntouched();
        } finally {
            Stores.close(store);
        }
        assertThat(TALLY.total(kind.name())).as("%s: every try ran and was counted", kind).isEqualTo((long) examples * STEPS);
    }

    /** A seed of tasks (some titled with LIKE metacharacters, some with look-alike external ids) and the tries. */
    private static Gen<Scenario> scenarios() {
        Gen<List<Task>> tasks = TaskGenerators.distinctTasks(TenantId.of("placeholder"), 3, 14);
        Gen<Step> steps = Steps.steps();
        return in -> {
            List<Task> seed = new ArrayList<>();
            Set<String> externalIds = new HashSet<>();
            for (Task t : tasks.generate(in)) {
                Task.Builder b = t.toBuilder().externalId(null);
                if (Hostile.chance(in, 50)) {
                    b.title(Hostile.pick(in, Hostile.NEEDLE_TITLES));
                }
                String externalId = Hostile.pick(in, Target.EXTERNAL_IDS);
                if (Hostile.chance(in, 50) && externalIds.add(externalId)) {
                    b.externalId(externalId);
                }
                seed.add(b.build());
            }
            List<Step> list = new ArrayList<>();
            for (int i = 0; i < STEPS; i++) {
                list.add(steps.generate(in));
            }
            return new Scenario(seed, list, Hostile.pick(in, TENANT_SUFFIXES));
        };
    }
}
