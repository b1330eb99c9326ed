package dev.tasks.json.lightfield;

import java.util.function.Consumer;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;

/**
 * Runs QuickTheories properties with this package's settings: {@value #DEFAULT_EXAMPLES} examples unless
 * {@code -DQT_EXAMPLES=...} says otherwise; a failing run prints its seed, {@code -DQT_SEED=...} replays it.
 */
final class Pbt {

    static final int DEFAULT_EXAMPLES = 200;

    static final int EXAMPLES = Integer.getInteger("QT_EXAMPLES", DEFAULT_EXAMPLES);

    /** Enough shrinking for a small counterexample, bounded in time. */
    static final int SHRINKS = Integer.getInteger("QT_SHRINKS", 2_000);

    private Pbt() {
    }

    static <A> void check(Gen<A> gen, Consumer<A> property) {
        QuickTheory.qt().withShrinkCycles(SHRINKS).withExamples(EXAMPLES).forAll(gen).checkAssert(property);
    }
}
