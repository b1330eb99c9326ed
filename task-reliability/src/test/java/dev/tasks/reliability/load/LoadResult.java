package dev.tasks.reliability.load;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * What a load run did and what went wrong.
 *
 * @param store the store's name
 * @param settings the run's bounds
 * @param seconds how long the threads ran
 * @param figures the calls, by kind and outcome
 * @param problems every failed check and unexpected throwable; empty if the run kept every invariant
 * @param summary the state at the end (hot versions and counters, shared keys, task counts)
 */
record LoadResult(String store, LoadSettings settings, double seconds, LoadFigures figures, List<String> problems, String summary) {

    /** The figures, as printed to the test's output and copied into docs/reliability.md. */
    String report() {
        // Throughput depends on what else the machine runs: the load average puts the figures in context.
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return String.format(Locale.ROOT, "### %s%n%n%s; ran %.1f s: %d actions, %d calls (%.0f calls/s), "
                        + "%d version conflicts, %d replays, %d task_trashed, %d not_found; "
                        + "system load average %.1f on %d processors at the end%n%n%s%n```%n%s```%n",
                store, settings, seconds, figures.actions(), figures.calls(), figures.calls() / seconds,
                figures.total(LoadFigures.Outcome.VERSION_CONFLICT), figures.total(LoadFigures.Outcome.REPLAYED),
                figures.total(LoadFigures.Outcome.TASK_TRASHED), figures.total(LoadFigures.Outcome.NOT_FOUND),
                os.getSystemLoadAverage(), os.getAvailableProcessors(),
                figures.table(), summary);
    }
}
