package dev.tasks.reliability.load;

import dev.tasks.api.Actor;
import dev.tasks.api.Scope;
import dev.tasks.api.TaskPage;
import dev.tasks.api.TaskService;
import dev.tasks.core.NewTask;
import dev.tasks.core.SortDirection;
import dev.tasks.core.SortField;
import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskQuery;
import dev.tasks.core.TaskSort;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.TrashFilter;
import dev.tasks.reliability.load.LoadFigures.Kind;
import dev.tasks.reliability.load.LoadFigures.Outcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load scenario, written once and run on every store: many threads share one {@link TaskService}
 * for a bounded time and number of actions, then the store, now quiet, is checked against what the
 * threads were told.
 *
 * <p>The world: a few <em>hot</em> tasks that every thread writes (read-modify-write of a counter with
 * the version read, updates without a version, updates racing on one idempotency key, status changes
 * and trash/restore with a version); tasks each thread <em>owns</em> (creates with and without keys,
 * updates, status changes, trash, restore, delete, probes of trashed and deleted ones) and that only it
 * changes, so it knows their exact state; bulk creates (with an invalid request now and then, refused
 * alone); creates racing on shared idempotency keys and on shared external ids; walks and counts.
 *
 * <p>The checks after the run:
 * <ul>
 *   <li>each hot task: the versions its acknowledged changes answered are distinct and are exactly
 *       2..final version (none claimed twice, none written unacknowledged); replaying those changes in
 *       version order from the created task gives, after each one, the task that call answered, and at
 *       the end the stored task (so the counter equals the acknowledged increments: no lost update);</li>
 *   <li>each shared create key: exactly one call wrote, every call got the same task, and exactly one
 *       task of the tenant carries the key's marker; each shared update key: exactly one call wrote;
 *       each racing external id: exactly one create made a task, and the external id finds it;</li>
 *   <li>each owned task is stored exactly as its owner's model says; each deleted one is gone;</li>
 *   <li>counts (all, live, trashed, completed) equal what the threads did: creates minus deletes;</li>
 *   <li>a final walk over everything, trash included, returns each expected task exactly once;</li>
 *   <li>no throwable escaped but the documented ones each action provokes on purpose.</li>
 * </ul>
 */
final class LoadScenario {

    /** Problems kept in full; beyond this, threads stop early (the run has failed anyway). */
    private static final int MAX_PROBLEMS = 20;

    /** Time the threads get beyond the deadline to finish their last action before the run counts as stuck. */
    private static final long GRACE_SECONDS = 120;

    final String storeName;
    final TaskService service;
    final LoadSettings settings;
    final Actor actor;
    final List<TaskId> hot = new ArrayList<>();
    final AtomicLong raceCreateSeq = new AtomicLong();
    final AtomicLong raceUpdateSeq = new AtomicLong();
    final AtomicLong externalSeq = new AtomicLong();
    /** Ids answered to shared-key creates: such tasks are never changed, so every later walk must see them. */
    final Set<TaskId> raceTasks = ConcurrentHashMap.newKeySet();
    final Semaphore walkers = new Semaphore(2);

    private final List<Task> hotCreated = new ArrayList<>();
    private final AtomicLong tickets = new AtomicLong();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    private final AtomicInteger problemCount = new AtomicInteger();
    private final CountDownLatch start = new CountDownLatch(1);
    private volatile long deadline;

    private LoadScenario(String storeName, TaskService service, LoadSettings settings) {
        this.storeName = storeName;
        this.service = service;
        this.settings = settings;
        // One principal for all threads: a shared key's fingerprint includes the principal, and racing
        // threads must send the very same request.
        this.actor = Actor.of("load-" + storeName, "mem_load", Scope.all());
    }

    /**
     * Runs the scenario on a service whose store holds nothing of tenant {@code load-<storeName>}.
     *
     * @return the figures and every problem found, during the run or after it
     */
    static LoadResult run(String storeName, TaskService service, LoadSettings settings) {
        return new LoadScenario(storeName, service, settings).run();
    }

