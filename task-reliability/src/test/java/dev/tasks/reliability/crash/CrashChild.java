package dev.tasks.reliability.crash;

import static dev.tasks.reliability.crash.CrashWorkload.ACTOR;

import dev.tasks.api.TaskException;
import dev.tasks.api.TaskPage;
import dev.tasks.api.TaskService;
import dev.tasks.api.WriteOptions;
import dev.tasks.api.Written;
import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskIdGenerator;
import dev.tasks.core.TaskQuery;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.TrashFilter;
import dev.tasks.reliability.crash.CrashLog.Ack;
import dev.tasks.reliability.crash.CrashLog.Intent;
import dev.tasks.reliability.crash.CrashLog.Op;
import dev.tasks.store.jdbi.JdbiTaskStore;
import dev.tasks.store.jdbi.SqliteOptions.Synchronous;
import dev.tasks.store.memory.InMemoryTaskStore;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The child JVM that {@link CrashSafetyTest} kills: it writes through {@code TaskService} on a SQLite file,
 * one write at a time, until it is killed, and prints each write's intent before the call and its result
 * after (see {@link CrashLog} for the lines).
 *
 * <p>Arguments: the database file, the synchronous mode ({@code NORMAL} or {@code FULL}), the run's seed,
 * a time limit in milliseconds after which it exits by itself with status 3 (so that a test that died
 * leaves no writer behind; the test treats that exit as a failure), and a scratch file. It first warms up
 * on the scratch file, then waits for a {@code g} on its standard input before it opens the database file.
 *
 * <p>How it knows, before a write, what the write will do: it runs the same write first on a
 * <em>shadow</em>, a {@code TaskService} over an {@link InMemoryTaskStore} that holds what the file holds
 * (loaded at start, then kept in step), with the same clock instant and the same new task id. The shadow's
 * answer is printed in the intent; then the write runs on the file, and the child stops with status 2 if
 * the file's answer differs from the shadow's (a divergence between the two stores is a bug too).
 *
 * <p>Deterministic from the seed: which write comes next and on which task depends only on the seed and on
 * the state found in the file; the requests depend only on the seed and the write's number
 * ({@link CrashWorkload}). Only the instants come from the wall clock.
 */
public final class CrashChild {

    /** Writes made on the scratch file before the go: enough to load and initialise every class of the write path. */
    private static final int WARM_UP_WRITES = 40;

    private final long seed;
    private final SplittableRandom random;
    private final FileOutputStream out = new FileOutputStream(FileDescriptor.out);
    private final SettableClock clock = new SettableClock();
    private final PresetIds ids = new PresetIds();
    private final TaskService real;
    private final TaskService shadow;
    /** What the file holds, by id (sorted, so that picking a task by index is deterministic). */
    private final TreeMap<String, Task> tasks = new TreeMap<>();
    /** The keyed creates this run made: their key and request may be sent again, to be replayed. */
    private final List<Intent> keyedCreates = new ArrayList<>();
    private final boolean printing;
    /** The last refusal, whose violations explain a write the workload should not have made. */
    private TaskException lastRefusal;
    private long lastMillis;

    private CrashChild(JdbiTaskStore store, long seed, boolean printing) {
        this.seed = seed;
        this.printing = printing;
        this.random = new SplittableRandom(seed);
        this.real = CrashWorkload.service(store, clock, ids);
        InMemoryTaskStore shadowStore = new InMemoryTaskStore();
        this.shadow = CrashWorkload.service(shadowStore, clock, ids);
        TaskQuery all = TaskQuery.builder().filter(TaskFilter.builder().trashed(TrashFilter.INCLUDE).build()).limit(100).build();
        TaskPage page = real.list(ACTOR, all);
        while (true) {
            for (Task task : page.tasks()) {
                shadowStore.insert(task, Optional.empty());
                tasks.put(task.id().value(), task);
                lastMillis = Math.max(lastMillis, task.updatedAt().toEpochMilli());
            }
            if (page.nextCursor().isEmpty()) {
                break;
            }
            page = real.list(ACTOR, all.after(page.nextCursor().get()));
        }
    }

    /**
     * Warms up, waits for the test's go, then writes until killed.
     *
     * @param args the file, {@code NORMAL} or {@code FULL}, the seed, the time limit in milliseconds, and a
     *     scratch file to warm up on
     */
    public static void main(String[] args) {
        try {
            Path file = Path.of(args[0]);
            Synchronous mode = Synchronous.valueOf(args[1]);
            long seed = Long.parseLong(args[2]);
            long deadline = System.nanoTime() + Long.parseLong(args[3]) * 1_000_000L;
            warmUp(Path.of(args[4]), mode, seed);
            // The test starts this JVM while it still checks the file after the previous kill, and says go
            // when it is done: the file is then this child's alone. End of input: the test is gone.
            if (System.in.read() != 'g') {
                System.exit(4);
            }
            // Never closed: the process ends by SIGKILL, as a crashed application would.
            JdbiTaskStore store = JdbiTaskStore.sqlite(file, CrashWorkload.options(mode));
            CrashChild child = new CrashChild(store, seed, true);
            child.print(CrashLog.startLine(child.tasks.size()));
            child.run(deadline, Integer.MAX_VALUE);
            System.err.println("the child reached its time limit without being killed");
            System.exit(3);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(2);
        }
    }

