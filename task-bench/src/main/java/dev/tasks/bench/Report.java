package dev.tasks.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns JMH's JSON results ({@code -rf json}) into the Markdown tables of {@code BENCHMARKS.md}:
 * medians, and ratios of the library to the raw-JDBC baseline measured in the same run.
 *
 * <p><b>Medians</b>: for throughput benchmarks, the median of the iteration scores (all forks); for
 * sampled-time benchmarks, the median of every sampled call (JMH's 50th percentile).
 *
 * <p><b>Ratios</b> are always <i>library speed ÷ raw speed</i>: throughput library ÷ raw, or time raw ÷
 * library. 1.00 is as fast as hand-written JDBC; 0.80 is 20% slower; above 1 the library is faster.
 * Scale growth is <i>time at the larger size ÷ time at 10k</i> (lower is better; 2.00 is twice as slow).
 */
public final class Report {

    /** One benchmark result: which benchmark, its parameters, its median and unit. */
    record Result(String benchmark, int threads, Map<String, String> params, double median, String unit, boolean throughput) {
        String param(String name) {
            return params.getOrDefault(name, "");
        }
    }

    private static final String[] CRUD = {"createTitle", "createFull", "get", "update", "changeStatus", "createTitle8Threads",
        "update8Threads", "createAll100"};
    private static final String[] CALLS = {"firstPage", "deepPage", "count"};
    private static final String[] DATASETS = {"10k", "100k", "1m", "1m-100t"};

    private final List<Result> results;

    private Report(List<Result> results) {
        this.results = results;
    }

    /**
     * Reads JMH JSON result files.
     *
     * @param files the files, each a JSON array as JMH writes it
     * @return the report over all of them
     * @throws IOException if a file cannot be read
     */
    public static Report read(List<Path> files) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<Result> results = new ArrayList<>();
        for (Path file : files) {
            for (JsonNode node : mapper.readTree(file.toFile())) {
                results.add(result(node));
            }
        }
        return new Report(results);
    }

    private static Result result(JsonNode node) {
        String benchmark = node.path("benchmark").asText();
        benchmark = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
        Map<String, String> params = new TreeMap<>();
        node.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
        JsonNode metric = node.path("primaryMetric");
        boolean throughput = "thrpt".equals(node.path("mode").asText());
        double median;
        if (throughput) {
            List<Double> scores = new ArrayList<>();
            for (JsonNode fork : metric.path("rawData")) {
                for (JsonNode score : fork) {
                    scores.add(score.asDouble());
                }
            }
            median = median(scores);
        } else {
            JsonNode p50 = metric.path("scorePercentiles").path("50.0");
            median = p50.isMissingNode() ? metric.path("score").asDouble() : p50.asDouble();
        }
        return new Result(benchmark, node.path("threads").asInt(1), params, median, metric.path("scoreUnit").asText(), throughput);
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /**
     * The results read.
     *
     * @return every result
     */
    List<Result> results() {
        return results;
    }

    private Optional<Result> find(String benchmark, String target, String dataset, String shape) {
        return results.stream()
                .filter(r -> r.benchmark().equals(benchmark) && r.param("target").equals(target)
                        && (dataset == null || r.param("dataset").equals(dataset))
                        && (shape == null || r.param("shape").equals(shape)))
                .findFirst();
    }

    /** Library speed ÷ raw speed, or empty if either is missing. */
    static Optional<Double> ratio(Optional<Result> library, Optional<Result> raw) {
        if (library.isEmpty() || raw.isEmpty()) {
            return Optional.empty();
        }
        double l = library.get().median();
        double r = raw.get().median();
        return Optional.of(library.get().throughput() ? l / r : r / l);
    }

    /**
     * The Markdown tables.
     *
     * @return the tables, with their headings and a line saying how to read each
     */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        crud(md);
        lists(md);
        scale(md);
        targets(md);
        return md.toString();
    }

    private void crud(StringBuilder md) {
        if (results.stream().noneMatch(r -> r.benchmark().startsWith("CrudBenchmark."))) {
            return;
        }
        md.append("### Single operations (`CrudBenchmark`)\n\n")
          .append("Operations per second, median of the iterations (`createAll100`: tasks per second). ")
          .append("Ratio = library ÷ raw JDBC (1.00 = as fast as raw; higher is better).\n\n")
          .append("| operation | memory | SQLite | SQLite raw | SQLite ratio | PostgreSQL | PostgreSQL raw | PostgreSQL ratio |\n")
          .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String op : CRUD) {
            String b = "CrudBenchmark." + op;
            if (results.stream().noneMatch(r -> r.benchmark().equals(b))) {
                continue;
            }
            md.append("| ").append(op).append(" | ").append(value(find(b, "memory", null, null)))
              .append(" | ").append(value(find(b, "sqlite", null, null))).append(" | ").append(value(find(b, "sqlite-raw", null, null)))
              .append(" | ").append(ratioText(ratio(find(b, "sqlite", null, null), find(b, "sqlite-raw", null, null))))
              .append(" | ").append(value(find(b, "postgres", null, null))).append(" | ").append(value(find(b, "postgres-raw", null, null)))
              .append(" | ").append(ratioText(ratio(find(b, "postgres", null, null), find(b, "postgres-raw", null, null))))
              .append(" |\n");
        }
        md.append('\n');
        for (String[] db : new String[][] {{"sqlite", "SQLite"}, {"postgres", "PostgreSQL"}}) {
            Optional<Result> eight = find("CrudBenchmark.createTitle8Threads", db[0], null, null);
            Optional<Result> rawOne = find("CrudBenchmark.createTitle", db[0] + "-raw", null, null);
            if (eight.isPresent() && rawOne.isPresent()) {
                md.append(String.format(Locale.ROOT, "%s, 8 threads creating (library) ÷ one thread of raw single-row commits: "
                        + "%s ÷ %s = **%.2f×**.%n%n", db[1], number(eight.get().median()), number(rawOne.get().median()),
                        eight.get().median() / rawOne.get().median()));
            }
        }
    }

    private void lists(StringBuilder md) {
        for (String dataset : datasets()) {
            md.append("### Lists and counts at ").append(dataset).append(" (`ListBenchmark`)\n\n")
              .append("Microseconds per call, median of all sampled calls; page of ").append(Shape.PAGE).append(". ")
              .append("Ratio = raw time ÷ library time (library speed ÷ raw speed; 1.00 = as fast as raw).\n\n")
              .append("| shape | call | memory | SQLite | SQLite raw | SQLite ratio | PostgreSQL | PostgreSQL raw | PostgreSQL ratio |\n")
              .append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Shape shape : Shape.values()) {
                for (String call : CALLS) {
                    String b = "ListBenchmark." + call;
                    String s = shape.name();
                    if (results.stream().noneMatch(r -> r.benchmark().equals(b) && r.param("dataset").equals(dataset)
                            && r.param("shape").equals(s))) {
                        continue;
                    }
                    md.append("| ").append(s).append(" | ").append(call)
                      .append(" | ").append(value(find(b, "memory", dataset, s)))
                      .append(" | ").append(value(find(b, "sqlite", dataset, s)))
                      .append(" | ").append(value(find(b, "sqlite-raw", dataset, s)))
                      .append(" | ").append(ratioText(ratio(find(b, "sqlite", dataset, s), find(b, "sqlite-raw", dataset, s))))
                      .append(" | ").append(value(find(b, "postgres", dataset, s)))
                      .append(" | ").append(value(find(b, "postgres-raw", dataset, s)))
                      .append(" | ").append(ratioText(ratio(find(b, "postgres", dataset, s), find(b, "postgres-raw", dataset, s))))
                      .append(" |\n");
                }
            }
            md.append('\n');
        }
    }

    private List<String> datasets() {
        List<String> found = new ArrayList<>();
        for (String d : DATASETS) {
            if (results.stream().anyMatch(r -> r.benchmark().startsWith("ListBenchmark.") && r.param("dataset").equals(d))) {
                found.add(d);
            }
        }
        results.stream().filter(r -> r.benchmark().startsWith("ListBenchmark.")).map(r -> r.param("dataset"))
                .filter(d -> !found.contains(d)).distinct().forEach(found::add);
        return found;
    }

    private void scale(StringBuilder md) {
        List<String> sizes = datasets();
        if (sizes.size() < 2 || !sizes.contains("10k")) {
            return;
        }
        md.append("### Scale (`ListBenchmark`)\n\n")
          .append("Median microseconds per call at each data set; growth = time at the largest ÷ time at 10k ")
          .append("(the issue's bound: 2.00). `1m-100t`: a million tasks over 100 tenants, the queried one holding 10 thousand.\n\n")
          .append("| target | shape | call |");
        for (String size : sizes) {
            md.append(' ').append(size).append(" |");
        }
        md.append(" growth |\n|---|---|---|");
        md.append("---:|".repeat(sizes.size())).append("---:|\n");
        String largest = sizes.contains("1m") ? "1m" : sizes.get(sizes.size() - 1);
        for (Target target : Target.values()) {
            for (Shape shape : Shape.values()) {
                for (String call : CALLS) {
                    String b = "ListBenchmark." + call;
                    List<Optional<Result>> row = sizes.stream().map(d -> find(b, target.parameter(), d, shape.name())).toList();
                    if (row.stream().filter(Optional::isPresent).count() < 2) {
                        continue;
                    }
                    md.append("| ").append(target.parameter()).append(" | ").append(shape.name()).append(" | ").append(call).append(" |");
                    row.forEach(r -> md.append(' ').append(value(r)).append(" |"));
                    Optional<Result> small = find(b, target.parameter(), "10k", shape.name());
                    Optional<Result> big = find(b, target.parameter(), largest, shape.name());
                    md.append(' ').append(small.isPresent() && big.isPresent()
                            ? String.format(Locale.ROOT, "%.2f", big.get().median() / small.get().median()) : "–").append(" |\n");
                }
            }
        }
        md.append('\n');
    }

    /** The targets, each with the ratio measured and whether it is met. */
    private void targets(StringBuilder md) {
        List<String[]> rows = new ArrayList<>();
        for (String[] db : new String[][] {{"sqlite", "SQLite"}, {"postgres", "PostgreSQL"}}) {
            Map<String, Double> bounds = new LinkedHashMap<>();
            bounds.put("createTitle", 0.8);
            bounds.put("createFull", 0.8);
            bounds.put("update", 0.8);
            bounds.put("changeStatus", 0.8);
            bounds.put("get", 0.7);
            bounds.put("createAll100", 0.8);
            bounds.forEach((op, bound) -> ratio(find("CrudBenchmark." + op, db[0], null, null), find("CrudBenchmark." + op, db[0] + "-raw", null, null))
                    .ifPresent(r -> rows.add(new String[] {db[1] + " " + op + ", library ÷ raw", "≥ " + bound, fmt(r), r >= bound ? "met" : "**missed**"})));
            Optional<Result> eight = find("CrudBenchmark.createTitle8Threads", db[0], null, null);
            Optional<Result> rawOne = find("CrudBenchmark.createTitle", db[0] + "-raw", null, null);
            if (eight.isPresent() && rawOne.isPresent()) {
                double r = eight.get().median() / rawOne.get().median();
                rows.add(new String[] {db[1] + " 8-thread create ÷ 1-thread raw create", "≥ 3", fmt(r), r >= 3 ? "met" : "**missed**"});
            }
            find("ListBenchmark.firstPage", db[0], "1m", "ASSIGNEE").ifPresent(r -> rows.add(new String[] {
                db[1] + " list at 1m, assignee's open tasks by due time, µs", "≤ 100", fmt(r.median()), r.median() <= 100 ? "met" : "**missed**"}));
        }
        for (Target target : new Target[] {Target.MEMORY, Target.SQLITE, Target.POSTGRES}) {
            for (Shape shape : Shape.values()) {
                for (String call : new String[] {"firstPage", "deepPage"}) {
                    Optional<Result> small = find("ListBenchmark." + call, target.parameter(), "10k", shape.name());
                    Optional<Result> big = find("ListBenchmark." + call, target.parameter(), "1m", shape.name());
                    if (small.isPresent() && big.isPresent()) {
                        double g = big.get().median() / small.get().median();
                        boolean exempt = shape == Shape.TITLE_CONTAINS;
                        rows.add(new String[] {target.parameter() + " " + shape + " " + call + ", time at 1m ÷ at 10k", "≤ 2" + (exempt ? " (exempt)" : ""),
                            fmt(g), g <= 2 ? "met" : exempt ? "exempt" : "**missed**"});
                    }
                }
                Optional<Result> first = find("ListBenchmark.firstPage", target.parameter(), "1m", shape.name());
                Optional<Result> deep = find("ListBenchmark.deepPage", target.parameter(), "1m", shape.name());
                if (first.isPresent() && deep.isPresent()) {
                    double g = deep.get().median() / first.get().median();
                    rows.add(new String[] {target.parameter() + " " + shape + " at 1m, deep page ÷ first page", "≈ 1 (≤ 2)", fmt(g),
                        g <= 2 ? "met" : "**missed**"});
                }
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        md.append("### The issue's targets\n\n| target | bound | measured | |\n|---|---:|---:|---|\n");
        for (String[] row : rows) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        md.append('\n');
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String value(Optional<Result> result) {
        return result.map(r -> number(r.median())).orElse("–");
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (v >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (v >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String ratioText(Optional<Double> ratio) {
        return ratio.map(r -> String.format(Locale.ROOT, "%.2f", r)).orElse("–");
    }

    /**
     * Prints the tables of the given JMH JSON files.
     *
     * @param args the files
     * @throws IOException if a file cannot be read
     */
    public static void main(String[] args) throws IOException {
        Objects.requireNonNull(args);
        System.out.print(read(Arrays.stream(args).map(Path::of).toList()).markdown());
    }
}
