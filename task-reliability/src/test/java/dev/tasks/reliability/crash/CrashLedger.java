package dev.tasks.reliability.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasks.core.Task;
import dev.tasks.reliability.crash.CrashLog.Ack;
import dev.tasks.reliability.crash.CrashLog.Intent;
import dev.tasks.reliability.crash.CrashLog.Op;
import dev.tasks.reliability.crash.CrashLog.Step;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the file must hold: the last acknowledged state of every task, accumulated over all the kills of a
 * test (the child continues on the same file), and every idempotency key acknowledged so far.
 *
 * <p>It also checks that the acks themselves make sense against what came before (a create makes a task
 * that did not exist, at version 1; a change moves the version by one, or by none when it changed nothing;
 * a replay answers the task as it is), so that the test cannot pass on a log that does not describe the
 * writes it claims to.
 */
final class CrashLedger {

    /** An idempotency key acknowledged (or landed in flight): the test retries it after each later kill. */
    record KeyedWrite(Op op, long seed, int requestSeq, String key, String taskId, long expectedVersion, int round) {
    }

    /** Task id to its canonical line. */
    private final TreeMap<String, String> tasks = new TreeMap<>();
    private final Map<String, Long> versions = new TreeMap<>();
    private final List<KeyedWrite> keyed = new ArrayList<>();
    private final EnumMap<Op, Long> acknowledgedByOp = new EnumMap<>(Op.class);

    int size() {
        return tasks.size();
    }

    Set<String> ids() {
        return tasks.keySet();
    }

    Map<String, String> states() {
        return tasks;
    }

    /** The canonical line the file must hold for this id, or {@link CrashLog#ABSENT}. */
    String stateOf(String id) {
        return tasks.getOrDefault(id, CrashLog.ABSENT);
    }

    List<KeyedWrite> keyedWrites() {
        return keyed;
    }

    EnumMap<Op, Long> acknowledgedByOp() {
        return acknowledgedByOp;
    }

    /** Takes in one acknowledged write of the child, after checking it against the state before it. */
    void acknowledge(long seed, int round, Step step) {
        Intent intent = step.intent();
        Ack ack = step.ack();
        String id = ack.taskId();
        String before = stateOf(id);
        String where = "round " + round + ", write " + ack.seq() + " " + ack.op() + " on " + id;
        assertThat(ack.outcome()).as("%s: the ack against its intent (SQLite against the memory shadow)", where)
                .isEqualTo(intent.outcome());
        switch (ack.op()) {
            case CREATE, CREATE_KEYED -> {
                assertThat(before).as("%s: a create makes a new task", where).isEqualTo(CrashLog.ABSENT);
                assertThat(ack.version()).as("%s: a new task's version", where).isEqualTo(1);
                assertThat(ack.replayed()).as("%s: a fresh key is no replay", where).isFalse();
                put(id, ack.outcome(), ack.version());
            }
            case REPLAY_CREATE -> {
                if (before.equals(CrashLog.ABSENT)) {
                    assertThat(ack.outcome()).as("%s: the replay of a deleted task's key", where).isEqualTo("!not_found");
                } else {
                    assertThat(ack.replayed()).as("%s: replayed", where).isTrue();
                    assertThat(ack.outcome()).as("%s: a replay answers the task as it is", where).isEqualTo(before);
                }
            }
            case UPDATE, UPDATE_KEYED, STATUS, TRASH, RESTORE -> {
                assertThat(before).as("%s: the task exists", where).isNotEqualTo(CrashLog.ABSENT);
                assertThat(ack.replayed()).as("%s: no replay", where).isFalse();
                long previous = versions.get(id);
                assertThat(ack.version()).as("%s: versions move by one", where).isIn(previous, previous + 1);
                if (ack.version() == previous) {
                    assertThat(ack.outcome()).as("%s: a write that kept the version changed nothing", where).isEqualTo(before);
                }
                put(id, ack.outcome(), ack.version());
            }
            case UPDATE_TRASHED -> {
                assertThat(before).as("%s: the task exists", where).isNotEqualTo(CrashLog.ABSENT);
                assertThat(ack.outcome()).as("%s: a trashed task refuses updates", where).isEqualTo("!task_trashed");
            }
            case DELETE -> {
                assertThat(before).as("%s: the task exists", where).isNotEqualTo(CrashLog.ABSENT);
                assertThat(ack.outcome()).as("%s: a delete leaves no task", where).isEqualTo(CrashLog.ABSENT);
                tasks.remove(id);
                versions.remove(id);
            }
            default -> throw new AssertionError(ack.op());
        }
        if (ack.op() == Op.CREATE_KEYED || ack.op() == Op.UPDATE_KEYED) {
            keyed.add(new KeyedWrite(ack.op(), seed, intent.requestSeq(), intent.key(), id, intent.expectedVersion(), round));
        }
        acknowledgedByOp.merge(ack.op(), 1L, Long::sum);
    }

    /** What became of the write in flight at the kill. */
    enum InFlight {
        /** Its ack was printed whole: nothing was in flight. */
        NONE,
        /** The file holds its outcome. */
        LANDED,
        /** The file holds the state before it. */
        NOT_LANDED,
        /** It changed nothing (a replay, a refusal, a change to the same state): the two states are one. */
        SAME_EITHER_WAY
    }

    /**
     * Settles the write in flight at the kill: the file must hold either the state before it or the state its
     * intent announced, nothing else; the ledger then takes the file's state.
     *
     * @return which of the two the file holds
     */
    InFlight settle(long seed, int round, Intent intent, Optional<Task> stored) {
        String id = intent.taskId();
        String before = stateOf(id);
        String after = intent.outcome().startsWith("!") ? before : intent.outcome();
        String found = stored.map(CanonicalTask::of).orElse(CrashLog.ABSENT);
        assertThat(found)
                .as("round %d: the task %s of the write in flight at the kill (%s, intent %d) must be as before it or as "
                        + "its intent announced, nothing else", round, id, intent.op(), intent.seq())
                .isIn(before, after);
        if (before.equals(after)) {
            return InFlight.SAME_EITHER_WAY;
        }
        boolean landed = found.equals(after);
        if (landed) {
            if (stored.isPresent()) {
                put(id, found, stored.get().version());
            } else {
                tasks.remove(id);
                versions.remove(id);
            }
            if (intent.op() == Op.CREATE_KEYED || intent.op() == Op.UPDATE_KEYED) {
                keyed.add(new KeyedWrite(intent.op(), seed, intent.requestSeq(), intent.key(), id, intent.expectedVersion(), round));
            }
        }
        return landed ? InFlight.LANDED : InFlight.NOT_LANDED;
    }

    /** Takes in a write the test itself made through a reopened store, after the kill. */
    void recordTestWrite(Task task) {
        put(task.id().value(), CanonicalTask.of(task), task.version());
    }

    void recordTestKey(KeyedWrite write) {
        keyed.add(write);
    }

    private void put(String id, String state, long version) {
        tasks.put(id, state);
        versions.put(id, version);
    }
}
