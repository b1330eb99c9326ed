package dev.tasks.reliability.hostile;

/**
 * How hard the hostile and isolation properties try, from system properties (Surefire passes
 * {@code -D} options of the Maven command line to the test JVM):
 * <ul>
 *   <li>{@code tasks.hostile.tries}: hostile tries in all (default {@value #DEFAULT_TRIES}), shared as the
 *       defaults are: 8,750 on the memory store, 1,250 on SQLite, 1,250 on PostgreSQL and 2,500 into the
 *       wire formats' readers; {@code -Dtasks.hostile.tries=137500} runs ten times as many of each.</li>
 *   <li>{@code tasks.isolation.sequences}: operation sequences of two tenants per SQL store (default
 *       {@value #DEFAULT_SEQUENCES}; the memory store runs four times as many).</li>
 *   <li>{@code tasks.hostile.shrinks}: how many shrink steps a failing property may take (default 200), so
 *       that a failure on PostgreSQL is reported in seconds.</li>
 * </ul>
 * QuickTheories' own {@code QT_SEED} replays a failing run with the seed it printed.
 */
public final class HostileSettings {

    /** The default number of hostile tries per run: the issue asks for at least 10,000; 11,250 of them go into the service. */
    public static final int DEFAULT_TRIES = 13_750;

    /** The default number of isolation sequences per SQL store. */
    public static final int DEFAULT_SEQUENCES = 40;

    static final int MEMORY = 8_750;
    static final int SQLITE = 1_250;
    static final int POSTGRESQL = 1_250;
    static final int WIRE = 2_500;

    private HostileSettings() {
    }

    /**
     * This part's share of the tries asked for.
     *
     * @param part the part's default (one of the constants above)
     * @return the tries for this run, at least 1
     */
    static int tries(int part) {
        int total = Math.max(1, Integer.getInteger("tasks.hostile.tries", DEFAULT_TRIES));
        return (int) Math.max(1, Math.round((double) part * total / DEFAULT_TRIES));
    }

    /**
     * Isolation sequences per SQL store.
     *
     * @return at least 1
     */
    public static int sequences() {
        return Math.max(1, Integer.getInteger("tasks.isolation.sequences", DEFAULT_SEQUENCES));
    }

    /**
     * Shrink steps a failing property may take.
     *
     * @return at least 0
     */
    public static int shrinks() {
        return Math.max(0, Integer.getInteger("tasks.hostile.shrinks", 200));
    }
}
