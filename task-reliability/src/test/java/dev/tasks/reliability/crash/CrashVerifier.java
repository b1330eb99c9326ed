package dev.tasks.reliability.crash;

import static dev.tasks.reliability.crash.CrashWorkload.ACTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasks.api.TaskNotFoundException;
import dev.tasks.api.TaskPage;
import dev.tasks.api.TaskService;
import dev.tasks.api.WriteOptions;
import dev.tasks.api.Written;
import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskQuery;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.TrashFilter;
import dev.tasks.core.store.IdempotencyOperation;
import dev.tasks.reliability.crash.CrashLedger.InFlight;
import dev.tasks.reliability.crash.CrashLedger.KeyedWrite;
import dev.tasks.reliability.crash.CrashLog.Intent;
import dev.tasks.reliability.crash.CrashLog.Op;
import dev.tasks.reliability.crash.CrashLog.Step;
import dev.tasks.store.jdbi.JdbiTaskStore;
import dev.tasks.store.jdbi.SqliteOptions.Synchronous;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The checks after one kill: the file against the ledger (every acknowledged write exactly, the write in
 * flight as before or as announced), the tables row by row, SQLite's own checks, the idempotency keys, and
 * a store that still works.
 */
final class CrashVerifier {

    /** How many keys of earlier rounds are retried after each kill, besides every key of the round itself. */
    static final int EARLIER_KEYS_RETRIED = 40;

    /** The figures of one round. */
    record Round(int acknowledged, InFlight inFlight, int tasksCompared, int sideRowsCompared, int keysRetried) {
    }

    private CrashVerifier() {
    }

    static Round verify(Path file, Synchronous mode, CrashLog log, CrashLedger ledger, long childSeed, int round, Random random)
            throws SQLException {
        assertThat(log.tasksAtStart()).as("round %d: the tasks the child found in the file when it started", round)
                .isEqualTo(ledger.size());
        int keysBefore = ledger.keyedWrites().size();
        for (Step step : log.acknowledged()) {
            ledger.acknowledge(childSeed, round, step);
        }

        // The file as the kill left it, before the store touches it.
        RawFile raw = RawFile.read(file, round);

        try (JdbiTaskStore store = JdbiTaskStore.sqlite(file, CrashWorkload.options(mode))) {
            TaskService service = CrashWorkload.service(store);

            // (a) Every acknowledged write exactly; the write in flight as before or as announced.
            Optional<Intent> inFlight = log.inFlight();
            InFlight settled = InFlight.NONE;
            Set<String> ids = new TreeSet<>(ledger.ids());
            ids.addAll(raw.tasks.keySet());
            inFlight.ifPresent(i -> ids.add(i.taskId()));
            int compared = 0;
            for (String id : ids) {
                Optional<Task> stored = service.find(ACTOR, new TaskId(id));
                if (inFlight.isPresent() && inFlight.get().taskId().equals(id)) {
                    settled = ledger.settle(childSeed, round, inFlight.get(), stored);
                } else {
                    assertThat(stored.map(CanonicalTask::of).orElse(CrashLog.ABSENT))
                            .as("round %d: task %s must be as its last acknowledged write left it", round, id)
                            .isEqualTo(ledger.stateOf(id));
                }
                // (b) No task half-written: its rows, exactly.
                stored.ifPresent(task -> raw.assertRowsOf(task, round));
                compared++;
            }
            assertThat(raw.tasks.keySet()).as("round %d: the rows of tasks are the ledger's tasks, no more", round)
                    .isEqualTo(ledger.ids());
            assertThat(raw.metadata.keySet()).as("round %d: metadata rows belong to ledger tasks", round).isSubsetOf(ledger.ids());
            assertThat(raw.relationships.keySet()).as("round %d: relationship rows belong to ledger tasks", round).isSubsetOf(ledger.ids());

            // The idempotency record of a keyed write in flight landed with it, or not at all (one transaction).
            if (inFlight.isPresent() && (settled == InFlight.LANDED || settled == InFlight.NOT_LANDED)
                    && (inFlight.get().op() == Op.CREATE_KEYED || inFlight.get().op() == Op.UPDATE_KEYED)) {
                String record = operation(inFlight.get().op()) + "/" + inFlight.get().key();
                assertThat(raw.idempotencyRecords.containsKey(record))
                        .as("round %d: the key of the write in flight is stored exactly when its write landed (%s)", round, settled)
                        .isEqualTo(settled == InFlight.LANDED);
            }
            // Every acknowledged key is stored, for its task.
            for (KeyedWrite k : ledger.keyedWrites()) {
                assertThat(raw.idempotencyRecords.get(operation(k.op()) + "/" + k.key()))
                        .as("round %d: the record of the acknowledged key %s", round, k.key()).isEqualTo(k.taskId());
            }

            // (d) Acknowledged keys still replay: every key of this round, and a sample of the earlier ones.
            List<KeyedWrite> retried = new ArrayList<>(ledger.keyedWrites().subList(keysBefore, ledger.keyedWrites().size()));
            List<KeyedWrite> earlier = new ArrayList<>(ledger.keyedWrites().subList(0, keysBefore));
            java.util.Collections.shuffle(earlier, random);
            retried.addAll(earlier.subList(0, Math.min(EARLIER_KEYS_RETRIED, earlier.size())));
            for (KeyedWrite k : retried) {
                retry(service, ledger, k, round);
            }

            // (d) The store keeps working: a keyed create, a keyed update, a status change, a full list walk.
            long seed = random.nextLong();
            keepsWorking(service, ledger, seed, round);
            return new Round(log.acknowledged().size(), settled, compared, raw.sideRows, retried.size());
        }
    }

