package dev.tasks.reliability.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasks.api.TaskService;
import dev.tasks.core.store.TaskStore;
import org.junit.jupiter.api.Test;

/**
 * The load scenario ({@link LoadScenario}) on one store; a subclass per store opens it. The run's
 * figures are printed (surefire keeps them in {@code target/surefire-reports/<class>-output.txt}).
 */
abstract class LoadTestBase {

    /** The store's name in the report and in the tenant's id. */
    abstract String storeName();

    /** A store that holds nothing of the run's tenant. */
    abstract TaskStore openStore() throws Exception;

    /** Closes what {@link #openStore()} opened. */
    void closeStore(TaskStore store) throws Exception {
    }

    @Test
    void manyThreadsThroughOneServiceKeepEveryInvariant() throws Exception {
        TaskStore store = openStore();
        LoadResult result;
        try {
            result = LoadScenario.run(storeName(), TaskService.builder(store).build(), LoadSettings.fromSystemProperties());
        } finally {
            closeStore(store);
        }
        System.out.println(result.report());
        assertThat(result.problems()).as("problems of the load run on %s (%s)", storeName(), result.settings()).isEmpty();
    }
}
