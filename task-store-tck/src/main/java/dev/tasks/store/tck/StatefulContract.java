package dev.tasks.store.tck;

import static org.quicktheories.QuickTheory.qt;

import dev.tasks.core.Cardinality;
import dev.tasks.core.NewTask;
import dev.tasks.core.RelationshipCatalog;
import dev.tasks.core.RelationshipDefinition;
import dev.tasks.core.SortPosition;
import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.TaskRules;
import dev.tasks.core.TaskSort;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.TenantId;
import dev.tasks.core.TrashFilter;
import dev.tasks.core.store.IdempotencyOperation;
import dev.tasks.core.store.IdempotencyRecord;
import dev.tasks.core.store.PageRequest;
import dev.tasks.core.store.TaskStore;
import dev.tasks.core.store.TaskStoreException;
import dev.tasks.core.validation.RequestValidator;
import dev.tasks.core.validation.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The stateful property: QuickTheories generates sequences of actions in two tenants (creates, with
 * and without idempotency keys, sometimes with a taken id; patches, status changes, trash and restore
 * through {@link TaskRules}, sometimes from a stale or future version or from the wrong tenant; deletes;
 * gets; queries with random filters, sorts, offsets, limits and keyset positions; complete page walks;
 * counts; idempotency records stored alone, lookups and purges; and the passing of time), runs each action against the store
 * and against {@link ReferenceModel}, a tiny immutable model of the contract, and demands the same answer
 * at every step, then the same whole state at the end. A failing sequence is shrunk and printed with its
 * seed; replay it with {@code -DQT_SEED=<seed>}.
 *
 * <p>{@code tasks.tck.examples} sets the number of sequences (default 150) and {@code tasks.tck.actions}
 * their most actions (default 30). Each sequence runs on a store of its own from {@code newStore()}.
 */
public abstract class StatefulContract extends StoreContractSupport {

    /** Made by subclasses. */
    protected StatefulContract() {
    }

    /** The system relationships and two custom ones, so that stores keep names they do not know. */
    static final RelationshipCatalog CATALOG = RelationshipCatalog.withCustom(List.of(
            RelationshipDefinition.custom("project", "project", Cardinality.HAS_ONE),
            RelationshipDefinition.custom("watchers", "member", Cardinality.HAS_MANY)));

    private static final RequestValidator VALIDATOR = new RequestValidator(CATALOG);
    private static final List<TenantId> TENANTS = List.of(TENANT_A, TENANT_B);
    private static final List<String> KEYS = List.of("k1", "k2", "K1");
    private static final List<Long> TTLS = List.of(60_000L, 0L, 500L, 2_000L, 600_000L);
    private static final long STEP = 250;
    private static final List<Instant> STARTS = List.of(
            Instant.parse("2025-01-01T00:00:00Z"),
            Instant.parse("0001-01-01T00:00:00Z"),
            Instant.parse("9999-12-31T00:00:00Z"),
            Instant.parse("1969-12-31T23:59:50Z"));

    /** Which version a write claims to start from. */
    enum Claim {
        /** The stored version: the write should succeed. */
        CURRENT,
        /** One before: the write must fail. */
        STALE,
        /** One after: the write must fail. */
        AHEAD
    }

    /** An idempotency key that a write carries, and how long its record lives. */
    record Key(String key, long ttlMillis) {
    }

    /** One step of a sequence. Task references are indexes into the tasks created so far, modulo their number. */
    sealed interface Action permits Create, CreateWithTakenId, Patch, ChangeStatus, Trash, Restore, UpdateInOtherTenant, Delete,
            Get, GetByExternalId, Query, Walk, Count, FindRecord, PutRecord, Purge, Tick {
    }

    /** Creates a task in a tenant from a request, with a key or not. */
    record Create(int tenant, NewTask request, Optional<Key> key) implements Action {
    }

    /** Creates a task with the id of a task created before (a clash, or a reuse if it was deleted). */
    record CreateWithTakenId(int tenant, int ref, NewTask request) implements Action {
    }

    /** Applies a patch, claiming a version, with a key or not. */
    record Patch(int ref, TaskPatch patch, Claim claim, Optional<Key> key) implements Action {
    }

    /** Changes the status, claiming a version. */
    record ChangeStatus(int ref, TaskStatus status, Claim claim) implements Action {
    }

    /** Moves to the trash, claiming a version. */
    record Trash(int ref, Claim claim) implements Action {
    }

