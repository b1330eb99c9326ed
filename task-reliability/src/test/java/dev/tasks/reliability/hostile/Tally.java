package dev.tasks.reliability.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts tries: per store (or part) and operation, and outcomes (success or the error's code). Printed
 * after each test class and written to {@code target/reliability/<name>.txt}, which is where the figures
 * of docs/reliability.md come from.
 */
public final class Tally {

    private final String name;
    private final Map<String, Map<String, LongAdder>> tries = new ConcurrentHashMap<>();
    private final Map<String, Map<String, LongAdder>> outcomes = new ConcurrentHashMap<>();
    private final long started = System.nanoTime();
    private final long startedCpu = processCpuNanos();

    /**
     * A tally.
     *
     * @param name names the report file
     */
    public Tally(String name) {
        this.name = name;
    }

    /**
     * Counts one try.
     *
     * @param part the store or part, e.g. {@code MEMORY}
     * @param operation the operation, e.g. {@code update+options}
     * @param outcome {@code ok} or the error's code
     */
    public void count(String part, String operation, String outcome) {
        tries.computeIfAbsent(part, p -> new ConcurrentHashMap<>()).computeIfAbsent(operation, o -> new LongAdder()).increment();
        outcomes.computeIfAbsent(part, p -> new ConcurrentHashMap<>()).computeIfAbsent(outcome, o -> new LongAdder()).increment();
    }

    /**
     * Tries counted for a part.
     *
     * @param part the part
     * @return the count
     */
    public long total(String part) {
        return tries.getOrDefault(part, Map.of()).values().stream().mapToLong(LongAdder::sum).sum();
    }

    /**
     * Tries counted in all.
     *
     * @return the count
     */
    public long total() {
        return tries.keySet().stream().mapToLong(this::total).sum();
    }

    /**
     * Tries of one operation in one part.
     *
     * @param part the part
     * @param operation the operation
     * @return the count
     */
    public long tries(String part, String operation) {
        LongAdder n = tries.getOrDefault(part, Map.of()).get(operation);
        return n == null ? 0 : n.sum();
    }

    /**
     * Outcomes of one kind in one part.
     *
     * @param part the part
     * @param outcome {@code ok} or a code
     * @return the count
     */
    public long outcomes(String part, String outcome) {
        LongAdder n = outcomes.getOrDefault(part, Map.of()).get(outcome);
        return n == null ? 0 : n.sum();
    }

    /**
     * The report: tries per part and operation, outcomes per part, the time taken, the known bugs' hits.
     *
     * @return the text
     */
    public String report() {
        StringBuilder sb = new StringBuilder();
        sb.append("== ").append(name).append(": ").append(total()).append(" tries in ")
                .append((System.nanoTime() - started) / 1_000_000).append(" ms (test JVM CPU time ")
                .append((processCpuNanos() - startedCpu) / 1_000_000).append(" ms, on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" processors)\n");
        new TreeMap<>(tries).forEach((part, ops) -> {
            sb.append(part).append(": ").append(total(part)).append(" tries\n");
            new TreeMap<>(ops).forEach((op, n) -> sb.append(String.format("  %-28s %7d%n", op, n.sum())));
            sb.append("  outcomes:");
            new TreeMap<>(outcomes.get(part)).forEach((o, n) -> sb.append(' ').append(o).append('=').append(n.sum()));
            sb.append('\n');
        });
        return sb.toString();
    }

    /** The test JVM's CPU time: what the run costs, whatever else the machine was doing at the time. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    /** Prints the report and writes it under {@code target/reliability/}. */
    public void publish() {
        String report = report();
        System.out.print(report);
        try {
            Path dir = Path.of("target", "reliability");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".txt"), report, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