    private static IdempotencyOperation operation(Op op) {
        return op == Op.CREATE_KEYED ? IdempotencyOperation.CREATE : IdempotencyOperation.UPDATE;
    }

    /** Sends a keyed write again, with the very request it was made with: the service must answer it as a replay. */
    private static void retry(TaskService service, CrashLedger ledger, KeyedWrite k, int round) {
        String expected = ledger.stateOf(k.taskId());
        if (expected.equals(CrashLog.ABSENT)) {
            // The key's task was deleted since: the replay answers not_found, as the service documents.
            assertThatThrownBy(() -> send(service, k)).as("round %d: retry of key %s, whose task is deleted", round, k.key())
                    .isInstanceOf(TaskNotFoundException.class);
            return;
        }
        Written w = send(service, k);
        assertThat(w.replayed()).as("round %d: retry of key %s is a replay", round, k.key()).isTrue();
        assertThat(w.task().id().value()).as("round %d: retry of key %s answers its task", round, k.key()).isEqualTo(k.taskId());
        assertThat(CanonicalTask.of(w.task())).as("round %d: retry of key %s answers the task as it is", round, k.key())
                .isEqualTo(expected);
    }

    private static Written send(TaskService service, KeyedWrite k) {
        if (k.op() == Op.CREATE_KEYED) {
            return service.create(ACTOR, CrashWorkload.newTask(k.seed(), k.requestSeq()), k.key());
        }
        return service.update(ACTOR, new TaskId(k.taskId()), CrashWorkload.patch(k.seed(), k.requestSeq()),
                WriteOptions.expectVersion(k.expectedVersion()).withIdempotencyKey(k.key()));
    }

    private static void keepsWorking(TaskService service, CrashLedger ledger, long seed, int round) {
        String createKey = CrashWorkload.key(seed, 0);
        Written created = service.create(ACTOR, CrashWorkload.newTask(seed, 0), createKey);
        assertThat(created.replayed()).as("round %d: a new key after the kill", round).isFalse();
        Task task = created.task();
        ledger.recordTestWrite(task);
        ledger.recordTestKey(new KeyedWrite(Op.CREATE_KEYED, seed, 0, createKey, task.id().value(), 0, round));

        String updateKey = CrashWorkload.key(seed, 1);
        Written updated = service.update(ACTOR, task.id(), CrashWorkload.patch(seed, 1),
                WriteOptions.expectVersion(task.version()).withIdempotencyKey(updateKey));
        assertThat(updated.replayed()).as("round %d: a new update key after the kill", round).isFalse();
        ledger.recordTestWrite(updated.task());
        ledger.recordTestKey(new KeyedWrite(Op.UPDATE_KEYED, seed, 1, updateKey, task.id().value(), task.version(), round));

        TaskStatus other = updated.task().status() == TaskStatus.COMPLETE ? TaskStatus.OPEN : TaskStatus.COMPLETE;
        Task changed = service.changeStatus(ACTOR, task.id(), other, updated.task().version());
        assertThat(changed.version()).as("round %d: a status change after the kill", round).isEqualTo(updated.task().version() + 1);
        ledger.recordTestWrite(changed);

        // A walk over every page (trash included) finds exactly the ledger's tasks, as they are.
        TaskQuery all = TaskQuery.builder().filter(TaskFilter.builder().trashed(TrashFilter.INCLUDE).build()).limit(37).build();
        Map<String, String> listed = new TreeMap<>();
        TaskPage page = service.list(ACTOR, all);
        while (true) {
            for (Task t : page.tasks()) {
                assertThat(listed.put(t.id().value(), CanonicalTask.of(t))).as("round %d: %s listed twice", round, t.id()).isNull();
            }
            if (page.nextCursor().isEmpty()) {
                break;
            }
            page = service.list(ACTOR, all.after(page.nextCursor().get()));
        }
        assertThat(listed).as("round %d: every task, listed page by page", round).isEqualTo(ledger.states());
        assertThat(service.count(ACTOR, TaskFilter.builder().trashed(TrashFilter.INCLUDE).build()))
                .as("round %d: the count of every task", round).isEqualTo(ledger.size());
    }
}
