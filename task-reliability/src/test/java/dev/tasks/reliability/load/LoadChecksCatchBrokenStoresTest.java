package dev.tasks.reliability.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasks.api.TaskService;
import dev.tasks.core.store.TaskStore;
import dev.tasks.store.memory.InMemoryTaskStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The load checks are worth something only if they fail on a store that breaks a guarantee: the
 * scenario runs, small, on stores with one deliberate bug each, and must report that bug by name.
 */
class LoadChecksCatchBrokenStoresTest {

    /** Small, but with enough threads and actions for the races to happen. */
    private static final LoadSettings SMALL = new LoadSettings(Duration.ofSeconds(2), 3_000, 8, 2, 4, 42);

    private static LoadResult runOn(String name, TaskStore store) {
        LoadResult result = LoadScenario.run(name, TaskService.builder(store).build(), SMALL);
        System.out.println(name + ": " + result.problems().size() + " problems, the first: "
                + result.problems().stream().findFirst().orElse("none"));
        return result;
    }

    @Test
    void aCompareAndSetThatDoesNotCompareLosesUpdatesAndIsCaught() {
        LoadResult result = runOn("ignores-expected-version", new BrokenStores.IgnoresExpectedVersion());
        // Two read-modify-writes from one version both land: one version answered twice.
        assertThat(result.problems()).anyMatch(p -> p.contains("was answered to"));
    }

    @Test
    void aStoreThatForgetsIdempotencyKeysIsCaught() {
        LoadResult result = runOn("forgets-keys", new BrokenStores.ForgetsKeys());
        assertThat(result.problems()).anyMatch(p -> p.contains("was not a replay"));
    }

    @Test
    void aWriteReportedAsLostIsCaught() {
        LoadResult result = runOn("hides-writes", new BrokenStores.HidesWrites());
        assertThat(result.problems()).anyMatch(p -> p.contains("exist but no call acknowledged them"));
    }

    @Test
    void aCursorThatRepeatsATaskIsCaught() {
        LoadResult result = runOn("repeats-cursor-task", new BrokenStores.RepeatsCursorTask());
        assertThat(result.problems()).anyMatch(p -> p.contains("twice"));
    }

    @Test
    void theRealMemoryStoreWithTheSameSettingsHasNoProblem() {
        // The control: the same small run on the store the broken ones wrap finds nothing.
        LoadResult result = runOn("memory-control", new InMemoryTaskStore());
        assertThat(result.problems()).isEmpty();
    }
}