    /**
     * Runs the workload, silently, on a scratch file first: a crash strikes a running application, whose
     * classes are loaded and code compiled, and a warm child makes many writes in the moment before the kill
     * where a cold one would make a few, each slowed by class loading.
     */
    private static void warmUp(Path scratch, Synchronous mode, long seed) throws IOException {
        try (JdbiTaskStore store = JdbiTaskStore.sqlite(scratch, CrashWorkload.options(mode))) {
            new CrashChild(store, ~seed, false).run(Long.MAX_VALUE, WARM_UP_WRITES);
        }
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(scratch.resolveSibling(scratch.getFileName() + suffix));
        }
    }

    private void run(long deadline, int maxWrites) throws IOException {
        for (int seq = 1; seq <= maxWrites && System.nanoTime() < deadline; seq++) {
            Intent planned = plan(seq);
            Outcome expected = runOn(shadow, planned);
            if (expected.text().startsWith("!") && !allowedRefusal(planned.op(), expected.text())) {
                throw new IllegalStateException("write " + seq + " (" + planned.op() + ") was refused on the shadow store: "
                        + expected.text() + " " + lastRefusal.violations() + "; the workload should make only valid writes");
            }
            Intent intent = new Intent(seq, planned.op(), planned.taskId(), planned.key(), planned.requestSeq(),
                    planned.expectedVersion(), expected.text());
            print(intent.line());
            Outcome actual = runOn(real, intent);
            if (!actual.equals(expected)) {
                throw new IllegalStateException("write " + seq + " (" + planned.op() + ") answered differently on SQLite and in memory:\n"
                        + "  sqlite: " + actual + "\n  memory: " + expected);
            }
            print(new Ack(seq, planned.op(), planned.taskId(), actual.version(), actual.replayed(), actual.text()).line());
            if (actual.task() != null) {
                tasks.put(actual.task().id().value(), actual.task());
            } else if (actual.text().equals(CrashLog.ABSENT)) {
                tasks.remove(planned.taskId());
            }
            if (planned.op() == Op.CREATE_KEYED) {
                keyedCreates.add(intent);
            }
        }
    }

    /** The refusals the workload makes on purpose: an update of a trashed task, a replay of a deleted task's key. */
    private static boolean allowedRefusal(Op op, String outcome) {
        return (op == Op.UPDATE_TRASHED && outcome.equals("!task_trashed"))
                || (op == Op.REPLAY_CREATE && outcome.equals("!not_found"));
    }

    /**
     * Picks the next write and its task. Creates are favoured while the file holds few tasks and deletes once
     * it holds many, so that the population stays between about 150 and 300 tasks however many kills a run
     * makes: the test compares every task after every kill, and that stays cheap.
     */
    private Intent plan(int seq) {
        List<String> live = new ArrayList<>();
        List<String> trashed = new ArrayList<>();
        tasks.forEach((id, task) -> (task.isTrashed() ? trashed : live).add(id));
        int population = tasks.size();
        int creates = population < 150 ? 30 : population < 300 ? 10 : 1;
        int[] weights = new int[Op.values().length];
        weights[Op.CREATE.ordinal()] = creates;
        weights[Op.CREATE_KEYED.ordinal()] = creates;
        weights[Op.REPLAY_CREATE.ordinal()] = keyedCreates.isEmpty() ? 0 : 3;
        weights[Op.UPDATE.ordinal()] = live.isEmpty() ? 0 : 25;
        weights[Op.UPDATE_KEYED.ordinal()] = live.isEmpty() ? 0 : 10;
        weights[Op.UPDATE_TRASHED.ordinal()] = trashed.isEmpty() ? 0 : 2;
        weights[Op.STATUS.ordinal()] = live.isEmpty() ? 0 : 12;
        weights[Op.TRASH.ordinal()] = live.isEmpty() ? 0 : 6;
        weights[Op.RESTORE.ordinal()] = trashed.isEmpty() ? 0 : 5;
        weights[Op.DELETE.ordinal()] = population == 0 ? 0 : population < 300 ? 4 : 30;
        Op op = pick(weights);
        lastMillis = Math.max(System.currentTimeMillis(), lastMillis + 1);
        switch (op) {
            case CREATE:
                return new Intent(seq, op, CrashWorkload.taskId(seed, seq), null, seq, 0, null);
            case CREATE_KEYED:
                return new Intent(seq, op, CrashWorkload.taskId(seed, seq), CrashWorkload.key(seed, seq), seq, 0, null);
            case REPLAY_CREATE: {
                Intent first = keyedCreates.get(random.nextInt(keyedCreates.size()));
                return new Intent(seq, op, first.taskId(), first.key(), first.requestSeq(), 0, null);
            }
            case UPDATE:
                return new Intent(seq, op, any(live), null, seq, 0, null);
            case UPDATE_KEYED: {
                String id = any(live);
                return new Intent(seq, op, id, CrashWorkload.key(seed, seq), seq, tasks.get(id).version(), null);
            }
            case UPDATE_TRASHED:
                return new Intent(seq, op, any(trashed), null, seq, 0, null);
            case STATUS:
            case TRASH:
            case DELETE: {
                String id = any(op == Op.DELETE ? new ArrayList<>(tasks.keySet()) : live);
                return new Intent(seq, op, id, null, seq, random.nextInt(3) == 0 ? tasks.get(id).version() : 0, null);
            }
            case RESTORE: {
                String id = any(trashed);
                return new Intent(seq, op, id, null, seq, random.nextInt(3) == 0 ? tasks.get(id).version() : 0, null);
            }
            default:
                throw new AssertionError(op);
        }
    }

    private Op pick(int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int n = random.nextInt(total);
        for (Op op : Op.values()) {
            n -= weights[op.ordinal()];
            if (n < 0) {
                return op;
            }
        }
        throw new AssertionError();
    }

    private String any(List<String> ids) {
        return ids.get(random.nextInt(ids.size()));
    }

    /** The status a STATUS write moves to: another than the task's, drawn from the write's own stream. */
    private TaskStatus statusFor(Intent write) {
        TaskStatus current = tasks.get(write.taskId()).status();
        TaskStatus[] others = java.util.Arrays.stream(TaskStatus.values()).filter(s -> s != current).toArray(TaskStatus[]::new);
        return others[CrashWorkload.random(seed, write.requestSeq(), 4).nextInt(others.length)];
    }

    /** Runs one write on a service at the planned instant (and with the planned new id), and describes its outcome. */
    private Outcome runOn(TaskService service, Intent write) {
        clock.set(Instant.ofEpochMilli(lastMillis));
        ids.set(write.op().creates() ? new TaskId(write.taskId()) : null);
        TaskId id = new TaskId(write.taskId());
        long v = write.expectedVersion();
        try {
            switch (write.op()) {
                case CREATE:
                    return Outcome.of(service.create(ACTOR, CrashWorkload.newTask(seed, write.requestSeq())), false);
                case CREATE_KEYED:
                case REPLAY_CREATE: {
                    Written w = service.create(ACTOR, CrashWorkload.newTask(seed, write.requestSeq()), write.key());
                    return Outcome.of(w.task(), w.replayed());
                }
                case UPDATE:
                case UPDATE_TRASHED:
                    return Outcome.of(service.update(ACTOR, id, CrashWorkload.patch(seed, write.requestSeq())), false);
                case UPDATE_KEYED: {
                    Written w = service.update(ACTOR, id, CrashWorkload.patch(seed, write.requestSeq()),
                            WriteOptions.expectVersion(v).withIdempotencyKey(write.key()));
                    return Outcome.of(w.task(), w.replayed());
                }
                case STATUS:
                    return Outcome.of(v > 0 ? service.changeStatus(ACTOR, id, statusFor(write), v)
                            : service.changeStatus(ACTOR, id, statusFor(write)), false);
                case TRASH:
                    return Outcome.of(v > 0 ? service.trash(ACTOR, id, v) : service.trash(ACTOR, id), false);
                case RESTORE:
                    return Outcome.of(v > 0 ? service.restore(ACTOR, id, v) : service.restore(ACTOR, id), false);
                case DELETE:
                    if (v > 0) {
                        service.delete(ACTOR, id, v);
                    } else {
                        service.delete(ACTOR, id);
                    }
                    return new Outcome(CrashLog.ABSENT, 0, false, null);
                default:
                    throw new AssertionError(write.op());
            }
        } catch (TaskException e) {
            lastRefusal = e;
            return new Outcome("!" + e.code().code(), 0, false, null);
        }
    }

    /** One line, one {@code write} call, so that a kill leaves either whole lines or a cut last line. */
    private void print(String line) throws IOException {
        if (!printing) {
            return;
        }
        out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** What a write returned: the task's canonical line (or {@value CrashLog#ABSENT}, or {@code !code}). */
    private record Outcome(String text, long version, boolean replayed, Task task) {
        static Outcome of(Task task, boolean replayed) {
            return new Outcome(CanonicalTask.of(task), task.version(), replayed, task);
        }

        /** Compares what the log shows; the task object itself is only carried along. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Outcome other && text.equals(other.text) && version == other.version && replayed == other.replayed;
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }

        @Override
        public String toString() {
            return "v" + version + (replayed ? " replayed " : " ") + text;
        }
    }

    /** A clock that stands still at the instant the child sets before each write, on the shadow and on the file alike. */
    private static final class SettableClock extends Clock {
        private volatile Instant now = Instant.now();

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the child's clock stays at UTC");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /**
     * Hands the service the id the child chose for its next create, once: a second call in one create would
     * mean the service retried after an id clash, which the child's intent could not have foretold.
     */
    private static final class PresetIds implements TaskIdGenerator {
        private TaskId next;

        void set(TaskId id) {
            next = id;
        }

        @Override
        public synchronized TaskId next() {
            TaskId id = next;
            if (id == null) {
                throw new IllegalStateException("the service asked for a task id twice, or outside a create");
            }
            next = null;
            return id;
        }
    }
}