    private LoadResult run() {
        for (int h = 0; h < settings.hotTasks(); h++) {
            Task t = service.create(actor, NewTask.builder("hot " + h).metadata("counter", "0").build());
            hotCreated.add(t);
            hot.add(t.id());
        }
        List<LoadWorker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < settings.threads(); i++) {
            LoadWorker w = new LoadWorker(this, i);
            workers.add(w);
            Thread thread = new Thread(w, "load-" + storeName + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        long began = System.nanoTime();
        deadline = began + settings.duration().toNanos();
        start.countDown();
        long joinBy = deadline + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(joinBy - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the load threads", e);
            }
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        List<String> stuck = new ArrayList<>();
        for (Thread t : threads) {
            if (t.isAlive()) {
                StringBuilder trace = new StringBuilder(t.getName() + " still running " + GRACE_SECONDS + " s after the deadline:");
                for (StackTraceElement e : t.getStackTrace()) {
                    trace.append("\n    at ").append(e);
                }
                stuck.add(trace.toString());
            }
        }
        if (!stuck.isEmpty()) {
            // Checking a store that threads still write to would only add noise to a clear failure.
            problems.addAll(stuck);
            return new LoadResult(storeName, settings, seconds, sum(workers), List.copyOf(problems), "(threads stuck: not checked)");
        }
        String summary = verify(workers);
        return new LoadResult(storeName, settings, seconds, sum(workers), List.copyOf(problems), summary);
    }

    private static LoadFigures sum(List<LoadWorker> workers) {
        LoadFigures all = new LoadFigures();
        workers.forEach(w -> all.addAll(w.figures));
        return all;
    }

    // ------------------------------------------------------------------ used by the workers

    void awaitStart() {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Takes one action from the budget; false once the time (except in a thread's first round) or the
     * count is spent, or the run has failed.
     */
    boolean takeTicket(boolean firstRound) {
        return problemCount.get() < MAX_PROBLEMS && (firstRound || !pastDeadline()) && tickets.getAndIncrement() < settings.operations();
    }

    boolean pastDeadline() {
        return System.nanoTime() - deadline >= 0;
    }

    void problem(String message) {
        if (problemCount.incrementAndGet() <= MAX_PROBLEMS) {
            problems.add(message);
        }
    }

    void unexpected(String where, Throwable t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        problem("unexpected throwable in " + where + ": " + trace);
    }

    // ------------------------------------------------------------------ after the run

    private String verify(List<LoadWorker> workers) {
        StringBuilder summary = new StringBuilder();
        long hotTrashed = 0;
        Map<TaskStatus, Long> expectedStatuses = new EnumMap<>(TaskStatus.class);
        Map<TaskId, Boolean> expected = new HashMap<>(); // every task that must exist → whether trashed

        // One walk over everything, trash included, read once and used by the checks below: each expected
        // task exactly once, nothing else, as its model says, and one task per idempotency-key marker.
        Map<TaskId, Task> walked = new LinkedHashMap<>();
        Map<String, Integer> markers = new TreeMap<>();
        TaskQuery query = TaskQuery.builder().filter(TaskFilter.builder().trashed(TrashFilter.INCLUDE).build())
                .sort(TaskSort.by(SortField.CREATED_AT, SortDirection.ASC)).limit(100).build();
        TaskQuery page = query;
        while (page != null) {
            TaskPage p = service.list(actor, page);
            int before = walked.size();
            for (Task t : p.tasks()) {
                if (walked.put(t.id(), t) != null) {
                    problem("the final walk saw " + t.id() + " twice");
                }
                String marker = t.metadata().get("ikey");
                if (marker != null) {
                    markers.merge(marker, 1, Integer::sum);
                }
            }
            if (p.nextCursor().isPresent() && walked.size() == before) {
                problem("the final walk stopped advancing: a page with a next cursor brought no new task");
                break;
            }
            page = p.nextCursor().map(query::after).orElse(null);
        }

        // Hot tasks: versions consecutive, no lost update, every answer explained.
        for (int h = 0; h < hot.size(); h++) {
            List<HotEvent> events = new ArrayList<>();
            for (LoadWorker w : workers) {
                events.addAll(w.hotEvents.get(h));
            }
            Task last = service.get(actor, hot.get(h));
            HotModel model = checkHotTask(h, hotCreated.get(h), events, last);
            hotTrashed += model.trashed ? 1 : 0;
            if (!model.trashed) {
                expectedStatuses.merge(model.status, 1L, Long::sum);
            }
            expected.put(last.id(), last.isTrashed());
            summary.append(String.format(Locale.ROOT, "hot %d: v%d, counter %s after %d acknowledged changes (%d increments)%n",
                    h, last.version(), last.metadata().get("counter"), events.size(),
                    events.stream().filter(e -> e.change() == HotEvent.Change.INCREMENT).count()));
        }

        // Shared create keys: one writer, one task, one marker.
        Map<String, List<RaceOutcome>> byKey = group(workers, true);
        long overlapping = 0;
        for (Map.Entry<String, List<RaceOutcome>> e : byKey.entrySet()) {
            List<RaceOutcome> outcomes = e.getValue();
            long writers = outcomes.stream().filter(o -> !o.replayed()).count();
            Set<TaskId> ids = new HashSet<>();
            outcomes.forEach(o -> ids.add(o.taskId()));
            if (writers != 1 || ids.size() != 1) {
                problem("shared create key " + e.getKey() + ": " + writers + " calls wrote and " + ids.size()
                        + " tasks were answered (exactly one each expected): " + outcomes);
                continue;
            }
            long marked = service.count(actor, TaskFilter.builder().metadata("ikey", e.getKey()).trashed(TrashFilter.INCLUDE).build());
            if (marked != 1) {
                problem("shared create key " + e.getKey() + ": " + marked + " tasks carry its marker, not 1");
            }
            expected.put(ids.iterator().next(), false);
            expectedStatuses.merge(TaskStatus.OPEN, 1L, Long::sum);
            overlapping += overlapped(outcomes) ? 1 : 0;
        }
        long createKeys = byKey.size();
        long createReplays = byKey.values().stream().flatMap(List::stream).filter(RaceOutcome::replayed).count();

        // Shared update keys: at most one writer, and a replay only of a write that happened.
        Map<String, List<RaceOutcome>> byUpdateKey = group(workers, false);
        long updateOverlapping = 0;
        for (Map.Entry<String, List<RaceOutcome>> e : byUpdateKey.entrySet()) {
            long writers = e.getValue().stream().filter(o -> !o.replayed()).count();
            if (writers != 1) {
                problem("shared update key " + e.getKey() + ": " + writers + " calls wrote (exactly one expected, since "
                        + e.getValue().size() + " succeeded): " + e.getValue());
            }
            updateOverlapping += overlapped(e.getValue()) ? 1 : 0;
        }
        long updateReplays = byUpdateKey.values().stream().flatMap(List::stream).filter(RaceOutcome::replayed).count();

        // Racing external ids: exactly one create made the task, the others were refused, and the
        // external id finds that task.
        Map<String, List<ExternalIdOutcome>> byExternalId = new TreeMap<>();
        workers.forEach(w -> w.externalIds.forEach(o -> byExternalId.computeIfAbsent(o.externalId(), k -> new ArrayList<>()).add(o)));
        long externalConflicts = 0;
        for (Map.Entry<String, List<ExternalIdOutcome>> e : byExternalId.entrySet()) {
            List<TaskId> made = e.getValue().stream().map(ExternalIdOutcome::taskId).filter(Objects::nonNull).toList();
            externalConflicts += e.getValue().size() - made.size();
            if (made.size() != 1) {
                problem("external id " + e.getKey() + ": " + made.size() + " creates made a task (exactly one expected): " + e.getValue());
                continue;
            }
            Optional<Task> found = service.findByExternalId(actor, e.getKey());
            if (found.isEmpty() || !found.get().id().equals(made.get(0))) {
                problem("external id " + e.getKey() + " finds " + found.map(Task::id) + ", not " + made.get(0));
            }
            expected.put(made.get(0), false);
            expectedStatuses.merge(TaskStatus.OPEN, 1L, Long::sum);
        }

        // Owned tasks: exactly as their owners know them; deleted ones gone.
        long created = hot.size();
        long deletedCount = 0;
        long ownTrashed = 0;
        Map<String, Integer> ownKeys = new HashMap<>();
        for (LoadWorker w : workers) {
            created += w.created;
            deletedCount += w.deleted.size();
            for (OwnedTask t : w.owned) {
                Task s = walked.get(t.id);
                if (s == null) {
                    problem("thread " + w.index + "'s " + t + " is missing");
                    continue;
                }
                if (s.version() != t.version || s.status() != t.status || s.isTrashed() != t.trashed
                        || !w.owner.equals(s.metadata().get("owner")) || !Objects.equals(s.metadata().get("note"), t.note)) {
                    problem("thread " + w.index + "'s " + t + " is stored as " + s);
                }
                expected.put(t.id, t.trashed);
                if (t.trashed) {
                    ownTrashed++;
                } else {
                    expectedStatuses.merge(t.status, 1L, Long::sum);
                }
                if (t.key != null) {
                    ownKeys.put(t.key, 1);
                }
            }
            for (OwnedTask t : w.deleted) {
                if (walked.containsKey(t.id)) {
                    problem("thread " + w.index + "'s deleted " + t + " is still there");
                }
                if (t.key != null) {
                    ownKeys.put(t.key, 0);
                }
            }
        }

        // Counts: what the threads did.
        long all = service.count(actor, TaskFilter.builder().trashed(TrashFilter.INCLUDE).build());
        long live = service.count(actor, TaskFilter.ALL);
        long trashed = service.count(actor, TaskFilter.builder().trashed(TrashFilter.ONLY).build());
        expectCount("all tasks (created " + created + " − deleted " + deletedCount + ")", all, created - deletedCount);
        expectCount("trashed tasks", trashed, hotTrashed + ownTrashed);
        expectCount("live tasks", live, created - deletedCount - hotTrashed - ownTrashed);
        expectCount("tasks the run expects to exist", expected.size(), created - deletedCount);
        for (TaskStatus s : TaskStatus.values()) {
            long counted = service.count(actor, TaskFilter.builder().statuses(s).build());
            expectCount("live " + s + " tasks", counted, expectedStatuses.getOrDefault(s, 0L));
        }

        Set<TaskId> missing = new HashSet<>(expected.keySet());
        missing.removeAll(walked.keySet());
        Set<TaskId> extra = new HashSet<>(walked.keySet());
        extra.removeAll(expected.keySet());
        if (!missing.isEmpty() || !extra.isEmpty()) {
            problem("the final walk missed " + missing + " and saw unexpected " + extra);
        }
        walked.forEach((id, t) -> {
            Boolean trashedThere = expected.get(id);
            if (trashedThere != null && trashedThere != t.isTrashed()) {
                problem("the final walk saw " + t + " with trash " + t.isTrashed());
            }
        });
        for (String key : byKey.keySet()) {
            ownKeys.put(key, 1);
        }
        ownKeys.forEach((key, n) -> {
            if (markers.getOrDefault(key, 0).intValue() != n) {
                problem("idempotency key " + key + ": " + markers.getOrDefault(key, 0) + " tasks carry its marker, not " + n);
            }
        });
        markers.keySet().stream().filter(k -> !ownKeys.containsKey(k)).forEach(k -> problem("a task carries the marker of unused key " + k));

        // The scenario must have done what it claims, or the checks above prove little.
        LoadFigures figures = sum(workers);
        for (Kind k : Kind.values()) {
            if (figures.calls(k) == 0) {
                problem("no call of kind '" + k.label + "' was made: the run is too small to prove anything");
            }
        }
        if (figures.get(Kind.HOT_INCREMENT, Outcome.VERSION_CONFLICT) + figures.get(Kind.HOT_STATUS, Outcome.VERSION_CONFLICT)
                + figures.get(Kind.HOT_TRASH, Outcome.VERSION_CONFLICT) + figures.get(Kind.HOT_RESTORE, Outcome.VERSION_CONFLICT) == 0) {
            problem("no write with an expected version met a version conflict: the threads did not race");
        }
        if (createReplays == 0 || updateReplays == 0) {
            problem("no call with a shared key was answered as a replay");
        }
        if (externalConflicts == 0) {
            problem("no create met external_id_conflict: no two creates shared an external id");
        }

        summary.append(String.format(Locale.ROOT,
                "shared create keys: %d, replays %d, keys whose calls overlapped in time %d%n"
                        + "shared update keys: %d (that succeeded), replays %d, overlapping %d%n"
                        + "racing external ids: %d, creates refused with external_id_conflict %d%n"
                        + "tasks at the end: %d (%d live, %d trashed); created %d, deleted %d; walks cut by the deadline %d%n",
                createKeys, createReplays, overlapping, byUpdateKey.size(), updateReplays, updateOverlapping,
                byExternalId.size(), externalConflicts,
                all, live, trashed, created, deletedCount, workers.stream().mapToLong(w -> w.walksCut).sum()));
        return summary.toString();
    }

    private void expectCount(String what, long counted, long expectedCount) {
        if (counted != expectedCount) {
            problem("count of " + what + ": " + counted + ", expected " + expectedCount);
        }
    }

    private static Map<String, List<RaceOutcome>> group(List<LoadWorker> workers, boolean creates) {
        Map<String, List<RaceOutcome>> byKey = new TreeMap<>();
        for (LoadWorker w : workers) {
            for (RaceOutcome o : creates ? w.raceCreates : w.raceUpdates) {
                byKey.computeIfAbsent(o.key(), k -> new ArrayList<>()).add(o);
            }
        }
        return byKey;
    }

    /** Whether two of the key's calls were under way at the same moment: a real race, not a retry. */
    private static boolean overlapped(List<RaceOutcome> outcomes) {
        List<RaceOutcome> sorted = new ArrayList<>(outcomes);
        sorted.sort(Comparator.comparingLong(RaceOutcome::startNanos));
        long end = Long.MIN_VALUE;
        for (RaceOutcome o : sorted) {
            if (end != Long.MIN_VALUE && o.startNanos() - end < 0) {
                return true;
            }
            end = end == Long.MIN_VALUE || o.endNanos() - end > 0 ? o.endNanos() : end;
        }
        return false;
    }

    /** The state of a hot task rebuilt from acknowledged changes alone. */
    private static final class HotModel {
        long version;
        final Map<String, String> metadata;
        TaskStatus status;
        boolean trashed;

        HotModel(Task created) {
            version = created.version();
            metadata = new TreeMap<>(created.metadata());
            status = created.status();
            trashed = created.isTrashed();
        }

        boolean matches(Task t) {
            return t.version() == version && t.metadata().equals(metadata) && t.status() == status && t.isTrashed() == trashed;
        }

        @Override
        public String toString() {
            return "v" + version + " " + status + (trashed ? " trashed " : " ") + metadata;
        }
    }

    private HotModel checkHotTask(int h, Task createdTask, List<HotEvent> events, Task last) {
        String name = "hot task " + h + " (" + last.id().value() + ")";
        HotModel model = new HotModel(createdTask);
        events.sort(Comparator.comparingLong(HotEvent::version));
        // Versions: each acknowledged change claimed its own, and together they are 2..final.
        TreeMap<Long, List<HotEvent>> byVersion = new TreeMap<>();
        events.forEach(e -> byVersion.computeIfAbsent(e.version(), v -> new ArrayList<>()).add(e));
        byVersion.forEach((v, es) -> {
            if (es.size() > 1) {
                problem(name + ": version " + v + " was answered to " + es.size() + " changes: " + es);
            }
        });
        List<Long> unacknowledged = new ArrayList<>();
        for (long v = 2; v <= last.version(); v++) {
            if (!byVersion.containsKey(v)) {
                unacknowledged.add(v);
            }
        }
        if (!unacknowledged.isEmpty()) {
            problem(name + ": versions " + abbreviate(unacknowledged) + " exist but no call acknowledged them (final v"
                    + last.version() + ", " + events.size() + " acknowledged changes)");
        }
        if (!byVersion.isEmpty() && byVersion.lastKey() > last.version()) {
            problem(name + ": a change acknowledged v" + byVersion.lastKey()
                    + " but the task is at v" + last.version());
        }
        // Replay in version order: each change must meet the state its caller saw, and produce its answer.
        int reported = 0;
        for (HotEvent e : events) {
            String why = apply(model, e);
            if (why == null && !model.matches(e.returned())) {
                why = "answered " + e.returned() + " but the acknowledged changes before it make " + model;
            }
            if (why != null) {
                problem(name + ", change " + e.change() + " at v" + e.version() + " by thread " + e.thread() + ": " + why);
                if (++reported >= 3) {
                    break; // the rest follows from the first ones
                }
                model = new HotModel(e.returned()); // go on from what the store answered
            }
        }
        if (reported == 0 && !model.matches(last)) {
            problem(name + ": stored as " + last + " but its acknowledged changes make " + model);
        }
        return model;
    }

    /** Applies one change to the model; answers why it could not have happened, or null. */
    private static String apply(HotModel model, HotEvent e) {
        if (e.version() != model.version + 1) {
            return "it claims v" + e.version() + " right after v" + model.version;
        }
        if (e.expectedVersion().isPresent() && e.expectedVersion().getAsLong() != model.version) {
            return "it expected v" + e.expectedVersion().getAsLong() + " but came after v" + model.version;
        }
        switch (e.change()) {
            case INCREMENT -> {
                if (model.trashed) {
                    return "it changed a trashed task";
                }
                if (!e.value().equals(model.metadata.get("counter"))) {
                    // The caller read counter n at the version it named: anything else is a lost update.
                    return "it read counter " + e.value() + " but the counter was " + model.metadata.get("counter");
                }
                model.metadata.put("counter", Long.toString(Long.parseLong(e.value()) + 1));
            }
            case BLIND -> {
                if (model.trashed) {
                    return "it changed a trashed task";
                }
                model.metadata.put("blind", e.value());
            }
            case KEYED -> {
                if (model.trashed) {
                    return "it changed a trashed task";
                }
                model.metadata.put("keyed", e.value());
            }
            case STATUS -> {
                if (model.trashed) {
                    return "it changed a trashed task";
                }
                model.status = TaskStatus.valueOf(e.value());
            }
            case TRASH -> {
                if (model.trashed) {
                    return "it trashed a trashed task";
                }
                model.trashed = true;
            }
            case RESTORE -> {
                if (!model.trashed) {
                    return "it restored a task not in the trash";
                }
                model.trashed = false;
            }
        }
        model.version = e.version();
        return null;
    }

    private static String abbreviate(List<Long> values) {
        return values.size() <= 20 ? values.toString() : values.subList(0, 20) + " and " + (values.size() - 20) + " more";
    }
}
