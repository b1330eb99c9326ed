package dev.tasks.bench;

import java.io.IOException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * The command line of {@code benchmarks.jar}.
 *
 * <pre>
 * java -jar task-bench/target/benchmarks.jar quick [JMH options]   # the quick profile: under 5 minutes on 2 cores
 * java -jar task-bench/target/benchmarks.jar full [JMH options]    # every benchmark, every target and data set
 * java -jar task-bench/target/benchmarks.jar report FILE.json…     # Markdown tables from JMH JSON results
 * java -jar task-bench/target/benchmarks.jar build [sqlite|postgres] [DATA SET…]  # build data sets ahead of a run
 * java -jar task-bench/target/benchmarks.jar check [DATA SET]      # raw baseline answers = library answers?
 * java -jar task-bench/target/benchmarks.jar footprint [DATA SET…] # memory store: heap bytes per task
 * java -jar task-bench/target/benchmarks.jar jmh [JMH options]     # plain JMH (-l lists, -h helps, -prof …)
 * </pre>
 *
 * <p>{@code quick} and {@code full} build the data sets they need first (reused by later runs), start
 * the embedded PostgreSQL once if they need it (its port goes to every forked JVM), run their
 * benchmarks, and write {@code results/<profile>-<time>.json} (JMH's JSON) and {@code .md} (the header
 * of the run and the tables, ready for {@code BENCHMARKS.md}) beside {@code benchmarks.jar}. JMH options
 * after the profile name are added to it: {@code -p target=sqlite,sqlite-raw} narrows a parameter,
 * {@code -prof jfr} or {@code -prof stack} profiles every fork.
 */
public final class Bench {

    private static final String[] ALL_SHAPES = Arrays.stream(Shape.values()).map(Enum::name).toArray(String[]::new);

    /** One JMH run of a profile: which benchmarks, with which parameters, for how long. */
    record Run(String include, Map<String, String[]> params, int warmups, double warmupSeconds, int iterations, double iterationSeconds) {
    }

    private Bench() {
    }

    /**
     * The quick profile: SQLite and memory at 10 thousand tasks, and the list at a million if
     * the million-task SQLite file is already built ({@code build sqlite 1m}, a few minutes once): building
     * it does not fit in the profile's five minutes.
     */
    static List<Run> quick() {
        List<Run> runs = new ArrayList<>();
        String[] targets = {"memory", "sqlite", "sqlite-raw"};
        runs.add(new Run("CrudBenchmark\\.(createTitle|createFull|get|update|changeStatus|createTitle8Threads|createAll100)$",
                Map.of("target", targets), 1, 1, 3, 1));
        runs.add(new Run("ListBenchmark\\.firstPage$",
                Map.of("target", targets, "dataset", new String[] {"10k"}, "shape", ALL_SHAPES), 1, 0.3, 3, 0.3));
        runs.add(new Run("ListBenchmark\\.(deepPage|count)$",
                Map.of("target", targets, "dataset", new String[] {"10k"}, "shape", new String[] {"ALL", "ASSIGNEE"}), 1, 0.3, 3, 0.3));
        if (BenchData.sqliteBuilt(DataSet.of("1m"))) {
            runs.add(new Run("ListBenchmark\\.(firstPage|deepPage)$",
                    Map.of("target", targets, "dataset", new String[] {"1m"}, "shape", new String[] {"ASSIGNEE"}), 1, 0.3, 3, 0.3));
        } else {
            BenchData.log("the 1m SQLite data set is not built: the quick profile leaves out the list at a million tasks "
                    + "(build it once with: java -jar task-bench/target/benchmarks.jar build sqlite 1m)");
        }
        return runs;
    }

    /** The full set: every benchmark on every target and data set. */
    static List<Run> full() {
        List<Run> runs = new ArrayList<>();
        String[] targets = Target.ALL.split(",");
        runs.add(new Run("CrudBenchmark\\.", Map.of("target", targets), 2, 1, 5, 1));
        runs.add(new Run("ListBenchmark\\.", Map.of("target", targets, "dataset", new String[] {"10k", "100k", "1m", "1m-100t"},
                "shape", ALL_SHAPES), 1, 0.5, 3, 0.5));
        return runs;
    }

