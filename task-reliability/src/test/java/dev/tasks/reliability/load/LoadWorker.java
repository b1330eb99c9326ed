package dev.tasks.reliability.load;

import dev.tasks.api.Actor;
import dev.tasks.api.BulkCreateResult;
import dev.tasks.api.ExternalIdConflictException;
import dev.tasks.api.TaskNotFoundException;
import dev.tasks.api.TaskPage;
import dev.tasks.api.TaskService;
import dev.tasks.api.TaskTrashedException;
import dev.tasks.api.TaskValidationException;
import dev.tasks.api.VersionConflictException;
import dev.tasks.api.WriteOptions;
import dev.tasks.api.Written;
import dev.tasks.core.NewTask;
import dev.tasks.core.SortDirection;
import dev.tasks.core.SortField;
import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.TaskQuery;
import dev.tasks.core.TaskSort;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.TrashFilter;
import dev.tasks.reliability.load.LoadFigures.Kind;
import dev.tasks.reliability.load.LoadFigures.Outcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One thread of a load run: draws actions at random, makes the calls, checks every answer it can check
 * on the spot, and records what it did and saw for the checks made after the run.
 *
 * <p>Every call site catches exactly the {@code TaskException}s its action provokes on purpose (a
 * version conflict when racing with an expected version, {@code task_trashed} on a trashed task,
 * {@code not_found} on a deleted one); anything else that escapes a call is recorded by
 * {@link #run()} as an unexpected throwable and fails the run.
 */
final class LoadWorker implements Runnable {

    /** The actions, with their weights: writes on the hot tasks dominate, since that is where races are. */
    private enum Action {
        CREATE(9), CREATE_KEYED(5), CREATE_RACE(6), CREATE_BULK(4), CREATE_EXTERNAL(3),
        HOT_INCREMENT(14), HOT_BLIND_UPDATE(8), HOT_KEYED_UPDATE(6), HOT_STATUS(5), HOT_TRASH_RESTORE(2),
        OWN_UPDATE(6), OWN_STATUS(6), OWN_TRASH(4), OWN_RESTORE(3), OWN_DELETE(8),
        PROBE_TRASHED(2), PROBE_DELETED(1), WALK_OWN(2), WALK_ALL(1), COUNT(3);

        final int weight;

        Action(int weight) {
            this.weight = weight;
        }
    }

    private static final Action[] WHEEL = wheel();

    /**
     * Owned tasks a thread keeps at most: beyond it, a create becomes a delete, so that the number of
     * tasks (and the cost of a walk over all of them) stays bounded in long runs too.
     */
    private static final int OWN_CAP = 60;

    /**
     * Page sizes of walks of own tasks (at most {@link #OWN_CAP}): 1 makes a cursor per task, 100 is the
     * largest page.
     */
    private static final int[] OWN_PAGE_SIZES = {1, 7, 25, 100};

    /** Page sizes of walks of all tasks, which may hold thousands: still many cursors, but bounded work. */
    private static final int[] ALL_PAGE_SIZES = {10, 25, 100};

    private static final TaskStatus[] STATUSES = TaskStatus.values();

    /** Thrown by {@link #check}: ends the action, and {@link #run()} records it as a failed check. */
    static final class CheckFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CheckFailure(String message) {
            super(message, null, false, false);
        }
    }

    final int index;
    final String owner;
    final LoadFigures figures = new LoadFigures();
    /** Tasks this thread created and still has; only it changes them. */
    final List<OwnedTask> owned = new ArrayList<>();
    /** Tasks this thread deleted (acknowledged). */
    final List<OwnedTask> deleted = new ArrayList<>();
    /** Acknowledged effective changes of each hot task, by this thread. */
    final List<List<HotEvent>> hotEvents = new ArrayList<>();
    /** Successful calls with a shared key: creates, and updates of hot tasks. */
    final List<RaceOutcome> raceCreates = new ArrayList<>();
    final List<RaceOutcome> raceUpdates = new ArrayList<>();
    /** Creates (alone or in a bulk create) racing for an external id. */
    final List<ExternalIdOutcome> externalIds = new ArrayList<>();
    /** Tasks this thread created (acknowledged, not replays), the hot ones excluded. */
    long created;
    /** Walks cut by the deadline before their last page, so not checked for completeness. */
    long walksCut;

    private final LoadScenario run;
    private final TaskService service;
    private final Actor actor;
    private final Random random;
    private long seq;
    private Kind current = Kind.CREATE;
    /** Whether the thread is in its first round: then each action takes all its optional steps. */
    private boolean firstRound;

    LoadWorker(LoadScenario run, int index) {
        this.run = run;
        this.index = index;
        this.owner = "t" + index;
        this.service = run.service;
        this.actor = run.actor;
        this.random = new Random(run.settings.seed() + index);
        for (int h = 0; h < run.hot.size(); h++) {
            hotEvents.add(new ArrayList<>());
        }
    }

    private static Action[] wheel() {
        List<Action> wheel = new ArrayList<>();
        for (Action a : Action.values()) {
            for (int i = 0; i < a.weight; i++) {
                wheel.add(a);
            }
        }
        return wheel.toArray(Action[]::new);
    }

    @Override
    public void run() {
        // Every thread first does each action once, in its own order, whatever the clock says (the count
        // still applies): on a slow or busy machine, where the time limit would end the run after a few
        // actions per thread, every kind of call has still been made, sixteen times, all threads at once.
        List<Action> round = new ArrayList<>(List.of(Action.values()));
        Collections.shuffle(round, random);
        run.awaitStart();
        int done = 0;
        while (run.takeTicket(done < round.size())) {
            firstRound = done < round.size();
            figures.action();
            Action action = firstRound ? round.get(done) : WHEEL[random.nextInt(WHEEL.length)];
            done++;
            try {
                act(action);
            } catch (CheckFailure f) {
                run.problem("thread " + index + ", " + current.label + ": " + f.getMessage());
            } catch (Throwable t) {
                run.unexpected("thread " + index + ", " + current.label, t);
            }
        }
    }

    private void act(Action action) {
        // Beyond the cap a create deletes instead, so that the tenant's size, and the cost of a walk over
        // it, stays bounded however long the run. An action on an own task in a state none is in first
        // brings one there (see ownLive, ownTrashed, ownDeleted): every action does its own kind of call.
        if ((action == Action.CREATE || action == Action.CREATE_KEYED || action == Action.CREATE_BULK) && owned.size() >= OWN_CAP) {
            action = Action.OWN_DELETE;
        }
        switch (action) {
            case CREATE -> create();
            case CREATE_KEYED -> createKeyed();
            case CREATE_RACE -> createRacing();
            case CREATE_BULK -> createBulk();
            case CREATE_EXTERNAL -> createExternal();
            case HOT_INCREMENT -> hotIncrement();
            case HOT_BLIND_UPDATE -> hotBlindUpdate();
            case HOT_KEYED_UPDATE -> hotKeyedUpdate();
            case HOT_STATUS -> hotStatus();
            case HOT_TRASH_RESTORE -> hotTrashRestore();
            case OWN_UPDATE -> ownUpdate(ownLive());
            case OWN_STATUS -> ownStatus(ownLive());
            case OWN_TRASH -> ownTrash(ownLive());
            case OWN_RESTORE -> ownRestore(ownTrashed());
            case OWN_DELETE -> ownDelete(owned.isEmpty() ? create() : pick(owned));
            case PROBE_TRASHED -> probeTrashed(ownTrashed());
            case PROBE_DELETED -> probeDeleted();
            case WALK_OWN -> walkOwn();
            case WALK_ALL -> walkAll();
            case COUNT -> countOwn();
        }
    }

    // ------------------------------------------------------------------ creates

    private NewTask ownRequest(long n, String key) {
        NewTask.Builder b = NewTask.builder("load " + owner + " n" + n).status(pickStatus()).metadata("owner", owner);
        if (key != null) {
            b.metadata("ikey", key);
        }
        return b.build();
    }

    private OwnedTask create() {
        NewTask request = ownRequest(seq++, null);
        begin(Kind.CREATE);
        Task t = service.create(actor, request);
        figures.add(Kind.CREATE, Outcome.OK);
        checkCreated(t, request);
        OwnedTask mine = new OwnedTask(t, null, request);
        owned.add(mine);
        created++;
        return mine;
    }

    private void createKeyed() {
        long n = seq++;
        String key = "own-" + owner + "-" + n;
        NewTask request = ownRequest(n, key);
        begin(Kind.CREATE_KEYED);
        Written w = service.create(actor, request, key);
        figures.add(Kind.CREATE_KEYED, w.replayed() ? Outcome.REPLAYED : Outcome.OK);
        check(!w.replayed(), "a fresh key was answered as a replay: " + key);
        checkCreated(w.task(), request);
        OwnedTask mine = new OwnedTask(w.task(), key, request);
        owned.add(mine);
        created++;
        if (firstRound || random.nextBoolean()) {
            // A client's retry after a lost answer: the same task, as it is, marked replayed.
            begin(Kind.CREATE_KEYED_RETRY);
            Written again = service.create(actor, request, key);
            figures.add(Kind.CREATE_KEYED_RETRY, again.replayed() ? Outcome.REPLAYED : Outcome.OK);
            check(again.replayed(), "a retry with key " + key + " was not a replay");
            check(again.task().id().equals(mine.id) && again.task().version() == mine.version,
                    "a retry with key " + key + " answered " + again.task().id() + " v" + again.task().version() + ", not " + mine);
        }
    }

    private void checkCreated(Task t, NewTask request) {
        check(t.version() == 1 && t.status() == request.status() && !t.isTrashed()
                        && t.metadata().equals(request.metadata()) && t.title().equals(request.title()),
                "create answered " + t + " for " + request);
    }

    private void createRacing() {
        // Consecutive racing calls share a key: with many threads, those calls overlap in time.
        long k = run.raceCreateSeq.getAndIncrement() / run.settings.racers();
        String key = "race-create-" + k;
        NewTask request = NewTask.builder("race " + k).metadata("ikey", key).build();
        begin(Kind.CREATE_RACE);
        long start = System.nanoTime();
        Written w = service.create(actor, request, key);
        long end = System.nanoTime();
        figures.add(Kind.CREATE_RACE, w.replayed() ? Outcome.REPLAYED : Outcome.OK);
        check(key.equals(w.task().metadata().get("ikey")) && w.task().title().equals(request.title()),
                "key " + key + " answered another request's task " + w.task());
        raceCreates.add(new RaceOutcome(key, w.task().id(), w.replayed(), start, end, index));
        run.raceTasks.add(w.task().id());
        if (!w.replayed()) {
            created++;
        }
    }

    /** Consecutive racing calls share an external id, as they share keys. */
    private String racingExternalId() {
        return "ext-" + run.externalSeq.getAndIncrement() / run.settings.racers();
    }

    private static NewTask externalRequest(String externalId) {
        return NewTask.builder("external " + externalId).externalId(externalId).build();
    }

    private void createExternal() {
        String ext = racingExternalId();
        begin(Kind.CREATE_EXTERNAL);
        try {
            Task t = service.create(actor, externalRequest(ext));
            figures.add(Kind.CREATE_EXTERNAL, Outcome.OK);
            madeExternal(ext, t, false);
        } catch (ExternalIdConflictException e) {
            figures.add(Kind.CREATE_EXTERNAL, Outcome.EXTERNAL_ID_CONFLICT);
            externalIds.add(new ExternalIdOutcome(ext, null, false, index));
        }
    }

    private void madeExternal(String ext, Task t, boolean bulk) {
        check(t.externalId().equals(Optional.of(ext)) && t.version() == 1, "a create with external id " + ext + " answered " + t);
        externalIds.add(new ExternalIdOutcome(ext, t.id(), bulk, index));
        // Never changed afterwards, like the shared-key tasks: every later walk must see it.
        run.raceTasks.add(t.id());
        created++;
    }

    /**
     * A bulk create of own tasks, sometimes with an invalid request (refused alone) and a request racing
     * other threads for an external id (created, or refused alone with {@code external_id_conflict}).
     */
    private void createBulk() {
        List<NewTask> requests = new ArrayList<>();
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            requests.add(ownRequest(seq++, null));
        }
        NewTask invalid = null;
        if (random.nextInt(3) == 0) {
            invalid = NewTask.titled(" ");
            requests.add(random.nextInt(requests.size() + 1), invalid);
        }
        String ext = null;
        NewTask external = null;
        if (random.nextBoolean()) {
            ext = racingExternalId();
            external = externalRequest(ext);
            requests.add(random.nextInt(requests.size() + 1), external);
        }
        begin(Kind.CREATE_BULK);
        BulkCreateResult result = service.createAll(actor, requests);
        figures.add(Kind.CREATE_BULK, Outcome.OK);
        check(result.outcomes().size() == requests.size(), result.outcomes().size() + " outcomes for " + requests.size() + " requests");
        for (int i = 0; i < requests.size(); i++) {
            NewTask request = requests.get(i);
            BulkCreateResult.Outcome outcome = result.outcomes().get(i);
            if (request == external) {
                if (outcome instanceof BulkCreateResult.Created c) {
                    figures.add(Kind.CREATE_EXTERNAL, Outcome.OK);
                    madeExternal(ext, c.task(), true);
                } else {
                    check(((BulkCreateResult.Refused) outcome).error() instanceof ExternalIdConflictException,
                            "a bulk request with external id " + ext + " was refused with " + outcome);
                    figures.add(Kind.CREATE_EXTERNAL, Outcome.EXTERNAL_ID_CONFLICT);
                    externalIds.add(new ExternalIdOutcome(ext, null, true, index));
                }
            } else if (request == invalid) {
                check(outcome instanceof BulkCreateResult.Refused r && r.error() instanceof TaskValidationException
                        && r.error().violations().stream().anyMatch(v -> v.pointer().equals("/title")),
                        "a blank title in a bulk create answered " + outcome);
                figures.add(Kind.BULK_INVALID, Outcome.VALIDATION_FAILED);
            } else {
                check(outcome instanceof BulkCreateResult.Created, "a valid request in a bulk create answered " + outcome);
                Task t = ((BulkCreateResult.Created) outcome).task();
                checkCreated(t, request);
                owned.add(new OwnedTask(t, null, request));
                created++;
            }
        }
    }

    // ------------------------------------------------------------------ hot tasks

    private int pickHot() {
        return random.nextInt(run.hot.size());
    }

    private Task getHot(int h) {
        begin(Kind.HOT_GET);
        Task t = service.get(actor, run.hot.get(h));
        figures.add(Kind.HOT_GET, Outcome.OK);
        return t;
    }

    /** Read-modify-write of a counter with the version read: the classic lost-update shape. */
    private void hotIncrement() {
        int h = pickHot();
        Task read = getHot(h);
        long v = read.version();
        long n = Long.parseLong(read.metadata().get("counter"));
        begin(Kind.HOT_INCREMENT);
        try {
            Written w = service.update(actor, read.id(), TaskPatch.builder().metadata("counter", Long.toString(n + 1)).build(),
                    WriteOptions.expectVersion(v));
            figures.add(Kind.HOT_INCREMENT, Outcome.OK);
            check(!read.isTrashed(), "an update expecting v" + v + " succeeded though the task was trashed at v" + v);
            check(!w.replayed() && w.task().version() == v + 1
                            && Long.toString(n + 1).equals(w.task().metadata().get("counter")),
                    "an increment expecting v" + v + " answered " + w);
            hotEvents.get(h).add(new HotEvent(HotEvent.Change.INCREMENT, v + 1, OptionalLong.of(v), Long.toString(n), w.task(), index));
        } catch (VersionConflictException e) {
            conflict(Kind.HOT_INCREMENT, e, v);
        } catch (TaskTrashedException e) {
            trashedAt(Kind.HOT_INCREMENT, read);
        }
    }

    /** An update without a version: the service retries it on the newer state, so it must land. */
    private void hotBlindUpdate() {
        int h = pickHot();
        // Unique to this call, so the change is always effective and must claim a version.
        String value = owner + "-" + seq++;
        begin(Kind.HOT_BLIND_UPDATE);
        try {
            Task t = service.update(actor, run.hot.get(h), TaskPatch.builder().metadata("blind", value).build());
            figures.add(Kind.HOT_BLIND_UPDATE, Outcome.OK);
            check(value.equals(t.metadata().get("blind")), "a blind update answered " + t.metadata());
            hotEvents.get(h).add(new HotEvent(HotEvent.Change.BLIND, t.version(), OptionalLong.empty(), value, t, index));
        } catch (VersionConflictException e) {
            // Documented: after 100 lost compare-and-sets in a row the service gives up.
            figures.add(Kind.HOT_BLIND_UPDATE, Outcome.VERSION_CONFLICT);
        } catch (TaskTrashedException e) {
            figures.add(Kind.HOT_BLIND_UPDATE, Outcome.TASK_TRASHED);
        }
    }

    /** Several threads send one update with one key: exactly one may write, the others are replays. */
    private void hotKeyedUpdate() {
        long k = run.raceUpdateSeq.getAndIncrement() / run.settings.racers();
        String key = "race-update-" + k;
        int h = (int) (k % run.hot.size());
        begin(Kind.HOT_KEYED_UPDATE);
        long start = System.nanoTime();
        try {
            Written w = service.update(actor, run.hot.get(h), TaskPatch.builder().metadata("keyed", key).build(),
                    WriteOptions.idempotencyKey(key));
            long end = System.nanoTime();
            figures.add(Kind.HOT_KEYED_UPDATE, w.replayed() ? Outcome.REPLAYED : Outcome.OK);
            check(w.task().id().equals(run.hot.get(h)), "key " + key + " answered another task " + w.task().id());
            raceUpdates.add(new RaceOutcome(key, w.task().id(), w.replayed(), start, end, index));
            if (!w.replayed()) {
                check(key.equals(w.task().metadata().get("keyed")), "a keyed update answered " + w.task().metadata());
                hotEvents.get(h).add(new HotEvent(HotEvent.Change.KEYED, w.task().version(), OptionalLong.empty(), key, w.task(), index));
            }
        } catch (VersionConflictException e) {
            figures.add(Kind.HOT_KEYED_UPDATE, Outcome.VERSION_CONFLICT);
        } catch (TaskTrashedException e) {
            figures.add(Kind.HOT_KEYED_UPDATE, Outcome.TASK_TRASHED);
        }
    }

    private void hotStatus() {
        int h = pickHot();
        Task read = getHot(h);
        long v = read.version();
        TaskStatus next = pickStatusOtherThan(read.status());
        begin(Kind.HOT_STATUS);
        try {
            Task t = service.changeStatus(actor, read.id(), next, v);
            figures.add(Kind.HOT_STATUS, Outcome.OK);
            check(!read.isTrashed(), "a status change expecting v" + v + " succeeded though the task was trashed at v" + v);
            check(t.version() == v + 1 && t.status() == next, "a status change to " + next + " expecting v" + v + " answered " + t);
            hotEvents.get(h).add(new HotEvent(HotEvent.Change.STATUS, v + 1, OptionalLong.of(v), next.name(), t, index));
        } catch (VersionConflictException e) {
            conflict(Kind.HOT_STATUS, e, v);
        } catch (TaskTrashedException e) {
            trashedAt(Kind.HOT_STATUS, read);
        }
    }

    /**
     * Trash then restore at once (or restore what another thread trashed), each with the version it
     * follows: the trash windows stay short, so the other writers meet {@code task_trashed} now and
     * then rather than half of the time.
     */
    private void hotTrashRestore() {
        int h = pickHot();
        Task read = getHot(h);
        long v = read.version();
        if (!read.isTrashed()) {
            begin(Kind.HOT_TRASH);
            try {
                Task t = service.trash(actor, read.id(), v);
                figures.add(Kind.HOT_TRASH, Outcome.OK);
                check(t.version() == v + 1 && t.isTrashed(), "trash expecting v" + v + " answered " + t);
                hotEvents.get(h).add(new HotEvent(HotEvent.Change.TRASH, v + 1, OptionalLong.of(v), "", t, index));
                v = v + 1;
            } catch (VersionConflictException e) {
                conflict(Kind.HOT_TRASH, e, v);
                return;
            }
        }
        begin(Kind.HOT_RESTORE);
        try {
            Task t = service.restore(actor, read.id(), v);
            figures.add(Kind.HOT_RESTORE, Outcome.OK);
            check(t.version() == v + 1 && !t.isTrashed(), "restore expecting v" + v + " answered " + t);
            hotEvents.get(h).add(new HotEvent(HotEvent.Change.RESTORE, v + 1, OptionalLong.of(v), "", t, index));
        } catch (VersionConflictException e) {
            conflict(Kind.HOT_RESTORE, e, v);
        }
    }

    private void conflict(Kind kind, VersionConflictException e, long expected) {
        figures.add(kind, Outcome.VERSION_CONFLICT);
        // Hot tasks are never deleted, so their versions only grow: the conflict names a later one.
        check(e.expectedVersion() == expected && e.actualVersion() > expected,
                "a conflict expecting v" + expected + " named v" + e.expectedVersion() + " and v" + e.actualVersion());
    }

    /** {@code task_trashed} for a call that expected version {@code read.version()} is right only if it was trashed then. */
    private void trashedAt(Kind kind, Task read) {
        figures.add(kind, Outcome.TASK_TRASHED);
        check(read.isTrashed(), "task_trashed for a call expecting v" + read.version() + ", at which it was not trashed");
    }

    // ------------------------------------------------------------------ own tasks

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    /** A random own live task; a new one if there is none. */
    private OwnedTask ownLive() {
        List<OwnedTask> live = owned.stream().filter(t -> !t.trashed).toList();
        return live.isEmpty() ? create() : pick(live);
    }

    /** A random own trashed task; a live one trashed now if there is none. */
    private OwnedTask ownTrashed() {
        List<OwnedTask> trashed = owned.stream().filter(t -> t.trashed).toList();
        if (!trashed.isEmpty()) {
            return pick(trashed);
        }
        OwnedTask t = ownLive();
        ownTrash(t);
        return t;
    }

    /** A random own deleted task; one deleted now if there is none. */
    private OwnedTask ownDeleted() {
        if (!deleted.isEmpty()) {
            return pick(deleted);
        }
        OwnedTask t = owned.isEmpty() ? create() : pick(owned);
        ownDelete(t);
        return t;
    }

    private void ownUpdate(OwnedTask t) {
        String note = "n" + seq;
        String key = firstRound || random.nextBoolean() ? "own-update-" + owner + "-" + seq : null;
        seq++;
        WriteOptions options = WriteOptions.NONE.withIdempotencyKey(key);
        if (random.nextBoolean()) {
            // No one else touches this task: naming its version must never conflict.
            options = options.withExpectedVersion(t.version);
        }
        TaskPatch patch = TaskPatch.builder().metadata("note", note).build();
        begin(Kind.OWN_UPDATE);
        Written w = service.update(actor, t.id, patch, options);
        figures.add(Kind.OWN_UPDATE, w.replayed() ? Outcome.REPLAYED : Outcome.OK);
        check(!w.replayed() && w.task().version() == t.version + 1 && note.equals(w.task().metadata().get("note")),
                "an update of " + t + " answered " + w);
        t.version++;
        t.note = note;
        if (key != null && (firstRound || random.nextBoolean())) {
            begin(Kind.OWN_UPDATE_RETRY);
            Written again = service.update(actor, t.id, patch, options);
            figures.add(Kind.OWN_UPDATE_RETRY, again.replayed() ? Outcome.REPLAYED : Outcome.OK);
            check(again.replayed() && again.task().version() == t.version, "a retry with key " + key + " of " + t + " answered " + again);
        }
    }

    private void ownStatus(OwnedTask t) {
        TaskStatus next = pickStatus();
        boolean withVersion = random.nextBoolean();
        begin(Kind.OWN_STATUS);
        Task answer = withVersion ? service.changeStatus(actor, t.id, next, t.version) : service.changeStatus(actor, t.id, next);
        figures.add(Kind.OWN_STATUS, Outcome.OK);
        // The current status changes nothing and keeps the version.
        long expected = next == t.status ? t.version : t.version + 1;
        check(answer.status() == next && answer.version() == expected, "status " + next + " on " + t + " answered " + answer);
        t.status = next;
        t.version = expected;
    }

    private void ownTrash(OwnedTask t) {
        begin(Kind.OWN_TRASH);
        Task answer = random.nextBoolean() ? service.trash(actor, t.id, t.version) : service.trash(actor, t.id);
        figures.add(Kind.OWN_TRASH, Outcome.OK);
        check(answer.isTrashed() && answer.version() == t.version + 1, "trash of " + t + " answered " + answer);
        t.trashed = true;
        t.version++;
    }

    private void ownRestore(OwnedTask t) {
        begin(Kind.OWN_RESTORE);
        Task answer = random.nextBoolean() ? service.restore(actor, t.id, t.version) : service.restore(actor, t.id);
        figures.add(Kind.OWN_RESTORE, Outcome.OK);
        check(!answer.isTrashed() && answer.version() == t.version + 1, "restore of " + t + " answered " + answer);
        t.trashed = false;
        t.version++;
    }

    private void ownDelete(OwnedTask t) {
        begin(Kind.OWN_DELETE);
        if (random.nextBoolean()) {
            service.delete(actor, t.id, t.version);
        } else {
            service.delete(actor, t.id);
        }
        figures.add(Kind.OWN_DELETE, Outcome.OK);
        owned.remove(t);
        deleted.add(t);
    }

    /** A trashed task refuses updates and status changes with {@code task_trashed}, and stays as it was. */
    private void probeTrashed(OwnedTask t) {
        begin(Kind.PROBE_TRASHED);
        try {
            if (random.nextBoolean()) {
                service.update(actor, t.id, TaskPatch.builder().metadata("note", "never").build());
            } else {
                service.changeStatus(actor, t.id, pickStatusOtherThan(t.status));
            }
            figures.add(Kind.PROBE_TRASHED, Outcome.OK);
            throw new CheckFailure("a change of trashed " + t + " succeeded");
        } catch (TaskTrashedException e) {
            figures.add(Kind.PROBE_TRASHED, Outcome.TASK_TRASHED);
        }
    }

    /**
     * A deleted task is gone: not found by id, {@code not_found} to an update, and a retry of its
     * keyed create answers {@code not_found} (documented) rather than making it again.
     */
    private void probeDeleted() {
        OwnedTask t = ownDeleted();
        begin(Kind.PROBE_DELETED);
        boolean gone = service.find(actor, t.id).isEmpty();
        figures.add(Kind.PROBE_DELETED, gone ? Outcome.NOT_FOUND : Outcome.OK);
        check(gone, "deleted " + t + " is still found");
        begin(Kind.PROBE_DELETED);
        try {
            service.update(actor, t.id, TaskPatch.builder().metadata("note", "never").build());
            figures.add(Kind.PROBE_DELETED, Outcome.OK);
            throw new CheckFailure("an update of deleted " + t + " succeeded");
        } catch (TaskNotFoundException e) {
            figures.add(Kind.PROBE_DELETED, Outcome.NOT_FOUND);
        }
        if (t.key != null) {
            begin(Kind.PROBE_DELETED);
            try {
                Written w = service.create(actor, t.request, t.key);
                figures.add(Kind.PROBE_DELETED, w.replayed() ? Outcome.REPLAYED : Outcome.OK);
                throw new CheckFailure("a retry of key " + t.key + " after its task was deleted answered " + w);
            } catch (TaskNotFoundException e) {
                figures.add(Kind.PROBE_DELETED, Outcome.NOT_FOUND);
            }
        }
    }

    // ------------------------------------------------------------------ lists and counts

    private TaskFilter ownFilter(TrashFilter trash) {
        return TaskFilter.builder().metadata("owner", owner).trashed(trash).build();
    }

    /** Own live tasks cannot change during the walk (only this thread changes them): the walk is exact. */
    private void walkOwn() {
        List<Task> seen = walk(ownFilter(TrashFilter.EXCLUDE), OWN_PAGE_SIZES);
        if (seen == null) {
            return;
        }
        figures.add(Kind.WALK_OWN, Outcome.OK);
        Map<TaskId, OwnedTask> live = owned.stream().filter(t -> !t.trashed).collect(Collectors.toMap(t -> t.id, t -> t));
        check(seen.size() == live.size(), "a walk of own tasks saw " + seen.size() + " tasks, not " + live.size());
        for (Task t : seen) {
            OwnedTask mine = live.get(t.id());
            check(mine != null, "a walk of own live tasks saw " + t.id() + ", which is not one");
            check(t.version() == mine.version && t.status() == mine.status && !t.isTrashed()
                    && Objects.equals(t.metadata().get("note"), mine.note), "a walk saw " + t + " where " + mine + " was expected");
        }
    }

    /**
     * A walk over every live task of the tenant while the others write. Tasks created, trashed or
     * deleted meanwhile may or may not be in it, but none twice, in order, and every task that stayed
     * put throughout (this thread's own live tasks, racing-key tasks made before the walk) is in it.
     * At most two threads walk everything at once, so that long runs do not spend their time there.
     */
    private void walkAll() {
        if (!run.walkers.tryAcquire()) {
            walkOwn();
            return;
        }
        try {
            Set<TaskId> before = new HashSet<>(run.raceTasks);
            List<Task> seen = walk(TaskFilter.ALL, ALL_PAGE_SIZES);
            if (seen == null) {
                return;
            }
            figures.add(Kind.WALK_ALL, Outcome.OK);
            Set<TaskId> ids = seen.stream().map(Task::id).collect(Collectors.toSet());
            for (OwnedTask t : owned) {
                check(ids.contains(t.id) != t.trashed, "a walk of all live tasks " + (t.trashed ? "saw" : "missed") + " own " + t);
            }
            for (OwnedTask t : deleted) {
                check(!ids.contains(t.id), "a walk of all live tasks saw deleted " + t);
            }
            before.removeAll(ids);
            check(before.isEmpty(), "a walk of all live tasks missed racing-key tasks made before it: " + before);
        } finally {
            run.walkers.release();
        }
    }

    /**
     * Follows the cursor to the last page, checking that no task comes twice and that the order holds
     * across pages. Answers null if the run's deadline cut the walk (then it is not complete).
     */
    private List<Task> walk(TaskFilter filter, int[] pageSizes) {
        TaskSort sort = TaskSort.by(SortField.CREATED_AT, random.nextBoolean() ? SortDirection.ASC : SortDirection.DESC);
        TaskQuery query = TaskQuery.builder().filter(filter).sort(sort).limit(pageSizes[random.nextInt(pageSizes.length)]).build();
        List<Task> seen = new ArrayList<>();
        Set<TaskId> ids = new HashSet<>();
        TaskQuery next = query;
        while (true) {
            begin(Kind.LIST_PAGE);
            TaskPage page = service.list(actor, next);
            figures.add(Kind.LIST_PAGE, Outcome.OK);
            check(page.tasks().size() <= query.limit(), "a page of " + page.tasks().size() + " for limit " + query.limit());
            for (Task t : page.tasks()) {
                check(ids.add(t.id()), "a walk " + sort + " saw " + t.id() + " twice");
                if (!seen.isEmpty()) {
                    Task last = seen.get(seen.size() - 1);
                    check(inOrder(last, t, sort), "a walk " + sort + " saw " + last.id() + " then " + t.id());
                }
                seen.add(t);
            }
            if (page.nextCursor().isEmpty()) {
                return seen;
            }
            if (run.pastDeadline() && !firstRound) {
                walksCut++;
                return null;
            }
            next = query.after(page.nextCursor().get());
        }
    }

    private static boolean inOrder(Task a, Task b, TaskSort sort) {
        int c = a.createdAt().compareTo(b.createdAt());
        if (c == 0) {
            c = a.id().value().compareTo(b.id().value());
        }
        return sort.direction() == SortDirection.ASC ? c < 0 : c > 0;
    }

    private void countOwn() {
        long live = owned.stream().filter(t -> !t.trashed).count();
        long trashed = owned.size() - live;
        begin(Kind.COUNT);
        long liveCount = service.count(actor, ownFilter(TrashFilter.EXCLUDE));
        figures.add(Kind.COUNT, Outcome.OK);
        check(liveCount == live, "count of own live tasks " + liveCount + ", not " + live);
        begin(Kind.COUNT);
        long trashedCount = service.count(actor, ownFilter(TrashFilter.ONLY));
        figures.add(Kind.COUNT, Outcome.OK);
        check(trashedCount == trashed, "count of own trashed tasks " + trashedCount + ", not " + trashed);
    }

    // ------------------------------------------------------------------ helpers

    private TaskStatus pickStatus() {
        return STATUSES[random.nextInt(STATUSES.length)];
    }

    private TaskStatus pickStatusOtherThan(TaskStatus status) {
        TaskStatus s;
        do {
            s = pickStatus();
        } while (s == status);
        return s;
    }

    /** Names the call about to be made, so that an unexpected throwable is reported with it. */
    private void begin(Kind kind) {
        current = kind;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new CheckFailure(message);
        }
    }
}
