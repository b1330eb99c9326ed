package dev.tasks.bench;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Warms a benchmark JVM up once, before its first trial measures anything: every call its trials will
 * make, in turn, for a few seconds.
 *
 * <p>Why: a profile runs many trials in one JVM ({@code -f 0}, see {@code Bench#perJvm}), and JMH runs
 * them in name order. Without this, the first trial of a JVM ran while the JIT was still compiling the
 * store, Jdbi and the validator, and its short warm-up iterations did not cover that: the full run's
 * first list trial (SQLite, ALL, deep page at a million) measured 2.47× its first page, and 0.85× after
 * 10 s of warm-up. With it, a trial's figure no longer depends on its place in the run.
 *
 * <p>The time, in seconds, is the system property {@value #PROPERTY} (the profiles set it; 0 turns the
 * warm-up off). Afterwards the heap is collected, so that the warm-up's garbage is not collected during
 * the first trial.
 */
final class JvmWarmUp {

    /** The system property holding the warm-up time in seconds. */
    static final String PROPERTY = "tasks.bench.jvmWarmUp";

    private static final double DEFAULT_SECONDS = 5;
    private static final Set<String> DONE = new HashSet<>();

    private JvmWarmUp() {
    }

    /**
     * Whether a kind of benchmark has yet to warm this JVM up; true once only, so the caller then warms
     * up ({@link #run}) and later trials of the kind do not.
     *
     * @param kind which benchmark class warms up (its trials share the calls)
     * @return true the first time for the kind
     */
    static synchronized boolean due(String kind) {
        return seconds() > 0 && DONE.add(kind);
    }

    /**
     * Runs the calls round-robin, each at least once, until the warm-up time is spent.
     *
     * @param kind which benchmark class warms up, for the log
     * @param calls what its trials will call
     * @throws Exception if a call fails
     */
    static void run(String kind, List<Callable<?>> calls) throws Exception {
        long start = System.nanoTime();
        long end = start + (long) (seconds() * 1e9);
        long rounds = 0;
        do {
            for (Callable<?> call : calls) {
                call.call();
            }
            rounds++;
        } while (System.nanoTime() < end);
        BenchData.log(String.format(Locale.ROOT, "warmed the JVM up for %s: %d rounds of %d calls in %.1f s", kind, rounds,
                calls.size(), (System.nanoTime() - start) / 1e9));
        System.gc();
    }

    private static double seconds() {
        return Double.parseDouble(System.getProperty(PROPERTY, Double.toString(DEFAULT_SECONDS)));
    }
}
