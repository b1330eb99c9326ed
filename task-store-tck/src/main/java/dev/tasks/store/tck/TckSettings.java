package dev.tasks.store.tck;

/**
 * How hard the property tests of the contract try, from system properties:
 * <ul>
 *   <li>{@code tasks.tck.examples}: generated examples for every property of the contract (stateful
 *       sequences, query examples, round-trips) instead of each property's default.</li>
 *   <li>{@code tasks.tck.actions}: the most actions in one stateful sequence (default 30).</li>
 *   <li>{@code tasks.tck.threads}: threads in the concurrency tests (default 8).</li>
 *   <li>{@code tasks.tck.shrinks}: how many shrink steps a failing property may take (default 2,000),
 *       so that a failure is reported in seconds, not minutes (QuickTheories' own default is a million).</li>
 * </ul>
 * QuickTheories' own {@code QT_SEED} replays a failing run with the seed it printed.
 */
final class TckSettings {

    private TckSettings() {
    }

    /**
     * Examples for a property.
     *
     * @param byDefault the property's default
     * @return {@code tasks.tck.examples} if set, else the default; at least 1
     */
    static int examples(int byDefault) {
        return Math.max(1, Integer.getInteger("tasks.tck.examples", byDefault));
    }

    /** @return the most actions in a stateful sequence */
    static int maxActions() {
        return Math.max(1, Integer.getInteger("tasks.tck.actions", 30));
    }

    /** @return how many shrink steps a failing property may take */
    static int shrinkCycles() {
        return Math.max(0, Integer.getInteger("tasks.tck.shrinks", 2_000));
    }

    /** @return the number of threads in concurrency tests */
    static int threads() {
        return Math.max(2, Integer.getInteger("tasks.tck.threads", 8));
    }
}
