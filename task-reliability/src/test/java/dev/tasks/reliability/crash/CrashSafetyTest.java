package dev.tasks.reliability.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasks.reliability.crash.CrashLedger.InFlight;
import dev.tasks.reliability.crash.CrashLog.Op;
import dev.tasks.store.jdbi.SqliteOptions.Synchronous;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Crash safety on SQLite (issue 5, item 1): a child JVM ({@link CrashChild}) writes through
 * {@code TaskService} on a SQLite file and prints every acknowledged write; the test kills it with SIGKILL
 * at a random moment, reopens the file and checks ({@link CrashVerifier}) that
 * <ol type="a">
 *   <li>every acknowledged write is there exactly as acknowledged, and the one write in flight at the kill
 *       is either wholly there or wholly absent;</li>
 *   <li>no task is half-written: no side row without its task, no task without its side rows, row by row;</li>
 *   <li>{@code PRAGMA integrity_check} says {@code ok} (and no foreign key is broken);</li>
 *   <li>the store keeps working, and the idempotency keys acknowledged before the kill still replay;</li>
 * </ol>
 * then starts the next child on the same file, so the state accumulates across kills as it would for a
 * real application that crashes now and then.
 *
 * <p>System properties: {@code tasks.crash.kills} (total kills, split between {@code synchronous=NORMAL}
 * and {@code FULL}; 24 by default, which keeps the CI run near 40 seconds on 2 cores),
 * {@code tasks.crash.seed} (to replay a run's choices: which writes, which requests, how long to wait before
 * each kill; where the kill lands in the child's work still depends on timing) and {@code tasks.crash.dir}
 * (where the files go; {@code target/crash} by default: a real disk, so that {@code FULL}'s syncs are real).
 * See docs/reliability.md, part 1.
 */
class CrashSafetyTest {

    private static final int KILLS = Integer.getInteger("tasks.crash.kills", 24);
    private static final long SEED = Long.getLong("tasks.crash.seed", new Random().nextLong());
    private static final Path DIRECTORY = Path.of(System.getProperty("tasks.crash.dir", "target/crash")).toAbsolutePath();

    /** The shortest and longest wait between the child's first ack and the kill. */
    private static final int MIN_WAIT_MILLIS = 50;
    private static final int MAX_WAIT_MILLIS = 600;
    /** A child that lives this long was never killed: it exits by itself and the test fails. */
    private static final Duration CHILD_TIME_LIMIT = Duration.ofMinutes(2);
    /** Status of a process ended by a signal on Linux and macOS: 128 + the signal's number, here SIGKILL (9). */
    private static final int KILLED_BY_SIGKILL = 128 + 9;

    @Test
    void acknowledgedWritesSurviveSigkillWithSynchronousNormal() throws Exception {
        killRepeatedly(Synchronous.NORMAL, (KILLS + 1) / 2);
    }

    @Test
    void acknowledgedWritesSurviveSigkillWithSynchronousFull() throws Exception {
        killRepeatedly(Synchronous.FULL, Math.max(1, KILLS / 2));
    }

    /**
     * The checks would fail if the guarantee broke: after one real kill, copies of the file are damaged the
     * ways a broken store or a torn write would leave them, and the verifier must refuse each.
     */
    @Test
    void theChecksRefuseADamagedFile() throws Exception {
        long seed = SEED ^ 0x5EED;
        Path directory = DIRECTORY.resolve("damaged-" + Long.toHexString(seed));
        deleteTree(directory);
        Files.createDirectories(directory.resolve("native"));
        Path file = directory.resolve("tasks.db");
        Child child = Child.start(file, Synchronous.NORMAL, 1, seed, directory);
        child.goAndKill(400, "damage round (seed " + seed + ")");
        CrashLog log = CrashLog.parse(Files.readString(child.out, StandardCharsets.US_ASCII));
        assertThat(log.acknowledged()).as("the child acknowledged writes before the kill").isNotEmpty();
        List<String> damages = List.of(
                // a side row whose task does not exist
                "INSERT INTO task_metadata VALUES ('task_zzzzzzzzzzzzzzzz', 'crash-tenant', 'k', 'v')",
                // an acknowledged task changed behind the store's back
                "UPDATE tasks SET title = title || ' (torn)' WHERE id = (SELECT min(id) FROM tasks)",
                // an acknowledged task lost whole, side rows too (the oldest: the first ack came before the kill)
                "DELETE FROM task_metadata WHERE task_id = (SELECT min(id) FROM tasks) ;; "
                        + "DELETE FROM task_relationships WHERE task_id = (SELECT min(id) FROM tasks) ;; "
                        + "DELETE FROM tasks WHERE id = (SELECT min(id) FROM tasks)",
                // a denormalized column out of step with its side rows
                "UPDATE tasks SET assignee = 'someone-else' WHERE id = (SELECT min(id) FROM tasks)");
        int refused = 0;
        for (int i = 0; i < damages.size(); i++) {
            Path copy = directory.resolve("damaged-" + i + ".db");
            for (String suffix : List.of("", "-wal", "-shm")) {
                Path from = Path.of(file + suffix);
                if (Files.exists(from)) {
                    Files.copy(from, Path.of(copy + suffix));
                }
            }
            try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + copy); var st = c.createStatement()) {
                st.execute("PRAGMA foreign_keys = OFF"); // the damage a store without them could leave
                for (String statement : damages.get(i).split(" ;; ")) {
                    st.execute(statement);
                }
            }
            String damage = damages.get(i);
            Throwable caught = org.assertj.core.api.Assertions.catchThrowable(() -> CrashVerifier.verify(copy, Synchronous.NORMAL, log,
                    new CrashLedger(), child.seed, 1, new Random(seed)));
            assertThat(caught).as("the verifier refuses the damage: %s", damage).isInstanceOf(AssertionError.class);
            System.out.println("  refused '" + damage + "': " + String.valueOf(caught.getMessage()).strip().lines().findFirst().orElse(""));
            refused++;
        }
        // The undamaged file passes the same checks.
        CrashVerifier.verify(file, Synchronous.NORMAL, log, new CrashLedger(), child.seed, 1, new Random(seed));
        System.out.println("crash safety: the verifier refused " + refused + " of " + damages.size() + " damaged copies and passed the intact file");
    }

    private void killRepeatedly(Synchronous mode, int kills) throws Exception {
        long seed = SEED ^ mode.ordinal();
        Random random = new Random(seed);
        Path directory = DIRECTORY.resolve(mode.name().toLowerCase(Locale.ROOT) + "-" + Long.toHexString(seed));
        deleteTree(directory);
        Files.createDirectories(directory.resolve("native"));
        Path file = directory.resolve("tasks.db");
        CrashLedger ledger = new CrashLedger();
        Figures figures = new Figures(mode, seed);
        long started = System.nanoTime();
        Child next = Child.start(file, mode, 1, random.nextLong(), directory);
        try {
            for (int round = 1; round <= kills; round++) {
                Child child = next;
                int wait = MIN_WAIT_MILLIS + random.nextInt(MAX_WAIT_MILLIS - MIN_WAIT_MILLIS + 1);
                String context = mode + " round " + round + " (seed " + seed + ", child seed " + child.seed
                        + "; logs in " + directory + ")";
                long startup = child.goAndKill(wait, context);
                // The next child starts (and warms up) while this round's file is checked; it touches the
                // file only after its go.
                next = round < kills ? Child.start(file, mode, round + 1, random.nextLong(), directory) : null;
                long verifying = System.nanoTime();
                CrashLog log = CrashLog.parse(Files.readString(child.out, StandardCharsets.US_ASCII));
                CrashVerifier.Round result = CrashVerifier.verify(file, mode, log, ledger, child.seed, round, random);
                figures.add(result, log.lastLineCut(), startup, wait, (System.nanoTime() - verifying) / 1_000_000, child.cpu);
                // The logs of a round that passed are not needed any more; those of a failed round stay.
                Files.delete(child.out);
                Files.delete(child.err);
            }
        } finally {
            if (next != null) {
                next.destroy();
            }
        }
        figures.finish(Duration.ofNanos(System.nanoTime() - started), ledger, Files.size(file));
        System.out.println(figures);
        Files.writeString(DIRECTORY.resolve("figures-" + mode.name().toLowerCase(Locale.ROOT) + ".txt"), figures + "\n");
        assertThat(figures.kills).isEqualTo(kills);
    }

    /** One child JVM: started ahead, told to go, killed. */
    private static final class Child {
        final long seed;
        final Path out;
        final Path err;
        private final Process process;
        /** The CPU time the child used, read just before the kill. */
        Duration cpu = Duration.ZERO;

        private Child(long seed, Path out, Path err, Process process) {
            this.seed = seed;
            this.out = out;
            this.err = err;
            this.process = process;
        }

        static Child start(Path file, Synchronous mode, int round, long seed, Path directory) throws IOException {
            Path out = directory.resolve("round-" + round + ".out");
            Path err = directory.resolve("round-" + round + ".err");
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            // A small, quickly started JVM: every round pays its start-up.
            command.add("-Xmx256m");
            command.add("-XX:+UseSerialGC");
            command.add("-XX:TieredStopAtLevel=1");
            // sqlite-jdbc unpacks its native library into this directory at each start and deletes it at a
            // clean exit only: after a SIGKILL the copy stays, so it goes next to the test's files, not /tmp.
            command.add("-Dorg.sqlite.tmpdir=" + directory.resolve("native"));
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(CrashChild.class.getName());
            command.add(file.toString());
            command.add(mode.name());
            command.add(Long.toString(seed));
            command.add(Long.toString(CHILD_TIME_LIMIT.toMillis()));
            command.add(directory.resolve("warm-up-" + round + ".db").toString());
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            return new Child(seed, out, err, process);
        }

        /**
         * Tells the child to go, waits for its first ack and then {@code wait} ms more, and kills it with SIGKILL.
         *
         * @return how long the child took from the go to its first ack, in milliseconds
         */
        long goAndKill(int wait, String context) throws IOException, InterruptedException {
            try {
                long went = System.nanoTime();
                process.getOutputStream().write('g');
                process.getOutputStream().flush();
                awaitFirstAck(context);
                long startup = (System.nanoTime() - went) / 1_000_000;
                Thread.sleep(wait);
                assertThat(process.isAlive()).as("%s: the child ended by itself before the kill: status %s, stderr:%n%s",
                        context, process.isAlive() ? "running" : process.exitValue(), read(err)).isTrue();
                cpu = process.info().totalCpuDuration().orElse(Duration.ZERO);
                // On Linux, destroyForcibly() sends SIGKILL: no shutdown hook, no finally block, no close().
                process.destroyForcibly();
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s: the killed child ends", context).isTrue();
                assertThat(process.exitValue()).as("%s: the child ended by SIGKILL (128 + 9), stderr:%n%s", context, read(err))
                        .isEqualTo(KILLED_BY_SIGKILL);
                return startup;
            } finally {
                destroy();
            }
        }

        private void awaitFirstAck(String context) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                String text = read(out);
                if (text.startsWith("A\t") || text.contains("\nA\t")) {
                    return;
                }
                if (!process.isAlive()) {
                    throw new AssertionError(context + ": the child ended before its first ack: status " + process.exitValue()
                            + ", stderr:\n" + read(err));
                }
                Thread.sleep(2);
            }
            throw new AssertionError(context + ": no ack within 60 s; stderr:\n" + read(err));
        }

        void destroy() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static String read(Path path) throws IOException {
        return Files.exists(path) ? Files.readString(path, StandardCharsets.ISO_8859_1) : "";
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /** The CPU time of the test's own JVM (every thread), which holds the verification. */
    private static long testCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The figures of one mode's run, printed at its end (and written to {@code target/crash/figures-<mode>.txt}). */
    private static final class Figures {
        private final Synchronous mode;
        private final long seed;
        private int kills;
        private long acknowledged;
        private long tasksCompared;
        private long sideRowsCompared;
        private long keysRetried;
        private int cutLines;
        private long startupMillis;
        private long waitMillis;
        private long verifyMillis;
        private long childCpuMillis;
        private final long testCpuAtStart = testCpuNanos();
        private long testCpuMillis;
        private final EnumMap<InFlight, Integer> inFlight = new EnumMap<>(InFlight.class);
        private EnumMap<Op, Long> byOp;
        private Duration elapsed;
        private int finalTasks;
        private long fileBytes;

        Figures(Synchronous mode, long seed) {
            this.mode = mode;
            this.seed = seed;
        }

        void add(CrashVerifier.Round round, boolean cut, long startup, long wait, long verify, Duration childCpu) {
            kills++;
            childCpuMillis += childCpu.toMillis();
            startupMillis += startup;
            waitMillis += wait;
            verifyMillis += verify;
            acknowledged += round.acknowledged();
            tasksCompared += round.tasksCompared();
            sideRowsCompared += round.sideRowsCompared();
            keysRetried += round.keysRetried();
            inFlight.merge(round.inFlight(), 1, Integer::sum);
            cutLines += cut ? 1 : 0;
        }

        void finish(Duration elapsed, CrashLedger ledger, long fileBytes) {
            this.elapsed = elapsed;
            this.testCpuMillis = (testCpuNanos() - testCpuAtStart) / 1_000_000;
            this.byOp = ledger.acknowledgedByOp();
            this.finalTasks = ledger.size();
            this.fileBytes = fileBytes;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "crash safety, synchronous=%s: %d kills survived, %d acknowledged writes verified %s; in flight at the kill %s "
                            + "(last line cut by the kill %d times); %d task comparisons, %d side rows compared, %d keys retried; "
                            + "%d tasks and %d bytes in the file at the end; %.1f s (per kill on average: %d ms from the "
                            + "go to the child's first ack, %d ms more to the kill, %d ms to verify); CPU %.1f s in the "
                            + "children, %.1f s in the test's JVM; seed %d",
                    mode, kills, acknowledged, byOp, inFlight, cutLines, tasksCompared, sideRowsCompared, keysRetried,
                    finalTasks, fileBytes, elapsed.toMillis() / 1000.0, startupMillis / kills, waitMillis / kills,
                    verifyMillis / kills, childCpuMillis / 1000.0, testCpuMillis / 1000.0, seed);
        }
    }
}
