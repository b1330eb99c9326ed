package dev.tasks.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report turns JMH's JSON into medians and ratios in the stated direction. */
class ReportTest {

    @TempDir
    Path dir;

    private static String throughput(String method, String target, double... iterations) {
        StringBuilder raw = new StringBuilder();
        for (double v : iterations) {
            raw.append(raw.length() == 0 ? "" : ",").append(v);
        }
        return """
            {"benchmark": "dev.tasks.bench.CrudBenchmark.%s", "mode": "thrpt", "threads": 1, "forks": 1,
             "params": {"target": "%s"},
             "primaryMetric": {"score": 0, "scoreUnit": "ops/s", "rawData": [[%s]]}}
            """.formatted(method, target, raw);
    }

    private static String sample(String method, String target, String dataset, String shape, double p50) {
        return """
            {"benchmark": "dev.tasks.bench.ListBenchmark.%s", "mode": "sample", "threads": 1, "forks": 1,
             "params": {"target": "%s", "dataset": "%s", "shape": "%s"},
             "primaryMetric": {"score": 999, "scoreUnit": "us/op", "scorePercentiles": {"0.0": 1, "50.0": %s, "100.0": 9999}}}
            """.formatted(method, target, dataset, shape, p50);
    }

    @Test
    void mediansAndRatios() throws Exception {
        Path json = dir.resolve("r.json");
        Files.writeString(json, "[" + String.join(",",
                throughput("createTitle", "sqlite", 700, 900, 800, 100, 1000),      // median 800
                throughput("createTitle", "sqlite-raw", 1000, 1000, 1000),
                throughput("createTitle8Threads", "sqlite", 3500, 3600, 3700),
                sample("firstPage", "sqlite", "10k", "ASSIGNEE", 50),
                sample("firstPage", "sqlite-raw", "10k", "ASSIGNEE", 40),
                sample("firstPage", "sqlite", "1m", "ASSIGNEE", 90)) + "]");
        Report report = Report.read(List.of(json));
        assertThat(report.results()).hasSize(6);
        String md = report.markdown();
        // throughput: library ÷ raw = 800 / 1000
        assertThat(md).contains("| createTitle | – | 800 | 1,000 | 0.80 |");
        // time: raw ÷ library = 40 / 50
        assertThat(md).contains("| ASSIGNEE | firstPage | – | 50.0 | 40.0 | 0.80 |");
        // 8 threads ÷ one raw thread
        assertThat(md).contains("3,600 ÷ 1,000 = **3.60×**");
        // growth 90 / 50
        assertThat(md).contains("| sqlite | ASSIGNEE | firstPage | 50.0 | 90.0 | 1.80 |");
        assertThat(md).contains("| SQLite list at 1m, assignee's open tasks by due time, µs | ≤ 100 | 90.00 | met |");
    }

    @Test
    void medianOfEvenAndOddCounts() {
        assertThat(Report.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(Report.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
    }
}
