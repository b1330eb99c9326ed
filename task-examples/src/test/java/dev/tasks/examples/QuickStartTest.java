package dev.tasks.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link QuickStart} on a SQLite file of its own and reads what it printed, so that the example
 * cannot silently rot: if the library changes under it, the tour either fails to compile or prints
 * something this test does not accept.
 */
class QuickStartTest {

    private static final Pattern ALREADY = Pattern.compile("tasks already in tenant acme: (\\d+); this run is (run-\\S+)");
    private static final Pattern NOW = Pattern.compile("tasks in tenant acme now: (\\d+)");

    @TempDir
    static Path dir;

    private static Path file;
    private static String output;
    private static List<String> lines;

    @BeforeAll
    static void runTheTour() {
        file = dir.resolve("quickstart.db");
        output = tour(file);
        lines = output.lines().collect(Collectors.toList());
    }

    /** Runs the tour on the file given as its argument, and returns what it printed. */
    private static String tour(Path database) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            QuickStart.main(new String[] {database.toString()});
        } finally {
            System.setOut(original);
        }
        String printed = buffer.toString(StandardCharsets.UTF_8);
        original.print(printed); // kept in the surefire report, to read when an assertion fails
        return printed;
    }

    private static long count(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as("a line matching %s", pattern).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void theTourRunsOnTheFileItWasGivenAndStartsEmpty() {
        assertThat(output).contains("database: SQLite file " + file.toAbsolutePath().normalize());
        assertThat(output).contains("service on JdbiTaskStore (SQLITE)");
        assertThat(count(ALREADY, output)).isZero();
        // 1 minimal + 1 Lightfield-style + 12 walked + 1 welcome pack
        assertThat(count(NOW, output)).isEqualTo(15);
        assertThat(file).exists();
    }

    @Test
    void aSecondRunOnTheSameFileSeesTheFirstRunsTasks(@TempDir Path own) {
        Path shared = own.resolve("twice.db");
        String first = tour(shared);
        String second = tour(shared);

        long afterFirst = count(NOW, first);
        assertThat(count(ALREADY, first)).isZero();
        assertThat(count(ALREADY, second)).isEqualTo(afterFirst).isEqualTo(15);
        assertThat(count(NOW, second)).isEqualTo(2 * afterFirst);

        Matcher firstRun = ALREADY.matcher(first);
        Matcher secondRun = ALREADY.matcher(second);
        assertThat(firstRun.find() && secondRun.find()).isTrue();
        assertThat(secondRun.group(2)).isNotEqualTo(firstRun.group(2));

        // Every step is still right on a file that already holds tasks: the walk sees only this run's
        // dozen, and the idempotent create is fresh, then a replay, with this run's key.
        for (String run : List.of(first, second)) {
            assertThat(run).contains("walked 12 tasks in 3 pages; each seen once: true; count() says 12");
            assertThat(run).containsPattern("first call: +task_[0-9a-z]{16} v1 replayed=false");
            assertThat(run).containsPattern("second call: +task_[0-9a-z]{16} v1 replayed=true");
            assertThat(run).contains("same task: true; tasks titled like it in this run: 1");
            assertThat(run).contains("code=version_conflict http=409: expected version 1, actual version 6");
            assertThat(run).contains("code=validation_failed http=422");
            assertThat(run).doesNotContain("unexpected");
            assertThat(run.lines().reduce((a, b) -> b)).hasValue("Done.");
        }
    }

    @Test
    void everyStepHasANumberedHeading() {
        List<String> headings = lines.stream().filter(l -> l.matches("\\d+\\. .+")).collect(Collectors.toList());
        assertThat(headings).hasSize(9);
        for (int i = 0; i < headings.size(); i++) {
            assertThat(headings.get(i)).startsWith((i + 1) + ". ");
        }
        assertThat(lines).last().isEqualTo("Done.");
    }

    @Test
    void theMinimalTaskIsOpenAtVersionOne() {
        assertThat(output).containsPattern("task_[0-9a-z]{16}  v1  OPEN  \"Task with minimal params\"");
    }

    @Test
    void theLightfieldStyleTaskIsTodoAndAssigned() {
        assertThat(output).containsPattern("task_[0-9a-z]{16}  v1  TODO  \"Call Initech about the renewal\"  due ");
        assertThat(output).contains("assignee=mem_ada");
    }

    @Test
    void thePatchesShowMetadataAndRelationships() {
        assertThat(output).contains("metadata={region=north, source=api}");
        assertThat(output).contains("assignee=mem_grace  metadata={region=north}");
        assertThat(output).contains("$account=[acc_initech]");
    }

    @Test
    void completingSetsCompletedAtAndReopeningClearsIt() {
        Matcher complete = Pattern.compile("complete: v(\\d+) -> v(\\d+), completedAt=(\\S+)").matcher(output);
        assertThat(complete.find()).as("a complete line").isTrue();
        assertThat(Long.parseLong(complete.group(2))).isEqualTo(Long.parseLong(complete.group(1)) + 1);
        assertThat(complete.group(3)).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        Matcher reopen = Pattern.compile("reopen: +v(\\d+) -> v(\\d+), completedAt=-").matcher(output);
        assertThat(reopen.find()).as("a reopen line with completedAt cleared").isTrue();
        assertThat(reopen.group(1)).isEqualTo(complete.group(2));
        assertThat(Long.parseLong(reopen.group(2))).isEqualTo(Long.parseLong(reopen.group(1)) + 1);

        assertThat(output).containsPattern("reopen again: v(\\d+) -> v\\1 ");
    }

    @Test
    void theCursorWalkSeesEveryTaskExactlyOnce() {
        List<String> seen = new ArrayList<>();
        List<String> pages = lines.stream().map(String::strip).filter(l -> l.matches("page \\d+: .*")).collect(Collectors.toList());
        for (String page : pages) {
            List<String> titles = Arrays.asList(page.substring(page.indexOf(": ") + 2).split(", "));
            assertThat(titles).hasSizeLessThanOrEqualTo(5);
            seen.addAll(titles);
        }
        List<String> expected = IntStream.rangeClosed(1, 12).mapToObj(i -> String.format("Walk %02d", i)).collect(Collectors.toList());
        assertThat(pages).hasSize(3);
        assertThat(seen).containsExactlyElementsOf(expected); // each once, in due order
        assertThat(lines.stream().filter(l -> l.contains("next cursor: ")).count()).isEqualTo(3);
        assertThat(output).contains("next cursor: (none: last page)");
        assertThat(output).contains("walked 12 tasks in 3 pages; each seen once: true; count() says 12");
    }

    @Test
    void theValidationErrorListsEveryPointer() {
        assertThat(output).contains("code=validation_failed http=422");
        assertThat(output).containsPattern("/title +blank ");
        assertThat(output).containsPattern("/metadata/Bad Key +invalid_format ");
        assertThat(output).containsPattern("/relationships/\\$watcher +unknown_relationship ");
    }

    @Test
    void theVersionConflictNamesBothVersions() {
        Matcher conflict = Pattern.compile("code=version_conflict http=409: expected version (\\d+), actual version (\\d+)")
                .matcher(output);
        assertThat(conflict.find()).as("a version conflict line").isTrue();
        assertThat(Long.parseLong(conflict.group(1))).isEqualTo(1);
        assertThat(Long.parseLong(conflict.group(2))).isGreaterThan(1);
    }

    @Test
    void theSecondCreateWithTheSameKeyIsAReplay() {
        Matcher first = Pattern.compile("first call: +(task_[0-9a-z]{16}) v1 replayed=false").matcher(output);
        Matcher second = Pattern.compile("second call: +(task_[0-9a-z]{16}) v1 replayed=true").matcher(output);
        assertThat(first.find()).as("a first, fresh create").isTrue();
        assertThat(second.find()).as("a replayed create").isTrue();
        assertThat(second.group(1)).isEqualTo(first.group(1));
        assertThat(output).containsPattern("key req-welcome-run-[0-9a-f]{8}\\R");
        assertThat(output).contains("same task: true; tasks titled like it in this run: 1");
    }

    @Test
    void nothingUnexpectedHappened() {
        assertThat(output).doesNotContain("unexpected");
    }
}
