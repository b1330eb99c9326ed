package dev.tasks.reliability.load;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How big one load run is. Every run is bounded twice, by time and by a number of actions, so that a
 * slow machine ends on the clock and a fast one on the count: CI stays within its budget either way.
 *
 * <p>The defaults are the CI run; the long variant is chosen on the command line (they reach the test
 * JVM because surefire passes Maven's user properties on):
 * <ul>
 *   <li>{@code tasks.load.seconds} (6): wall-clock limit per store;</li>
 *   <li>{@code tasks.load.operations} (20,000): actions per store, all threads together;</li>
 *   <li>{@code tasks.load.threads} (16): threads sharing the one service;</li>
 *   <li>{@code tasks.load.hot} (4): hot tasks every thread fights over;</li>
 *   <li>{@code tasks.load.seed}: the random seed (printed; the interleaving still varies from run to run).</li>
 * </ul>
 *
 * @param duration the time limit
 * @param operations the action limit
 * @param threads how many threads
 * @param hotTasks how many hot tasks
 * @param racers how many calls share one racing idempotency key
 * @param seed the seed of the threads' choices (thread {@code i} uses {@code seed + i})
 */
record LoadSettings(Duration duration, long operations, int threads, int hotTasks, int racers, long seed) {

    LoadSettings {
        // One thread cannot race: the run would prove nothing about concurrency.
        if (duration.isNegative() || duration.isZero() || operations < 1 || threads < 2 || hotTasks < 1 || racers < 2) {
            throw new IllegalArgumentException("a load run needs time, operations, at least two threads, hot tasks and at least two racers");
        }
    }

    /** The CI run, or what the system properties ask for. */
    static LoadSettings fromSystemProperties() {
        return new LoadSettings(
                Duration.ofSeconds(Long.getLong("tasks.load.seconds", 6)),
                Long.getLong("tasks.load.operations", 20_000),
                Integer.getInteger("tasks.load.threads", 16),
                Integer.getInteger("tasks.load.hot", 4),
                4,
                Long.getLong("tasks.load.seed", ThreadLocalRandom.current().nextLong()));
    }

    @Override
    public String toString() {
        return threads + " threads, " + hotTasks + " hot tasks, limits " + duration.toSeconds() + " s and " + operations
                + " actions, seed " + seed;
    }
}
