package dev.tasks.reliability.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the child prints, one line per event, and its parsing by the test.
 *
 * <pre>
 * S  tasks-at-start
 * I  seq  op  task-id  key|-  request-seq  expected-version|0  outcome      (intent: printed before the call)
 * A  seq  op  task-id  version|0  replayed(0|1)  outcome                   (ack: printed after the call returned)
 * </pre>
 *
 * <p>Fields are separated by tabs; an outcome is the {@link CanonicalTask} line of the task the write
 * returned, {@value #ABSENT} after a delete, or {@code !} and the error code of a write that was refused.
 * The intent carries the outcome the write <em>will</em> have (the child computed it on a shadow store
 * first): a write killed in flight, before or after its ack was printed, may have landed or not, and the
 * test can then only accept one of exactly two states, the one before and the one in the intent.
 *
 * <p>Each line is written with one {@code write} call and ends with a newline; the test ignores a last line
 * without its newline (the kill cut it): an intent cut short means that the call had not started, an ack cut
 * short leaves its write in flight, both of which the rules above already cover.
 */
final class CrashLog {

    /** The outcome of a delete: no task. */
    static final String ABSENT = "-";

    /** The writes the child makes, each through {@code TaskService}. */
    enum Op {
        /** {@code create} without a key. */
        CREATE,
        /** {@code create} with a fresh idempotency key. */
        CREATE_KEYED,
        /** {@code create} retried with a key (and request) this run used before: a replay, nothing written. */
        REPLAY_CREATE,
        /** {@code update} without expected version or key: metadata and relationship patches, and more. */
        UPDATE,
        /** {@code update} with the current version expected and a fresh idempotency key. */
        UPDATE_KEYED,
        /** {@code update} of a task in the trash: refused ({@code task_trashed}), nothing written. */
        UPDATE_TRASHED,
        /** {@code changeStatus}, to another status, sometimes with the expected version. */
        STATUS,
        /** {@code trash}. */
        TRASH,
        /** {@code restore}. */
        RESTORE,
        /** {@code delete}, for good. */
        DELETE;

        boolean keyed() {
            return this == CREATE_KEYED || this == UPDATE_KEYED || this == REPLAY_CREATE;
        }

        boolean creates() {
            return this == CREATE || this == CREATE_KEYED;
        }
    }

    /** An intent: the write about to be made, and the outcome it will have. */
    record Intent(int seq, Op op, String taskId, String key, int requestSeq, long expectedVersion, String outcome) {
        String line() {
            return String.join("\t", "I", Integer.toString(seq), op.name(), taskId, key == null ? ABSENT : key,
                    Integer.toString(requestSeq), Long.toString(expectedVersion), outcome);
        }
    }

    /** An acknowledgement: the write returned, with this outcome. */
    record Ack(int seq, Op op, String taskId, long version, boolean replayed, String outcome) {
        String line() {
            return String.join("\t", "A", Integer.toString(seq), op.name(), taskId, Long.toString(version),
                    replayed ? "1" : "0", outcome);
        }
    }

    /** An acknowledged write: its intent and its ack. */
    record Step(Intent intent, Ack ack) {
    }

    static String startLine(int tasks) {
        return "S\t" + tasks;
    }

    private final int tasksAtStart;
    private final List<Step> acknowledged;
    private final Optional<Intent> inFlight;
    private final boolean lastLineCut;

    private CrashLog(int tasksAtStart, List<Step> acknowledged, Optional<Intent> inFlight, boolean lastLineCut) {
        this.tasksAtStart = tasksAtStart;
        this.acknowledged = acknowledged;
        this.inFlight = inFlight;
        this.lastLineCut = lastLineCut;
    }

    /** How many tasks the child found in the file when it started. */
    int tasksAtStart() {
        return tasksAtStart;
    }

    /** The writes whose ack was printed whole, in order. */
    List<Step> acknowledged() {
        return acknowledged;
    }

    /** The write whose intent was printed whole and whose ack was not: in flight at the kill. */
    Optional<Intent> inFlight() {
        return inFlight;
    }

    /** Whether the kill cut the last line short. */
    boolean lastLineCut() {
        return lastLineCut;
    }

    /**
     * Parses the child's output.
     *
     * @throws AssertionError if the lines do not follow the format: a start line, then intents each
     *     followed by its own ack, the last intent possibly without
     */
    static CrashLog parse(String text) {
        int end = text.lastIndexOf('\n');
        boolean cut = end < text.length() - 1;
        String[] lines = end < 0 ? new String[0] : text.substring(0, end).split("\n", -1);
        if (lines.length == 0 || !lines[0].startsWith("S\t")) {
            throw new AssertionError("the child's output does not start with its start line: " + abbreviate(text));
        }
        int tasks = Integer.parseInt(lines[0].substring(2));
        List<Step> steps = new ArrayList<>();
        Intent pending = null;
        for (int n = 1; n < lines.length; n++) {
            String[] f = lines[n].split("\t", -1);
            if (f[0].equals("I") && f.length == 8 && pending == null) {
                pending = new Intent(Integer.parseInt(f[1]), Op.valueOf(f[2]), f[3], f[4].equals(ABSENT) ? null : f[4],
                        Integer.parseInt(f[5]), Long.parseLong(f[6]), f[7]);
                if (pending.seq() != steps.size() + 1) {
                    throw new AssertionError("line " + (n + 1) + ": intent " + pending.seq() + " after " + steps.size() + " acks");
                }
            } else if (f[0].equals("A") && f.length == 7 && pending != null) {
                Ack ack = new Ack(Integer.parseInt(f[1]), Op.valueOf(f[2]), f[3], Long.parseLong(f[4]), f[5].equals("1"), f[6]);
                if (ack.seq() != pending.seq() || ack.op() != pending.op() || !ack.taskId().equals(pending.taskId())) {
                    throw new AssertionError("line " + (n + 1) + ": ack " + ack + " does not answer intent " + pending);
                }
                steps.add(new Step(pending, ack));
                pending = null;
            } else {
                throw new AssertionError("line " + (n + 1) + " is out of place or malformed: " + abbreviate(lines[n]));
            }
        }
        return new CrashLog(tasks, List.copyOf(steps), Optional.ofNullable(pending), cut);
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }
}
