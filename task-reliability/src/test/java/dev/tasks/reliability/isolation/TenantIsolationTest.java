package dev.tasks.reliability.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;

import dev.tasks.api.Actor;
import dev.tasks.api.BulkCreateResult;
import dev.tasks.api.ErrorCode;
import dev.tasks.api.TaskException;
import dev.tasks.api.TaskPage;
import dev.tasks.api.TaskService;
import dev.tasks.api.WriteOptions;
import dev.tasks.api.Written;
import dev.tasks.core.NewTask;
import dev.tasks.api.Scope;
import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.TaskQuery;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.TrashFilter;
import dev.tasks.core.store.TaskStore;
import dev.tasks.core.validation.ViolationCode;
import dev.tasks.reliability.hostile.ClientErrors;
import dev.tasks.reliability.hostile.HostileSettings;
import dev.tasks.reliability.hostile.Stores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Item 4 of the reliability issue: no sequence of operations by tenant A ever reads, counts, lists,
 * changes or reveals tenant B's tasks, on every store.
 *
 * <p>Each example gives two fresh tenants of one store the same external ids, the same idempotency keys,
 * the same metadata and the same assignees; B's tasks also hold secrets (in titles, descriptions and
 * metadata values) that A never sends. Then A runs a generated sequence of operations aimed at B's tasks
 * (by id, by external id, through B's idempotency keys, through B's cursors) and at its own. After each
 * one: every task A gets back is A's; every count and list is what A's own tasks give
 * ({@link TaskFilter#matches}); an operation on B's id fails exactly as it does on an id that never
 * existed; no message carries B's secrets; and at the end B's tasks are exactly as they were, read through
 * the store itself.
 */
class TenantIsolationTest {

    /**
     * Examples per store ({@code tasks.isolation.sequences}, see {@link HostileSettings}); each is one pair
     * of tenants and {@value #STEPS} operations by A.
     */
    private static final int EXAMPLES_SQL = HostileSettings.sequences();
    private static final int EXAMPLES_MEMORY = 4 * EXAMPLES_SQL;
    private static final int STEPS = 30;

    private static final List<String> SHARED_EXTERNAL_IDS = List.of("EXT-1", "EXT-2", "ext-1");
    private static final List<String> SHARED_KEYS = List.of("key-1", "key-2", "order-42");
    private static final List<String> SHARED_ASSIGNEES = List.of("mem_1", "mem_2");
    private static final TaskId NEVER_EXISTED = new TaskId("task_zzzzzzzzzzzzzzzz");

    @TempDir
    static Path directory;

    private static final AtomicInteger TENANTS = new AtomicInteger();
    private static final AtomicInteger OPERATIONS = new AtomicInteger();

    @BeforeAll
    static void reset() {
        OPERATIONS.set(0);
    }

    @AfterAll
    static void figures() {
        System.out.println("tenant isolation: " + TENANTS.get() / 2 + " pairs of tenants, " + OPERATIONS.get()
                + " operations by tenant A aimed at tenant B, B unchanged after each pair");
    }

    @Test
    void memoryStore() {
        check(Stores.Kind.MEMORY, EXAMPLES_MEMORY);
    }

    @Test
    void sqliteStore() {
        check(Stores.Kind.SQLITE, EXAMPLES_SQL);
    }

    @Test
    void postgresqlStore() {
        check(Stores.Kind.POSTGRESQL, EXAMPLES_SQL);
    }

    /** One operation by A, chosen by the generator; {@code target} picks among B's or A's tasks. */
    enum Op {
        GET_B, FIND_B, FIND_EXTERNAL_ID, UPDATE_B, UPDATE_B_KEYED, STATUS_B, TRASH_B, RESTORE_B, DELETE_B,
        CREATE_KEYED, CREATE_EXTERNAL_ID, CREATE_ALL, UPDATE_OWN_KEYED, TRASH_OWN, LIST, LIST_B_CURSOR, COUNT
    }

    record Step(Op op, int target, int shared, int filter) {
        @Override
        public String toString() {
            return op + "(target " + target + ", shared " + shared + ", filter " + filter + ")";
        }
    }

    private static void check(Stores.Kind kind, int examples) {
        TaskStore store = Stores.open(kind, "isolation_" + kind.name().toLowerCase(java.util.Locale.ROOT), directory);
        try {
            TaskService service = TaskService.builder(store).clock(Stores.tickingClock()).build();
            Gen<Step> steps = in -> new Step(Generate.enumValues(Op.class).generate(in), Generate.range(0, 50).generate(in),
                    Generate.range(0, 2).generate(in), Generate.range(0, 5).generate(in));
            Gen<List<Step>> sequences = in -> {
                List<Step> list = new ArrayList<>();
                for (int i = 0; i < STEPS; i++) {
                    list.add(steps.generate(in));
                }
                return list;
            };
            qt().withExamples(examples).withShrinkCycles(20).forAll(sequences).checkAssert(seq -> new Pair(store, service).run(seq));
        } finally {
            Stores.close(store);
        }
    }

    /** Two fresh tenants of one store. */
    private static final class Pair {
        private final TaskStore store;
        private final TaskService service;
        private final Actor a;
        private final Actor b;
        private final String secret;
        private final List<Task> bTasks = new ArrayList<>();
        private final List<NewTask> bRequests = new ArrayList<>();
        private final TaskPatch bUpdate;
        /** A's model: each create key with its request, each update key with its task. */
        private final Map<String, NewTask> aCreateKeys = new java.util.HashMap<>();
        private final Map<String, TaskId> aUpdateKeys = new java.util.HashMap<>();
        private String lastKey;
        private String lastExternalId;
        private boolean lastOwnTrashed;
        /** Every string A may send (B's ids among them: A aims at them), and B's data A must never see. */
        private final List<String> vocabulary = new ArrayList<>();
        private final List<String> secrets = new ArrayList<>();
        private final List<String> bCursors = new ArrayList<>();

        Pair(TaskStore store, TaskService service) {
            this.store = store;
            this.service = service;
            int n = TENANTS.addAndGet(2);
            // Tenant ids that differ by one character and share a prefix: a store that matched on a prefix
            // or ignored case would mix them up.
            this.a = Actor.of("iso-" + n + "-a", "mem_1", Scope.all());
            this.b = Actor.of("iso-" + n + "-A", "mem_1", Scope.all());
            this.secret = "secret-of-b-" + n;
            for (int i = 0; i < 6; i++) {
                NewTask.Builder t = NewTask.builder(secret + " title " + i).description(secret + " description")
                        .assignee(SHARED_ASSIGNEES.get(i % 2)).metadata("region", "north").metadata("owner", secret);
                if (i < SHARED_EXTERNAL_IDS.size()) {
                    t.externalId(SHARED_EXTERNAL_IDS.get(i));
                }
                NewTask request = t.build();
                Task task = i < SHARED_KEYS.size() ? service.create(b, request, SHARED_KEYS.get(i)).task() : service.create(b, request);
                bTasks.add(task);
                bRequests.add(request);
            }
            service.trash(b, bTasks.get(5).id());
            this.bUpdate = TaskPatch.builder().title(secret + " updated").build();
            service.update(b, bTasks.get(0).id(), bUpdate, WriteOptions.idempotencyKey(SHARED_KEYS.get(0)));
            bTasks.forEach(t -> vocabulary.add(t.id().value()));
            vocabulary.addAll(SHARED_KEYS);
            vocabulary.addAll(SHARED_EXTERNAL_IDS);
            vocabulary.addAll(SHARED_ASSIGNEES);
            vocabulary.addAll(List.of(NEVER_EXISTED.value(), "taken", "a's task", "region", "north", "title", "task"));
            secrets.addAll(List.of(secret));
            TaskPage first = service.list(b, TaskQuery.builder().limit(2).build());
            bCursors.add(first.nextCursor().orElseThrow());
            TaskPage filtered = service.list(b, TaskQuery.builder().limit(1).filter(TaskFilter.builder().assignee("mem_1").build()).build());
            bCursors.add(filtered.nextCursor().orElseThrow());
        }

        void run(List<Step> steps) {
            Map<TaskId, Task> bBefore = Stores.snapshot(store, b.tenantId());
            for (Step step : steps) {
                OPERATIONS.incrementAndGet();
                Object result;
                try {
                    result = apply(step);
                } catch (TaskException e) {
                    // Only the errors A's own history explains: an equal key or external id in B is never one.
                    String why = explained(step, e);
                    assertThat(why).as("%s: %s is not explained by A's own keys and tasks", step, e).isNotNull();
                    ClientErrors.check(e, vocabulary, secrets);
                    result = e;
                }
                checkOnlyA(step, result);
            }
            assertThat(Stores.snapshot(store, b.tenantId())).as("B's tasks after A's operations").isEqualTo(bBefore);
            // B's idempotency records are as B left them: each create key replays B's task, the update key B's update.
            for (int i = 0; i < SHARED_KEYS.size(); i++) {
                Written replay = service.create(b, bRequests.get(i), SHARED_KEYS.get(i));
                assertThat(replay.replayed()).as("B's create key %s replays", SHARED_KEYS.get(i)).isTrue();
                assertThat(replay.task().id()).isEqualTo(bTasks.get(i).id());
            }
            Written updateReplay = service.update(b, bTasks.get(0).id(), bUpdate, WriteOptions.idempotencyKey(SHARED_KEYS.get(0)));
            assertThat(updateReplay.replayed()).as("B's update key replays").isTrue();
        }

        /**
         * Why A may get this error, from what A itself did before; null if nothing A did explains it
         * (an error caused by B's keys or external ids, which A must never meet).
         */
        private String explained(Step step, TaskException e) {
            return switch (e.code()) {
                case IDEMPOTENCY_KEY_REUSED -> (step.op() == Op.CREATE_KEYED && aCreateKeys.containsKey(lastKey))
                        || (step.op() == Op.UPDATE_OWN_KEYED && aUpdateKeys.containsKey(lastKey)) ? "A used the key before" : null;
                case EXTERNAL_ID_CONFLICT -> step.op() == Op.CREATE_EXTERNAL_ID && aExternalIds().contains(lastExternalId)
                        ? "A has a task with the external id" : null;
                case TASK_TRASHED -> (step.op() == Op.UPDATE_OWN_KEYED || step.op() == Op.TRASH_OWN) && lastOwnTrashed
                        ? "A's own task is in the trash" : null;
                default -> null;
            };
        }

        private java.util.Set<String> aExternalIds() {
            java.util.Set<String> ids = new java.util.HashSet<>();
            Stores.snapshot(store, a.tenantId()).values().forEach(t -> t.externalId().ifPresent(ids::add));
            return ids;
        }

        private Object apply(Step step) {
            Task bTask = bTasks.get(step.target() % bTasks.size());
            String shared = step.shared() < SHARED_KEYS.size() ? SHARED_KEYS.get(step.shared()) : SHARED_KEYS.get(0);
            String externalId = SHARED_EXTERNAL_IDS.get(step.shared() % SHARED_EXTERNAL_IDS.size());
            return switch (step.op()) {
                case GET_B -> sameAsNeverExisted(step, () -> service.get(a, bTask.id()), () -> service.get(a, NEVER_EXISTED), bTask.id());
                case FIND_B -> {
                    assertThat(service.find(a, bTask.id())).as("%s", step).isEmpty();
                    yield Optional.empty();
                }
                case FIND_EXTERNAL_ID -> service.findByExternalId(a, externalId);
                case UPDATE_B -> sameAsNeverExisted(step, () -> service.update(a, bTask.id(), TaskPatch.builder().title("taken").build()),
                        () -> service.update(a, NEVER_EXISTED, TaskPatch.builder().title("taken").build()), bTask.id());
                case UPDATE_B_KEYED -> sameAsNeverExisted(step, aUpdateKeys.containsKey(shared) ? ErrorCode.IDEMPOTENCY_KEY_REUSED : ErrorCode.NOT_FOUND,
                        () -> service.update(a, bTask.id(), TaskPatch.builder().title("taken").build(), WriteOptions.idempotencyKey(shared)),
                        () -> service.update(a, NEVER_EXISTED, TaskPatch.builder().title("taken").build(), WriteOptions.idempotencyKey(shared)),
                        bTask.id());
                case STATUS_B -> sameAsNeverExisted(step, () -> service.changeStatus(a, bTask.id(), TaskStatus.COMPLETE),
                        () -> service.changeStatus(a, NEVER_EXISTED, TaskStatus.COMPLETE), bTask.id());
                case TRASH_B -> sameAsNeverExisted(step, () -> service.trash(a, bTask.id()), () -> service.trash(a, NEVER_EXISTED), bTask.id());
                case RESTORE_B -> sameAsNeverExisted(step, () -> service.restore(a, bTask.id()), () -> service.restore(a, NEVER_EXISTED),
                        bTask.id());
                case DELETE_B -> sameAsNeverExisted(step, () -> {
                    service.delete(a, bTask.id(), bTask.version());
                    return null;
                }, () -> {
                    service.delete(a, NEVER_EXISTED, bTask.version());
                    return null;
                }, bTask.id());
                case CREATE_KEYED -> {
                    NewTask request = NewTask.builder("a's task").assignee(SHARED_ASSIGNEES.get(step.shared() % 2))
                            .metadata("region", "north").build();
                    lastKey = shared;
                    Written w = service.create(a, request, shared);
                    assertThat(bTasks).as("%s: an equal key in B replays nothing of B", step).extracting(Task::id)
                            .doesNotContain(w.task().id());
                    // A replay only of A's own earlier create with this very request; the first use writes.
                    assertThat(w.replayed()).as("%s: replayed", step).isEqualTo(request.equals(aCreateKeys.get(shared)));
                    aCreateKeys.putIfAbsent(shared, request);
                    yield w.task();
                }
                case CREATE_EXTERNAL_ID -> {
                    lastExternalId = externalId;
                    yield service.create(a, NewTask.builder("a's task with " + externalId).externalId(externalId).build());
                }
                case CREATE_ALL -> {
                    boolean aHasIt = aExternalIds().contains(externalId);
                    BulkCreateResult r = service.createAll(a, List.of(NewTask.builder("bulk 1").externalId(externalId).build(),
                            NewTask.titled("bulk 2")));
                    // The external id clashes only with A's own task, never with B's equal one.
                    assertThat(r.refused().keySet()).as("%s: refused", step).isEqualTo(aHasIt ? java.util.Set.of(0) : java.util.Set.of());
                    r.refused().values().forEach(e -> {
                        assertThat(e.code()).as("%s", step).isEqualTo(ErrorCode.EXTERNAL_ID_CONFLICT);
                        ClientErrors.check(e, vocabulary, secrets);
                    });
                    yield r.created();
                }
                case UPDATE_OWN_KEYED -> {
                    List<Task> own = aTasks();
                    if (own.isEmpty()) {
                        yield List.of();
                    }
                    Task target = own.get(step.target() % own.size());
                    lastKey = shared;
                    lastOwnTrashed = target.trashedAt().isPresent();
                    Written w = service.update(a, target.id(), TaskPatch.builder().status(TaskStatus.IN_PROGRESS).build(),
                            WriteOptions.idempotencyKey(shared));
                    assertThat(w.replayed()).as("%s: replayed", step).isEqualTo(target.id().equals(aUpdateKeys.get(shared)));
                    aUpdateKeys.putIfAbsent(shared, target.id());
                    yield w.task();
                }
                case TRASH_OWN -> {
                    List<Task> own = aTasks();
                    if (own.isEmpty()) {
                        yield List.of();
                    }
                    Task target = own.get(step.target() % own.size());
                    lastOwnTrashed = target.trashedAt().isPresent();
                    yield service.trash(a, target.id());
                }
                case LIST -> {
                    TaskFilter filter = filter(step.filter(), externalId);
                    List<Task> all = new ArrayList<>();
                    TaskPage page = service.list(a, TaskQuery.builder().filter(filter).limit(2).build());
                    all.addAll(page.tasks());
                    while (page.nextCursor().isPresent()) {
                        page = service.list(a, TaskQuery.builder().filter(filter).limit(2).cursor(page.nextCursor().get()).build());
                        all.addAll(page.tasks());
                    }
                    assertThat(all).as("%s: the walk is A's tasks that match", step).extracting(Task::id)
                            .containsExactlyInAnyOrderElementsOf(expected(filter));
                    yield all;
                }
                case LIST_B_CURSOR -> {
                    String cursor = bCursors.get(step.shared() % bCursors.size());
                    TaskFilter filter = step.shared() % 2 == 0 ? TaskFilter.ALL : TaskFilter.builder().assignee("mem_1").build();
                    Throwable e = catchThrowable(() -> service.list(a, TaskQuery.builder().filter(filter).limit(2).cursor(cursor).build()));
                    assertThat(e).as("%s: B's cursor is refused to A", step).isInstanceOfSatisfying(TaskException.class,
                            te -> assertThat(te.violations()).extracting(v -> v.code()).containsExactly(ViolationCode.INVALID_CURSOR));
                    yield e;
                }
                case COUNT -> {
                    TaskFilter filter = filter(step.filter(), externalId);
                    long count = service.count(a, filter);
                    assertThat(count).as("%s: the count is A's tasks that match", step).isEqualTo(expected(filter).size());
                    yield count;
                }
            };
        }

        /** Filters that B's tasks match too. */
        private TaskFilter filter(int which, String externalId) {
            return switch (which) {
                case 0 -> TaskFilter.ALL;
                case 1 -> TaskFilter.builder().assignee("mem_1").build();
                case 2 -> TaskFilter.builder().metadata("region", "north").build();
                case 3 -> TaskFilter.builder().externalId(externalId).trashed(TrashFilter.INCLUDE).build();
                case 4 -> TaskFilter.builder().titleContains("title").trashed(TrashFilter.ONLY).build();
                default -> TaskFilter.builder().titleContains("task").statuses(TaskStatus.OPEN).build();
            };
        }

        private List<TaskId> expected(TaskFilter filter) {
            return Stores.snapshot(store, a.tenantId()).values().stream().filter(filter::matches).map(Task::id).toList();
        }

        private List<Task> aTasks() {
            return List.copyOf(Stores.snapshot(store, a.tenantId()).values());
        }

        /**
         * An operation by A on B's task fails as the same operation on an id that never existed: same
         * class, code and status, and the message differs only by the id A sent.
         */
        private Object sameAsNeverExisted(Step step, Supplier<Object> onB, Supplier<Object> onNothing, TaskId bId) {
            return sameAsNeverExisted(step, ErrorCode.NOT_FOUND, onB, onNothing, bId);
        }

        /**
         * As above, where A's own history decides the reference error: a key A already used for another
         * task's update is refused as reused before the task is looked up, for B's id as for any other.
         */
        private Object sameAsNeverExisted(Step step, ErrorCode expected, Supplier<Object> onB, Supplier<Object> onNothing, TaskId bId) {
            Throwable seen = catchThrowable(onB::get);
            Throwable reference = catchThrowable(onNothing::get);
            assertThat(reference).as("%s on an id that never existed", step).isInstanceOf(TaskException.class);
            assertThat(((TaskException) reference).code()).as("%s on an id that never existed", step).isEqualTo(expected);
            assertThat(seen).as("%s on B's task %s", step, bId).isInstanceOf(reference.getClass());
            TaskException e = (TaskException) seen;
            TaskException r = (TaskException) reference;
            assertThat(e.code()).isEqualTo(r.code());
            assertThat(e.httpStatus()).isEqualTo(r.httpStatus());
            assertThat(e.getMessage().replace(bId.value(), "<id>")).isEqualTo(r.getMessage().replace(NEVER_EXISTED.value(), "<id>"));
            ClientErrors.check(e, vocabulary, secrets);
            return e;
        }

        /** Whatever A got back is A's. */
        private void checkOnlyA(Step step, Object result) {
            List<Task> tasks = new ArrayList<>();
            if (result instanceof Task t) {
                tasks.add(t);
            } else if (result instanceof Optional<?> o && o.isPresent() && o.get() instanceof Task t) {
                tasks.add(t);
            } else if (result instanceof List<?> list) {
                list.forEach(x -> tasks.add((Task) x));
            }
            for (Task t : tasks) {
                assertThat(t.tenantId()).as("%s returned a task of another tenant", step).isEqualTo(a.tenantId());
                assertThat(bTasks).extracting(Task::id).as("%s returned one of B's tasks", step).doesNotContain(t.id());
                assertThat(t.toString()).as("%s: A's task holds nothing of B", step).doesNotContain(secret);
            }
        }
    }
}
