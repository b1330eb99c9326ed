package dev.tasks.api;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;

/**
 * Runs QuickTheories properties with this module's settings and counts the tries.
 *
 * <p>Each property runs {@value #DEFAULT_EXAMPLES} examples unless the system property
 * {@code QT_EXAMPLES} says otherwise ({@code ./mvnw test -DQT_EXAMPLES=2000}); a failing run prints
 * its seed, and {@code -DQT_SEED=...} replays it. Every property prints how many times it ran
 * (shrinking included), so a run's total number of tries can be read from the test output.
 */
final class Pbt {

    /** Examples per property when {@code QT_EXAMPLES} is not set. */
    static final int DEFAULT_EXAMPLES = 200;

    /** Examples per property in this run. */
    static final int EXAMPLES = Integer.getInteger("QT_EXAMPLES", DEFAULT_EXAMPLES);

    /** Shrink steps a failing property may take: enough for a small counterexample, bounded in time. */
    static final int SHRINKS = Integer.getInteger("QT_SHRINKS", 2_000);

    private static final AtomicLong TOTAL = new AtomicLong();

    private Pbt() {
    }

    /**
     * Checks a property over generated inputs.
     *
     * @param gen the inputs
     * @param property assertions that must hold for every input
     * @param <A> the input type
     */
    static <A> void check(Gen<A> gen, Consumer<A> property) {
        String name = StackWalker.getInstance()
                .walk(frames -> frames.skip(1).findFirst())
                .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName())
                .orElse("property");
        AtomicLong tries = new AtomicLong();
        try {
            QuickTheory.qt().withShrinkCycles(SHRINKS).withExamples(EXAMPLES).forAll(gen).checkAssert(a -> {
                tries.incrementAndGet();
                property.accept(a);
            });
        } finally {
            long total = TOTAL.addAndGet(tries.get());
            System.out.printf("[property] %s: %d tries (%d in this JVM so far)%n", name, tries.get(), total);
        }
    }
}