    /**
     * Runs a command; see the class comment.
     *
     * @param args the command and its arguments
     * @throws Exception if it fails
     */
    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (command) {
            case "quick" -> profile("quick", quick(), rest, args, new String[] {"100k"});
            case "full" -> profile("full", full(), rest, args, new String[] {"10k", "100k", "1m"});
            case "report" -> System.out.print(Report.read(Arrays.stream(rest).map(Path::of).toList()).markdown());
            case "build" -> build(rest);
            case "check" -> check(rest.length == 0 ? "10k" : rest[0]);
            case "footprint" -> {
                for (String name : rest.length == 0 ? new String[] {"10k", "100k", "1m"} : rest) {
                    System.out.printf(Locale.ROOT, "memory store, %s: %.0f bytes per task%n", name, Footprint.bytesPerTask(DataSet.of(name)));
                }
            }
            case "jmh" -> org.openjdk.jmh.Main.main(rest);
            default -> {
                System.out.println("usage: java -jar benchmarks.jar quick|full [JMH options] | report FILE.json... | build [sqlite|postgres] [DATA SET...]"
                        + " | check [DATA SET] | footprint [DATA SET...] | jmh [JMH options]");
                System.out.println("see BENCHMARKS.md");
            }
        }
        BenchPostgres.stop();
    }

    private static void profile(String name, List<Run> runs, String[] extra, String[] args, String[] footprintSets) throws Exception {
        Instant started = Instant.now();
        CommandLineOptions cli;
        try {
            cli = new CommandLineOptions(extra);
        } catch (CommandLineOptionException e) {
            System.err.println("bad JMH options after '" + name + "': " + e.getMessage());
            System.exit(2);
            return;
        }
        List<Run> effective = runs.stream().map(run -> narrowed(run, cli)).toList();
        // Data first, here: built once and timed, before any fork measures anything.
        Set<String> sqlite = new LinkedHashSet<>();
        Set<String> postgres = new LinkedHashSet<>();
        for (Run run : effective) {
            List<String> targets = List.of(run.params().get("target"));
            List<String> sets = run.params().containsKey("dataset") ? List.of(run.params().get("dataset")) : List.of("10k");
            if (targets.stream().anyMatch(t -> t.startsWith("sqlite"))) {
                sqlite.addAll(sets);
            }
            if (targets.stream().anyMatch(t -> t.startsWith("postgres"))) {
                postgres.addAll(sets);
            }
        }
        Map<String, String> buildTimes = new LinkedHashMap<>();
        for (String set : sqlite) {
            long t = System.nanoTime();
            BenchData.sqlite(DataSet.of(set));
            buildTimes.put("SQLite " + set, seconds(System.nanoTime() - t));
        }
        for (String set : postgres) {
            long t = System.nanoTime();
            BenchData.postgres(DataSet.of(set));
            buildTimes.put("PostgreSQL " + set, seconds(System.nanoTime() - t));
        }
        List<String> jvmArgs = new ArrayList<>(List.of("-Xms1g", "-Xmx6g", "-D" + BenchData.DATA_PROPERTY + "=" + BenchData.root(),
                "-D" + JvmWarmUp.PROPERTY + "=" + jvmWarmUp(name)));
        if (!postgres.isEmpty()) {
            jvmArgs.add("-D" + BenchPostgres.PORT_PROPERTY + "=" + BenchPostgres.port());
            jvmArgs.add("-D" + BenchPostgres.FSYNC_PROPERTY + "=" + (BenchPostgres.fsync() ? "on" : "off"));
        }
        if (cli.getJvmArgsAppend().hasValue()) {
            jvmArgs.addAll(cli.getJvmArgsAppend().get());
        }

        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started);
        Path dir = resultsDir();
        Path parts = dir.resolve(name + "-" + stamp + "-parts");
        Files.createDirectories(parts);
        List<String> passed = passedOn(extra);
        List<Path> jsons = new ArrayList<>();
        int part = 0;
        for (Run run : effective) {
            for (Map<String, String[]> params : perJvm(run)) {
                Path json = parts.resolve(String.format(Locale.ROOT, "%03d.json", part++));
                List<String> command = new ArrayList<>();
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.addAll(jvmArgs);
                command.addAll(List.of("-cp", jarPath(), Bench.class.getName(), "jmh", run.include(), "-f", "0",
                        "-wi", Integer.toString(run.warmups()), "-w", millis(run.warmupSeconds()),
                        "-i", Integer.toString(run.iterations()), "-r", millis(run.iterationSeconds()),
                        "-rf", "json", "-rff", json.toString()));
                params.forEach((key, values) -> command.addAll(List.of("-p", key + "=" + String.join(",", values))));
                command.addAll(passed);
                BenchData.log("JVM " + part + ": " + run.include() + " " + params.entrySet().stream()
                        .map(e -> e.getKey() + "=" + String.join(",", e.getValue())).collect(Collectors.joining(" ")));
                int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
                if (exit != 0 || !Files.exists(json)) {
                    throw new IllegalStateException("a benchmark JVM failed (exit " + exit + "): " + String.join(" ", command));
                }
                jsons.add(json);
            }
        }
        List<JsonNode> merged = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        for (Path json : jsons) {
            mapper.readTree(json.toFile()).forEach(merged::add);
        }
        Duration took = Duration.between(started, Instant.now());

        double bytesPerTask = Double.NaN;
        String footprintSet = footprintSets[footprintSets.length - 1];
        if (effective.stream().anyMatch(r -> List.of(r.params().get("target")).contains("memory"))) {
            bytesPerTask = Footprint.bytesPerTask(DataSet.of(footprintSet));
        }

        Path json = dir.resolve(name + "-" + stamp + ".json");
        mapper.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), merged);
        StringBuilder md = new StringBuilder();
        md.append("## ").append(name).append(" run of ").append(DateTimeFormatter.ISO_INSTANT.format(started.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))
          .append("\n\n");
        header(md, name, args, effective, took, buildTimes, bytesPerTask, footprintSet, json);
        md.append(Report.read(List.of(json)).markdown());
        Path markdown = dir.resolve(name + "-" + stamp + ".md");
        Files.writeString(markdown, md);
        System.out.println();
        System.out.print(md);
        System.out.println("[task-bench] results: " + json + " and " + markdown);
    }

    /**
     * The parameter sets of a run, one per benchmark JVM: one JVM per target (and per data set), which
     * then runs every benchmark and shape of the run for that target in turn, without forking (JMH
     * {@code -f 0}). So a JVM measures one target only (its call sites see one store), a data set is
     * opened once per JVM (the memory store built once), and a run pays a JVM start per target and data
     * set, not per benchmark and shape.
     */
    static List<Map<String, String[]>> perJvm(Run run) {
        List<Map<String, String[]>> all = new ArrayList<>();
        String[] datasets = run.params().get("dataset");
        for (String target : run.params().get("target")) {
            for (String dataset : datasets == null ? new String[] {null} : datasets) {
                Map<String, String[]> params = new LinkedHashMap<>(run.params());
                params.put("target", new String[] {target});
                if (dataset != null) {
                    params.put("dataset", new String[] {dataset});
                }
                all.add(params);
            }
        }
        return all;
    }

    /**
     * The JMH options given after the profile's name that the benchmark JVMs take as they are: all but
     * the parameters ({@code -p}, applied to the profile's runs already) and the JVM options
     * ({@code -jvmArgs…}, which become the benchmark JVMs' own options).
     */
    static List<String> passedOn(String[] extra) {
        List<String> passed = new ArrayList<>();
        for (int i = 0; i < extra.length; i++) {
            if (extra[i].equals("-p") || extra[i].startsWith("-jvmArgs")) {
                i++;
            } else {
                passed.add(extra[i]);
            }
        }
        return passed;
    }

    /** Seconds each benchmark JVM warms up before its first trial: see {@link JvmWarmUp}. */
    private static String jvmWarmUp(String profile) {
        return System.getProperty(JvmWarmUp.PROPERTY, profile.equals("quick") ? "3" : "10");
    }

    private static String millis(double seconds) {
        return Math.round(seconds * 1000) + "ms";
    }

    /** The jar (or class folder) this class runs from, the class path of the benchmark JVMs. */
    private static String jarPath() {
        try {
            return Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A run with the parameters given on the command line in place of the profile's. */
    private static Run narrowed(Run run, CommandLineOptions cli) {
        Map<String, String[]> params = new LinkedHashMap<>(run.params());
        for (String key : run.params().keySet()) {
            var given = cli.getParameter(key);
            if (given.hasValue()) {
                params.put(key, given.get().toArray(new String[0]));
            }
        }
        return new Run(run.include(), params, run.warmups(), run.warmupSeconds(), run.iterations(), run.iterationSeconds());
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    private static void header(StringBuilder md, String name, String[] args, List<Run> runs, Duration took,
                               Map<String, String> buildTimes, double bytesPerTask, String footprintSet, Path json) {
        md.append("| | |\n|---|---|\n");
        md.append("| command | `java -jar task-bench/target/benchmarks.jar ").append(String.join(" ", args)).append("` |\n");
        md.append("| date (UTC) | ").append(DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))).append(" |\n");
        md.append("| wall time | ").append(String.format(Locale.ROOT, "%d min %02d s", took.toMinutes(), took.toSecondsPart()))
          .append(" (data building included) |\n");
        md.append("| machine | ").append(machine()).append(" |\n");
        md.append("| JDK | ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version")).append(" |\n");
        md.append("| library commit | ").append(gitDescription()).append(" |\n");
        if (runs.stream().anyMatch(r -> Arrays.stream(r.params().get("target")).anyMatch(t -> t.startsWith("postgres")))) {
            md.append("| PostgreSQL | embedded (io.zonky, PostgreSQL 14), ").append(BenchPostgres.durability()).append(", shared_buffers 512MB |\n");
        }
        md.append("| SQLite | sqlite-jdbc ").append(sqliteVersion()).append(", WAL, synchronous=NORMAL (the store's default) |\n");
        for (Run run : runs) {
            md.append("| run | `").append(run.include()).append("` ")
              .append(run.params().entrySet().stream().map(e -> e.getKey() + "=" + String.join(",", e.getValue()))
                      .collect(Collectors.joining(" ")))
              .append(String.format(Locale.ROOT, "; one JVM per target and data set (JMH -f 0 in it), per benchmark and shape "
                      + "warm-up %d × %.1f s, measurement %d × %.1f s |%n",
                      run.warmups(), run.warmupSeconds(), run.iterations(), run.iterationSeconds()));
        }
        md.append("| JVM warm-up | before its first trial, each benchmark JVM runs every call of its trials in turn for ")
          .append(jvmWarmUp(name)).append(" s (`-D").append(JvmWarmUp.PROPERTY).append("`) |\n");
        if (!buildTimes.isEmpty()) {
            md.append("| data sets | ").append(buildTimes.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "))).append(" (time to build, or to find the cached one) |\n");
        }
        if (!Double.isNaN(bytesPerTask)) {
            md.append(String.format(Locale.ROOT, "| memory store | %.0f bytes of heap per task at %s |%n", bytesPerTask, footprintSet));
        }
        md.append("| raw results | `").append(json.getFileName()).append("` |\n\n");
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        long memory = 0;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = os.getTotalMemorySize();
        }
        return String.format(Locale.ROOT, "%s, %d cores, %.0f GiB, %s %s", cpu, Runtime.getRuntime().availableProcessors(),
                memory / (double) (1L << 30), System.getProperty("os.name"), System.getProperty("os.version"));
    }

    private static String sqliteVersion() {
        try {
            return org.sqlite.SQLiteJDBCLoader.getVersion();
        } catch (RuntimeException e) {
            return "?";
        }
    }

    /** The commit the benchmarks were built from, and whether the work tree had changes: best effort. */
    private static String gitDescription() {
        try {
            Process p = new ProcessBuilder("git", "describe", "--always", "--dirty").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 && !out.isEmpty() ? "`" + out + "`" : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    /** {@code results/} beside {@code benchmarks.jar}. */
    static Path resultsDir() {
        try {
            Path code = Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.getParent().resolve("results");
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("results").toAbsolutePath();
        }
    }

    /** {@code build [sqlite|postgres] [DATA SET…]}: both databases and every data set by default. */
    private static void build(String[] args) {
        List<String> sets = new ArrayList<>(Arrays.asList(args));
        boolean onlySqlite = sets.remove("sqlite");
        boolean onlyPostgres = sets.remove("postgres");
        boolean sqlite = onlySqlite || !onlyPostgres;
        boolean postgres = onlyPostgres || !onlySqlite;
        if (sets.isEmpty()) {
            sets.addAll(List.of("10k", "100k", "1m", "1m-100t"));
        }
        for (String set : sets) {
            if (sqlite) {
                BenchData.sqlite(DataSet.of(set));
            }
            if (postgres) {
                BenchData.postgres(DataSet.of(set));
            }
        }
    }

    private static void check(String set) throws Exception {
        DataSet dataSet = DataSet.of(set);
        boolean ok = true;
        for (Target[] pair : new Target[][] {{Target.SQLITE, Target.SQLITE_RAW}, {Target.POSTGRES, Target.POSTGRES_RAW}}) {
            List<String> problems = Check.compare(pair[0], pair[1], dataSet);
            System.out.println(pair[1].parameter() + " vs " + pair[0].parameter() + " on " + set + ": "
                    + (problems.isEmpty() ? "same answers" : problems.size() + " differences"));
            problems.forEach(p -> System.out.println("  " + p));
            ok &= problems.isEmpty();
        }
        if (!ok) {
            System.exit(1);
        }
    }

}