    /** Restores from the trash, claiming a version. */
    record Restore(int ref, Claim claim) implements Action {
    }

    /** Updates a task as if it belonged to the other tenant: must answer false. */
    record UpdateInOtherTenant(int ref) implements Action {
    }

    /** Deletes a task, claiming a version, in its tenant or the other. */
    record Delete(int ref, Claim claim, boolean otherTenant) implements Action {
    }

    /** Gets a task, in its tenant or the other. */
    record Get(int ref, boolean otherTenant) implements Action {
    }

    /** Finds a task by external id. */
    record GetByExternalId(int tenant, String externalId) implements Action {
    }

    /** Finds one page. {@code afterRef} below zero means no position. */
    record Query(int tenant, TaskFilter filter, TaskSort sort, int offset, int limit, int afterRef) implements Action {
    }

    /** Walks every page. */
    record Walk(int tenant, TaskFilter filter, TaskSort sort, int pageSize) implements Action {
    }

    /** Counts. */
    record Count(int tenant, TaskFilter filter) implements Action {
    }

    /** Looks an idempotency record up. */
    record FindRecord(int tenant, IdempotencyOperation operation, String key) implements Action {
    }

    /** Stores an update key's record alone, as the service does for an update that changed nothing. */
    record PutRecord(int ref, Key key) implements Action {
    }

    /** Purges expired idempotency records now. */
    record Purge() implements Action {
    }

    /** Lets time pass (zero included, for ties). */
    record Tick(long millis) implements Action {
    }

