package dev.tasks.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Checks that the stateful property's generated sequences reach the interesting outcomes often
 * enough: clashes of every kind, failed compare-and-sets, skipped no-op changes, non-empty pages and
 * walks of several pages, purges that purge. A generator change that starves one of them fails here.
 */
class StatefulCoverageTest {

    @Test
    void generatedSequencesReachEveryOutcome() {
        Map<String, Integer> outcomes = new TreeMap<>();
        qt().withFixedSeed(42).withExamples(150).forAll(StatefulContract.scenarios(30)).checkAssert(scenario -> {
            StatefulContract.Run run = new StatefulContract.Run(new SimpleTaskStore(), scenario);
            run.run();
            for (String line : run.outcomes()) {
                String action = line.substring(0, line.indexOf(" -> "));
                String result = line.substring(line.indexOf(" -> ") + 4);
                String category = result.startsWith("refused") || result.startsWith("skipped") || result.equals("false") || result.equals("done")
                        || result.equals("nothing") ? result
                        : result.matches("0 tasks.*|0|0 purged") ? "empty" : "some";
                outcomes.merge(action + " -> " + category, 1, Integer::sum);
            }
        });
        outcomes.forEach((k, v) -> System.out.println(k + ": " + v));
        assertThat(outcomes).containsKeys(
                "Create -> done",
                "Create -> refused: DuplicateExternalIdException",
                "Create -> refused: DuplicateIdempotencyKeyException",
                "CreateWithTakenId -> refused: DuplicateTaskIdException",
                "Patch -> done",
                "Patch -> false",
                "Patch -> skipped: no effective change",
                "Patch -> refused: DuplicateExternalIdException",
                "ChangeStatus -> done",
                "ChangeStatus -> false",
                "Trash -> done",
                "Restore -> done",
                "Delete -> done",
                "Delete -> false",
                "UpdateInOtherTenant -> false",
                "Get -> some",
                "Get -> nothing",
                "GetByExternalId -> some",
                "Query -> some",
                "Query -> empty",
                "Walk -> some",
                "Count -> some",
                "FindRecord -> some",
                "Purge -> some",
                "PutRecord -> done",
                "PutRecord -> refused: DuplicateIdempotencyKeyException");
        assertThat(outcomes.get("Query -> some")).isGreaterThan(30);
        assertThat(outcomes.get("Walk -> some")).isGreaterThan(30);
        assertThat(outcomes.get("Create -> refused: DuplicateIdempotencyKeyException")).isGreaterThan(10);
        assertThat(outcomes.get("Patch -> false")).isGreaterThan(10);
    }
}