    /** A generated sequence: where the clock starts, a salt for ids, and the actions. */
    record Scenario(Instant start, long salt, List<Action> actions) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("Scenario(start=" + start + ", salt=" + salt + ", " + actions.size() + " actions)");
            for (int i = 0; i < actions.size(); i++) {
                sb.append("\n  ").append(i).append(": ").append(actions.get(i));
            }
            return sb.toString();
        }
    }

    /**
     * The store answers every generated sequence of actions exactly as the reference model does, and
     * holds the same state at the end.
     */
    @Test
    void theStoreAgreesWithTheReferenceModel() {
        qt().withShrinkCycles(TckSettings.shrinkCycles()).withExamples(TckSettings.examples(150)).forAll(scenarios(TckSettings.maxActions())).checkAssert(scenario -> {
            TaskStore s = Objects.requireNonNull(newStore(), "newStore() returned null");
            try {
                new Run(s, scenario).run();
            } finally {
                closeStore(s);
            }
        });
    }

    // ------------------------------------------------------------------ generation

    static Gen<Scenario> scenarios(int maxActions) {
        return in -> {
            Instant start = TaskGenerators.pick(in, STARTS);
            long salt = Generate.longRange(0, Long.MAX_VALUE).generate(in);
            Gen<Instant> near = near(start);
            Gen<Action> actions = actions(near);
            Gen<Action> creates = creates(near);
            int n = Generate.range(1, maxActions).generate(in);
            // Most sequences start with a few creates, so that queries have tasks to choose from.
            int setup = Generate.range(0, Math.min(8, n)).generate(in);
            List<Action> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                // Each action is kept unless a draw that shrinks towards "drop" says otherwise, so that
                // the shrinker can take out actions a failure does not need, not only the last ones.
                boolean keep = Generate.range(0, 99).generate(in) >= 2;
                Action a = i < setup ? creates.generate(in) : actions.generate(in);
                if (keep) {
                    list.add(a);
                }
            }
            return new Scenario(start, salt, List.copyOf(list));
        };
    }

    /** Instants on a grid around the scenario's clock, so that ranges and due times hit its times exactly. */
    private static Gen<Instant> near(Instant start) {
        return in -> {
            Instant t = start.plusMillis(STEP * Generate.range(-2, 24).generate(in));
            if (t.isBefore(TaskGenerators.MIN_INSTANT)) {
                return TaskGenerators.MIN_INSTANT;
            }
            return t.isAfter(TaskGenerators.MAX_INSTANT) ? TaskGenerators.MAX_INSTANT : t;
        };
    }

    private static Gen<Action> creates(Gen<Instant> near) {
        Gen<Instant> dueTimes = in -> TaskGenerators.chance(in, 80) ? near.generate(in) : TaskGenerators.instants().generate(in);
        Gen<NewTask> requests = TaskGenerators.newTasks(CATALOG, dueTimes);
        Gen<Optional<Key>> key = in -> TaskGenerators.chance(in, 35)
                ? Optional.of(new Key(TaskGenerators.pick(in, KEYS), TaskGenerators.pick(in, TTLS)))
                : Optional.empty();
        return in -> new Create(TaskGenerators.chance(in, 25) ? 1 : 0, requests.generate(in), key.generate(in));
    }

    private static Gen<Action> actions(Gen<Instant> near) {
        Gen<Instant> dueTimes = in -> TaskGenerators.chance(in, 80) ? near.generate(in) : TaskGenerators.instants().generate(in);
        Gen<NewTask> requests = TaskGenerators.newTasks(CATALOG, dueTimes);
        Gen<TaskPatch> patches = TaskGenerators.patches(CATALOG, dueTimes);
        Gen<TaskFilter> rich = TaskGenerators.filters(CATALOG, near);
        // Two in five queries filter on the trash only, so that pages and walks cover many tasks.
        Gen<TaskFilter> filters = in -> TaskGenerators.chance(in, 40)
                ? TaskFilter.builder().trashed(TaskGenerators.chance(in, 30) ? TrashFilter.INCLUDE : TrashFilter.EXCLUDE).build()
                : rich.generate(in);
        Gen<TaskSort> sorts = TaskGenerators.sorts();
        Gen<Integer> tenant = in -> TaskGenerators.chance(in, 25) ? 1 : 0;
        Gen<Integer> ref = Generate.range(0, 1_000);
        Gen<Claim> claim = in -> TaskGenerators.chance(in, 25) ? TaskGenerators.pick(in, List.of(Claim.STALE, Claim.AHEAD)) : Claim.CURRENT;
        Gen<Optional<Key>> key = in -> TaskGenerators.chance(in, 35)
                ? Optional.of(new Key(TaskGenerators.pick(in, KEYS), TaskGenerators.pick(in, TTLS)))
                : Optional.empty();
        Gen<Boolean> rarely = in -> TaskGenerators.chance(in, 15);
        List<Pair<Integer, Gen<Action>>> choices = List.of(
                Pair.of(35, in -> new Create(tenant.generate(in), requests.generate(in), key.generate(in))),
                Pair.of(12, in -> new Tick(STEP * Generate.range(0, 4).generate(in))),
                Pair.of(12, in -> new Patch(ref.generate(in), patches.generate(in), claim.generate(in), key.generate(in))),
                Pair.of(6, in -> new ChangeStatus(ref.generate(in), TaskGenerators.pick(in, List.of(TaskStatus.values())), claim.generate(in))),
                Pair.of(5, in -> new Trash(ref.generate(in), claim.generate(in))),
                Pair.of(4, in -> new Restore(ref.generate(in), claim.generate(in))),
                Pair.of(4, in -> new Delete(ref.generate(in), claim.generate(in), rarely.generate(in))),
                Pair.of(5, in -> new Get(ref.generate(in), rarely.generate(in))),
                Pair.of(3, in -> new GetByExternalId(tenant.generate(in), TaskGenerators.pick(in, TaskGenerators.EXTERNAL_IDS))),
                Pair.of(10, in -> new Query(tenant.generate(in), filters.generate(in), sorts.generate(in),
                        TaskGenerators.chance(in, 40) ? Generate.range(1, 3).generate(in) : 0,
                        Generate.range(1, 6).generate(in), TaskGenerators.chance(in, 50) ? ref.generate(in) : -1)),
                Pair.of(5, in -> new Walk(tenant.generate(in), filters.generate(in), sorts.generate(in), Generate.range(1, 4).generate(in))),
                Pair.of(4, in -> new Count(tenant.generate(in), filters.generate(in))),
                Pair.of(5, in -> new FindRecord(tenant.generate(in),
                        TaskGenerators.chance(in, 30) ? IdempotencyOperation.UPDATE : IdempotencyOperation.CREATE,
                        TaskGenerators.pick(in, KEYS))),
                Pair.of(2, in -> new Purge()),
                Pair.of(3, in -> new PutRecord(ref.generate(in), new Key(TaskGenerators.pick(in, KEYS), TaskGenerators.pick(in, TTLS)))),
                Pair.of(2, in -> new CreateWithTakenId(tenant.generate(in), ref.generate(in), requests.generate(in))),
                Pair.of(2, in -> new UpdateInOtherTenant(ref.generate(in))));
        return Generate.frequency(choices);
    }

    // ------------------------------------------------------------------ execution

    /** Runs one scenario against a store and the model. */
    static final class Run {
        private final TaskStore store;
        private final Scenario scenario;
        private ReferenceModel model = ReferenceModel.empty();
        /** Every id ever stored, in order of first insertion. */
        private final List<TaskId> known = new ArrayList<>();
        /** The last state stored of each id, deleted ones included. */
        private final Map<TaskId, Task> last = new LinkedHashMap<>();
        private final List<String> trace = new ArrayList<>();
        private final List<String> outcomes = new ArrayList<>();
        private Instant now;
        private long nextId;
        private int step;

        /** @return each step's action type and result, as {@code Type -> result} */
        List<String> outcomes() {
            return List.copyOf(outcomes);
        }

        Run(TaskStore store, Scenario scenario) {
            this.store = store;
            this.scenario = scenario;
            this.now = scenario.start();
        }

        void run() {
            for (step = 0; step < scenario.actions().size(); step++) {
                Action a = scenario.actions().get(step);
                String outcome;
                try {
                    outcome = execute(a);
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError(failure(a, e), e);
                }
                trace.add(step + ": " + abbreviate(a.toString(), 300) + " -> " + outcome);
                outcomes.add(a.getClass().getSimpleName() + " -> " + outcome);
            }
            try {
                checkWholeState();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(failure(null, e), e);
            }
        }

        private String failure(Action a, Throwable e) {
            StringBuilder sb = new StringBuilder();
            sb.append(a == null ? "the final state differs from the model" : "step " + step + " (" + abbreviate(a.toString(), 2_000) + ") failed")
                    .append(": ").append(e.getMessage()).append("\nsteps run before:");
            int from = Math.max(0, trace.size() - 40);
            for (String t : trace.subList(from, trace.size())) {
                sb.append("\n  ").append(t);
            }
            return sb.toString();
        }

        private String execute(Action action) {
            if (action instanceof Create c) {
                return create(TENANTS.get(c.tenant()), c.request(), newId(), c.key());
            } else if (action instanceof CreateWithTakenId c) {
                return known.isEmpty() ? "skipped: no task yet" : create(TENANTS.get(c.tenant()), c.request(), ref(c.ref()), Optional.empty());
            } else if (action instanceof Patch p) {
                return change(p.ref(), p.claim(), p.key(), t -> {
                    List<Violation> v = VALIDATOR.validate(p.patch());
                    if (!v.isEmpty()) {
                        throw new IllegalStateException("the TCK generated an invalid patch: " + v);
                    }
                    return TaskRules.apply(t, p.patch(), now);
                });
            } else if (action instanceof ChangeStatus c) {
                return change(c.ref(), c.claim(), Optional.empty(), t -> TaskRules.changeStatus(t, c.status(), now));
            } else if (action instanceof Trash t) {
                return change(t.ref(), t.claim(), Optional.empty(), x -> TaskRules.trash(x, now));
            } else if (action instanceof Restore r) {
                // Prefers a task in the trash: restoring another changes nothing.
                List<Integer> trashed = new ArrayList<>();
                for (int i = 0; i < known.size(); i++) {
                    TaskId id = known.get(i);
                    if (model.get(last.get(id).tenantId(), id).map(Task::isTrashed).orElse(false)) {
                        trashed.add(i);
                    }
                }
                int ref = trashed.isEmpty() ? r.ref() : trashed.get(r.ref() % trashed.size());
                return change(ref, r.claim(), Optional.empty(), x -> TaskRules.restore(x, now));
            } else if (action instanceof UpdateInOtherTenant u) {
                return updateInOtherTenant(u);
            } else if (action instanceof Delete d) {
                return delete(d);
            } else if (action instanceof Get g) {
                if (known.isEmpty()) {
                    TaskId never = TaskGenerators.mixedId(scenario.salt(), -1);
                    same("get of an id never stored", model.get(TENANT_A, never), store.get(TENANT_A, never));
                    return "nothing";
                }
                TaskId id = ref(g.ref());
                TenantId tenant = g.otherTenant() ? other(last.get(id).tenantId()) : last.get(id).tenantId();
                Optional<Task> expected = model.get(tenant, id);
                same("get(" + tenant + ", " + id + ")", expected, store.get(tenant, id));
                return expected.map(t -> "v" + t.version()).orElse("nothing");
            } else if (action instanceof GetByExternalId g) {
                TenantId tenant = TENANTS.get(g.tenant());
                Optional<Task> expected = model.findByExternalId(tenant, g.externalId());
                same("findByExternalId(" + tenant + ", " + g.externalId() + ")", expected, store.findByExternalId(tenant, g.externalId()));
                return expected.map(t -> t.id().toString()).orElse("nothing");
            } else if (action instanceof Query q) {
                return query(q);
            } else if (action instanceof Walk w) {
                return walk(w);
            } else if (action instanceof Count c) {
                TenantId tenant = TENANTS.get(c.tenant());
                long expected = model.count(tenant, c.filter());
                same("count(" + tenant + ", " + c.filter() + ")", expected, store.count(tenant, c.filter()));
                return Long.toString(expected);
            } else if (action instanceof FindRecord f) {
                TenantId tenant = TENANTS.get(f.tenant());
                Optional<IdempotencyRecord> expected = model.findIdempotencyRecord(tenant, f.operation(), f.key());
                same("findIdempotencyRecord(" + tenant + ", " + f.operation() + ", " + f.key() + ")", expected,
                        store.findIdempotencyRecord(tenant, f.operation(), f.key()));
                return expected.map(r -> "record of " + r.taskId()).orElse("nothing");
            } else if (action instanceof PutRecord p) {
                if (known.isEmpty()) {
                    return "skipped: no task yet";
                }
                TaskId id = ref(p.ref());
                IdempotencyRecord rec = record(last.get(id).tenantId(), IdempotencyOperation.UPDATE, p.key(), id);
                ReferenceModel.Outcome expected = model.putIdempotencyRecord(rec);
                TaskStoreException refused = null;
                try {
                    store.putIdempotencyRecord(rec);
                } catch (TaskStoreException e) {
                    refused = e;
                }
                String result = judge("putIdempotencyRecord(" + rec + ")", expected, refused, null);
                checkRecord(rec.tenantId(), rec.operation(), rec.key());
                return result;
            } else if (action instanceof Purge) {
                Map.Entry<ReferenceModel, Integer> expected = model.purge(now);
                same("purgeExpiredIdempotencyRecords(" + now + ")", expected.getValue(), store.purgeExpiredIdempotencyRecords(now));
                model = expected.getKey();
                return expected.getValue() + " purged";
            } else if (action instanceof Tick t) {
                now = now.plusMillis(t.millis());
                return "now " + now;
            }
            throw new IllegalStateException("unknown action " + action);
        }

        private TaskId newId() {
            return TaskGenerators.mixedId(scenario.salt(), nextId++);
        }

        private TaskId ref(int ref) {
            return known.get(ref % known.size());
        }

        private static TenantId other(TenantId tenant) {
            return tenant.equals(TENANT_A) ? TENANT_B : TENANT_A;
        }

        private String create(TenantId tenant, NewTask request, TaskId id, Optional<Key> key) {
            List<Violation> v = VALIDATOR.validate(request);
            if (!v.isEmpty()) {
                throw new IllegalStateException("the TCK generated an invalid request: " + v);
            }
            Task task = TaskRules.create(request, id, tenant, "mem_1", now);
            Optional<IdempotencyRecord> rec = key.map(k -> record(tenant, IdempotencyOperation.CREATE, k, id));
            ReferenceModel.Outcome expected = model.insert(task, rec);
            TaskStoreException refused = null;
            try {
                store.insert(task, rec);
            } catch (TaskStoreException e) {
                refused = e;
            }
            String result = judge("insert of " + id, expected, refused, null);
            if (expected.mustSucceed()) {
                if (!known.contains(id)) {
                    known.add(id);
                }
                last.put(id, task);
            }
            checkTask(id);
            rec.ifPresent(r -> checkRecord(r.tenantId(), r.operation(), r.key()));
            return result;
        }

        private String change(int ref, Claim claim, Optional<Key> key, java.util.function.UnaryOperator<Task> rule) {
            if (known.isEmpty()) {
                return "skipped: no task yet";
            }
            TaskId id = ref(ref);
            Task base = model.get(last.get(id).tenantId(), id).orElse(last.get(id));
            Task next = rule.apply(base);
            if (next.equals(base)) {
                return "skipped: no effective change";
            }
            if (!VALIDATOR.validateResult(next).isEmpty()) {
                return "skipped: the result exceeds a limit";
            }
            long expectedVersion = switch (claim) {
                case CURRENT -> base.version();
                case STALE -> base.version() - 1;
                case AHEAD -> base.version() + 1;
            };
            if (expectedVersion < 1) {
                expectedVersion = base.version() + 1;
            }
            Optional<IdempotencyRecord> rec = key.map(k -> record(base.tenantId(), IdempotencyOperation.UPDATE, k, id));
            // Every other change tells the store the state it was computed from, as the service does; a
            // stale or future claim is then a copy at that version, which the store must not trust.
            Task previous = ((scenario.salt() + step) & 1) == 0 ? null
                    : expectedVersion == base.version() ? base : base.toBuilder().version(expectedVersion).build();
            return update(previous, next, expectedVersion, rec);
        }

        private String update(Task previous, Task next, long expectedVersion, Optional<IdempotencyRecord> rec) {
            ReferenceModel.Outcome expected = model.update(next, expectedVersion, rec);
            TaskStoreException refused = null;
            Boolean answer = null;
            try {
                answer = previous == null ? store.update(next, expectedVersion, rec) : store.update(previous, next, rec);
            } catch (TaskStoreException e) {
                refused = e;
            }
            String result = judge("update of " + next.id() + " expecting v" + expectedVersion
                    + (previous == null ? "" : " from its previous state"), expected, refused, answer);
            if (expected.mustSucceed()) {
                last.put(next.id(), next);
            }
            checkTask(next.id());
            rec.ifPresent(r -> checkRecord(r.tenantId(), r.operation(), r.key()));
            return result;
        }

        private String updateInOtherTenant(UpdateInOtherTenant u) {
            if (known.isEmpty()) {
                return "skipped: no task yet";
            }
            TaskId id = ref(u.ref());
            Task base = model.get(last.get(id).tenantId(), id).orElse(last.get(id));
            Task hijack = base.toBuilder().tenantId(other(base.tenantId())).title(base.title() + " (other tenant)")
                    .version(base.version() + 1).build();
            return update(null, hijack, base.version(), Optional.empty());
        }

        private String delete(Delete d) {
            if (known.isEmpty()) {
                return "skipped: no task yet";
            }
            TaskId id = ref(d.ref());
            Task base = model.get(last.get(id).tenantId(), id).orElse(last.get(id));
            TenantId tenant = d.otherTenant() ? other(base.tenantId()) : base.tenantId();
            long expectedVersion = switch (d.claim()) {
                case CURRENT -> base.version();
                case STALE -> base.version() > 1 ? base.version() - 1 : base.version() + 2;
                case AHEAD -> base.version() + 1;
            };
            ReferenceModel.Outcome expected = model.delete(tenant, id, expectedVersion);
            boolean answer = store.delete(tenant, id, expectedVersion);
            String result = judge("delete(" + tenant + ", " + id + ", v" + expectedVersion + ")", expected, null, answer);
            checkTask(id);
            return result;
        }

        /** Compares a write's result with the model's expectation and moves the model on if it succeeded. */
        private String judge(String what, ReferenceModel.Outcome expected, TaskStoreException refused, Boolean answer) {
            if (expected.mustSucceed()) {
                if (refused != null) {
                    throw new AssertionError(what + " was refused with " + refused + " but the contract requires it to succeed");
                }
                if (Boolean.FALSE.equals(answer)) {
                    throw new AssertionError(what + " answered false but the contract requires true");
                }
                model = expected.next();
                return "done";
            }
            if (refused != null) {
                if (expected.refusals().stream().noneMatch(c -> c.isInstance(refused))) {
                    throw new AssertionError(what + " was refused with " + refused + " but the contract allows "
                            + (expected.refusals().isEmpty() ? "no exception" : "only " + expected.refusals())
                            + (expected.mayAnswerFalse() ? " or false" : ""));
                }
                return "refused: " + refused.getClass().getSimpleName();
            }
            if (Boolean.FALSE.equals(answer) && !expected.mayAnswerFalse()) {
                throw new AssertionError(what + " answered false but the contract requires it to be refused with one of " + expected.refusals());
            }
            if (Boolean.TRUE.equals(answer) || (answer == null && !expected.refusals().isEmpty())) {
                throw new AssertionError(what + " succeeded but the contract requires "
                        + (expected.mayAnswerFalse() ? "false" : "") + (expected.mayAnswerFalse() && !expected.refusals().isEmpty() ? " or " : "")
                        + (expected.refusals().isEmpty() ? "" : "one of " + expected.refusals()));
            }
            return "false";
        }

        private IdempotencyRecord record(TenantId tenant, IdempotencyOperation op, Key k, TaskId id) {
            return new IdempotencyRecord(tenant, op, k.key(), "fp-" + step, id, now, now.plusMillis(k.ttlMillis()));
        }

        private String query(Query q) {
            TenantId tenant = TENANTS.get(q.tenant());
            Optional<SortPosition> after = q.afterRef() < 0 || known.isEmpty()
                    ? Optional.empty()
                    : Optional.of(SortPosition.of(last.get(ref(q.afterRef())), q.sort()));
            PageRequest request = new PageRequest(q.filter(), q.sort(), after, q.offset(), q.limit());
            List<Task> expected = model.find(tenant, request);
            samePage("find(" + tenant + ", " + request + ")", expected, store.find(tenant, request));
            return expected.size() + " tasks";
        }

        private String walk(Walk w) {
            TenantId tenant = TENANTS.get(w.tenant());
            List<Task> all = new ArrayList<>();
            Optional<SortPosition> after = Optional.empty();
            int pages = 0;
            while (true) {
                PageRequest request = new PageRequest(w.filter(), w.sort(), after, 0, w.pageSize());
                List<Task> page = store.find(tenant, request);
                samePage("page " + pages + " of a walk: find(" + tenant + ", " + request + ")", model.find(tenant, request), page);
                all.addAll(page);
                pages++;
                if (page.size() < w.pageSize()) {
                    break;
                }
                after = Optional.of(SortPosition.of(page.get(page.size() - 1), w.sort()));
            }
            samePage("the whole walk", model.all(tenant, w.filter(), w.sort()), all);
            same("count(" + tenant + ", " + w.filter() + ") after a walk", (long) all.size(), store.count(tenant, w.filter()));
            return all.size() + " tasks in " + pages + " pages";
        }

        private void checkTask(TaskId id) {
            for (TenantId tenant : TENANTS) {
                same("get(" + tenant + ", " + id + ")", model.get(tenant, id), store.get(tenant, id));
            }
        }

        private void checkRecord(TenantId tenant, IdempotencyOperation op, String key) {
            same("findIdempotencyRecord(" + tenant + ", " + op + ", " + key + ")", model.findIdempotencyRecord(tenant, op, key),
                    store.findIdempotencyRecord(tenant, op, key));
        }

        private void checkWholeState() {
            for (TenantId tenant : TENANTS) {
                TaskFilter everything = TaskFilter.builder().trashed(TrashFilter.INCLUDE).build();
                PageRequest request = new PageRequest(everything, StoreContractSupport.CREATED_ASC, Optional.empty(), 0, 10_000);
                samePage("every task of " + tenant, model.find(tenant, request), store.find(tenant, request));
                same("count of every task of " + tenant, model.count(tenant, everything), store.count(tenant, everything));
                for (IdempotencyOperation op : IdempotencyOperation.values()) {
                    for (String key : KEYS) {
                        checkRecord(tenant, op, key);
                    }
                }
            }
            for (TaskId id : known) {
                checkTask(id);
            }
        }

        private static void same(String what, Object expected, Object actual) {
            if (!Objects.equals(expected, actual)) {
                throw new AssertionError(what + ":\n  expected " + abbreviate(String.valueOf(expected)) + "\n  but was  "
                        + abbreviate(String.valueOf(actual)));
            }
        }

        private static void samePage(String what, List<Task> expected, List<Task> actual) {
            List<TaskId> expectedIds = expected.stream().map(Task::id).toList();
            List<TaskId> actualIds = actual.stream().map(Task::id).toList();
            if (!expectedIds.equals(actualIds)) {
                throw new AssertionError(what + ":\n  expected ids " + expectedIds + "\n  but was      " + actualIds);
            }
            for (int i = 0; i < expected.size(); i++) {
                same(what + ", task " + expectedIds.get(i), expected.get(i), actual.get(i));
            }
        }

        private static String abbreviate(String s) {
            return abbreviate(s, 2_000);
        }

        private static String abbreviate(String s, int max) {
            String oneLine = s.replace("\n", "\\n").replace("\r", "\\r");
            return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "... (" + oneLine.length() + " chars)";
        }
    }
}
