package dev.tasks.reliability.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasks.api.ErrorCode;
import dev.tasks.api.TaskPage;
import dev.tasks.api.WriteOptions;
import dev.tasks.api.Written;
import dev.tasks.core.FieldPatch;
import dev.tasks.core.NewTask;
import dev.tasks.core.RelatedTo;
import dev.tasks.core.RelationshipPatch;
import dev.tasks.core.SortDirection;
import dev.tasks.core.SystemRelationship;
import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.TaskQuery;
import dev.tasks.core.TaskSort;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.TrashFilter;
import dev.tasks.core.store.IdempotencyOperation;
import dev.tasks.reliability.hostile.Session.CreateRecord;
import dev.tasks.reliability.hostile.Session.Expect;
import dev.tasks.reliability.hostile.Session.IssuedCursor;
import dev.tasks.reliability.hostile.Session.UpdateRecord;
import dev.tasks.reliability.hostile.Session.Watched;
import dev.tasks.store.tck.RequestGenerators;
import dev.tasks.store.tck.RequestGenerators.InvalidCreate;
import dev.tasks.store.tck.RequestGenerators.InvalidUpdate;
import dev.tasks.store.tck.TaskGenerators;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import dev.tasks.api.BulkCreateResult;
import dev.tasks.api.TaskException;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/**
 * The tries of item 3: one generated call per step, into every operation of the service, each with
 * hostile input in one place of an otherwise valid request (from the TCK's generators), and the oracle of
 * its outcome computed from the tenant's state before the call ({@link Rules} for validation, the
 * session's memory for keys and cursors, {@link TaskFilter#matches} and {@link TaskSort#comparator()} for
 * lists, which the TCK holds every store to).
 */
final class Steps {

    /** One try. */
    interface Step {
        void run(Session s);
    }

    private static final List<String> WRITABLE_HAS_ONE = RequestGenerators.writableHasOne(true);

    private Steps() {
    }

    /** Steps in the proportions of a session: writes and reads alike, lists and counts often. */
    static Gen<Step> steps() {
        Gen<Step> creates = creates();
        Gen<Step> bulkCreates = createAlls(creates);
        Gen<Step> updates = updates();
        Gen<Step> statuses = statusChanges();
        Gen<Step> trash = trashRestoreDelete();
        Gen<Step> reads = reads();
        Gen<Step> byExternalId = findsByExternalId();
        Gen<Step> lists = lists();
        Gen<Step> counts = counts();
        return in -> switch (Hostile.range(in, 0, 19)) {
            case 0, 1, 2 -> creates.generate(in);
            case 3 -> bulkCreates.generate(in);
            case 4, 5, 6, 7 -> updates.generate(in);
            case 8, 9 -> statuses.generate(in);
            case 10, 11 -> trash.generate(in);
            case 12 -> reads.generate(in);
            case 13 -> byExternalId.generate(in);
            case 14, 15, 16, 17 -> lists.generate(in);
            default -> counts.generate(in);
        };
    }

    // ------------------------------------------------------------------ targets and versions

    /** Which task a call names: one of the tenant's (trashed or not), an unknown id, a deleted one, the stranger's, null. */
    enum Pick { EXISTING, TRASHED, MISSING, GONE, STRANGER, NULL }

    record Aim(Pick pick, int index) {
        TaskId resolve(Session s) {
            List<TaskId> ids = new ArrayList<>(s.state.keySet());
            List<TaskId> trashed = s.state.values().stream().filter(Task::isTrashed).map(Task::id).toList();
            return switch (pick) {
                case EXISTING -> ids.isEmpty() ? missing() : ids.get(index % ids.size());
                case TRASHED -> trashed.isEmpty() ? (ids.isEmpty() ? missing() : ids.get(index % ids.size())) : trashed.get(index % trashed.size());
                case MISSING -> missing();
                case GONE -> s.gone.isEmpty() ? missing() : s.gone.get(index % s.gone.size());
                case STRANGER -> s.target.strangerIds.get(index % s.target.strangerIds.size());
                case NULL -> null;
            };
        }

        private TaskId missing() {
            return TaskGenerators.mixedId(0x0BADC0FFEEL, index);
        }
    }

    static Gen<Aim> aims() {
        return in -> {
            int r = Hostile.range(in, 0, 99);
            Pick pick = r < 60 ? Pick.EXISTING : r < 70 ? Pick.TRASHED : r < 78 ? Pick.MISSING : r < 85 ? Pick.GONE : r < 95 ? Pick.STRANGER : Pick.NULL;
            return new Aim(pick, Hostile.range(in, 0, 1_000));
        };
    }

    /** The expected version a call gives: none, the task's, one off either way, or out of range. */
    enum Version { NONE, CURRENT, STALE, FUTURE, ZERO, NEGATIVE, MIN, MAX }

    static Gen<Version> versions() {
        return in -> {
            int r = Hostile.range(in, 0, 99);
            return r < 35 ? Version.NONE : r < 65 ? Version.CURRENT : r < 75 ? Version.STALE : r < 85 ? Version.FUTURE
                    : Hostile.pick(in, List.of(Version.ZERO, Version.NEGATIVE, Version.MIN, Version.MAX));
        };
    }

    static OptionalLong resolve(Version v, Task current) {
        long version = current == null ? 1 : current.version();
        return switch (v) {
            case NONE -> OptionalLong.empty();
            case CURRENT -> OptionalLong.of(version);
            case STALE -> OptionalLong.of(version - 1);
            case FUTURE -> OptionalLong.of(version + 1);
            case ZERO -> OptionalLong.of(0);
            case NEGATIVE -> OptionalLong.of(-1);
            case MIN -> OptionalLong.of(Long.MIN_VALUE);
            case MAX -> OptionalLong.of(Long.MAX_VALUE);
        };
    }

    /** The common order of the checks on a task that a call names: the id, the version, the trash. */
    static Expect onTask(Session s, TaskId id, OptionalLong expected, boolean refusesTrashed) {
        Task current = s.state.get(id);
        if (current == null) {
            return Expect.error(ErrorCode.NOT_FOUND);
        }
        if (expected.isPresent() && expected.getAsLong() != current.version()) {
            return Expect.error(ErrorCode.VERSION_CONFLICT);
        }
        if (refusesTrashed && current.isTrashed()) {
            return Expect.error(ErrorCode.TASK_TRASHED);
        }
        return null;
    }

    // ------------------------------------------------------------------ create

    record Create(NewTask request, boolean keyed, String key, InvalidCreate tck, String what) implements Step {
        @Override
        public void run(Session s) {
            String k = keyed ? key : null;
            List<String> problems = Rules.createProblems(request, k, s.catalog());
            Expect expect;
            CreateRecord replayOf = null;
            if (!problems.isEmpty()) {
                expect = Expect.refused(problems);
            } else if (k != null && s.createKeys.containsKey(k)) {
                replayOf = s.createKeys.get(k);
                expect = !replayOf.request().equals(request) ? Expect.error(ErrorCode.IDEMPOTENCY_KEY_REUSED)
                        : !s.state.containsKey(replayOf.id()) ? Expect.error(ErrorCode.NOT_FOUND) : Expect.success();
            } else if (request.externalId().isPresent()
                    && s.state.values().stream().anyMatch(t -> t.externalId().equals(request.externalId()))) {
                expect = Expect.error(ErrorCode.EXTERNAL_ID_CONFLICT);
            } else {
                expect = Expect.success();
            }
            if (tck != null && problems.isEmpty()) {
                throw new AssertionError(this + ": the TCK says this request is invalid, the rules say it is not");
            }
            List<String> caller = new ArrayList<>(Texts.of(request));
            caller.add(k);
            Optional<Written> written = s.attempt(this, keyed ? "create+key" : "create", expect, caller,
                    List.of(new Watched(IdempotencyOperation.CREATE, k)),
                    () -> keyed ? s.service().create(s.actor, request, key) : new Written(s.service().create(s.actor, request), false));
            if (written.isEmpty()) {
                if (tck != null) {
                    s.checkTckViolation(this, tck.pointer(), tck.code());
                }
                return;
            }
            Written w = written.get();
            if (replayOf != null) {
                assertThat(w.replayed()).as("%s: a retry with the same key and request is a replay", this).isTrue();
                assertThat(w.task()).as("a replay answers the task as it is now").isEqualTo(s.before.get(replayOf.id()));
                assertThat(s.state).as("a replay writes nothing").isEqualTo(s.before);
                return;
            }
            Task t = w.task();
            assertThat(w.replayed()).as("%s: a first use of a key is no replay", this).isFalse();
            Checks.created(request, t, s);
            Map<TaskId, Task> expected = new TreeMap<>(s.before);
            expected.put(t.id(), t);
            assertThat(s.state).as("%s: the store holds exactly the created task more, as returned", this).isEqualTo(expected);
            if (k != null) {
                s.createKeys.put(k, new CreateRecord(request, t.id()));
                assertThat(s.store().findIdempotencyRecord(s.tenant, IdempotencyOperation.CREATE, k))
                        .as("the key's record").hasValueSatisfying(r -> assertThat(r.taskId()).isEqualTo(t.id()));
            }
        }

        @Override
        public String toString() {
            return (keyed ? "create+key " + Hostile.show(key) : "create") + " [" + what + "] " + Hostile.show(request);
        }
    }

    /**
     * A bulk create: up to five requests made as single creates are (each with its hostile part), now and
     * then a null element, a null list or one over the limit. Each element must end as a single create of
     * it would, but for idempotency keys, which bulk create has none of; external ids clash with the
     * tenant's tasks and with the earlier valid elements of the same call. The refused ones leave nothing.
     */
    record CreateAll(List<NewTask> requests, String what) implements Step {
        @Override
        public void run(Session s) {
            Expect expect = requests == null || requests.size() > Rules.MAX_BULK ? Expect.refused(List.of("")) : Expect.success();
            List<String> caller = new ArrayList<>();
            if (requests != null) {
                requests.stream().filter(java.util.Objects::nonNull).distinct().forEach(r -> caller.addAll(Texts.of(r)));
            }
            Optional<BulkCreateResult> result = s.attempt(this, "createAll", expect, caller, List.of(),
                    () -> s.service().createAll(s.actor, requests));
            if (result.isEmpty()) {
                return;
            }
            List<BulkCreateResult.Outcome> outcomes = result.get().outcomes();
            assertThat(outcomes).as("%s: one outcome per request, in order", this).hasSize(requests.size());
            Map<TaskId, Task> expected = new TreeMap<>(s.before);
            Set<String> externalIds = new HashSet<>();
            s.before.values().forEach(t -> t.externalId().ifPresent(externalIds::add));
            Set<String> batch = new HashSet<>();
            for (int i = 0; i < requests.size(); i++) {
                NewTask request = requests.get(i);
                BulkCreateResult.Outcome outcome = outcomes.get(i);
                String at = this + " element " + i;
                List<String> problems = request == null ? List.of("") : Rules.createProblems(request, null, s.catalog());
                if (!problems.isEmpty()) {
                    assertThat(outcome).as("%s: refused at %s", at, problems).isInstanceOf(BulkCreateResult.Refused.class);
                    TaskException e = ((BulkCreateResult.Refused) outcome).error();
                    assertThat(e.code()).as(at).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    Session.checkPointers(e.violations(), problems);
                    ClientErrors.check(e, caller, s.target.secrets);
                    continue;
                }
                Optional<String> externalId = request.externalId();
                boolean clash = externalId.isPresent() && (externalIds.contains(externalId.get()) || !batch.add(externalId.get()));
                if (clash) {
                    assertThat(outcome).as("%s: external id taken", at).isInstanceOfSatisfying(BulkCreateResult.Refused.class,
                            r -> assertThat(r.error().code()).isEqualTo(ErrorCode.EXTERNAL_ID_CONFLICT));
                    ClientErrors.check(((BulkCreateResult.Refused) outcome).error(), caller, s.target.secrets);
                    continue;
                }
                assertThat(outcome).as("%s: created", at).isInstanceOf(BulkCreateResult.Created.class);
                Task t = ((BulkCreateResult.Created) outcome).task();
                Checks.created(request, t, s);
                expected.put(t.id(), t);
            }
            assertThat(s.state).as("%s: the store holds exactly the created tasks more, as returned", this).isEqualTo(expected);
        }

        @Override
        public String toString() {
            return "createAll [" + what + "] " + (requests == null ? "null" : requests.size() > 5 ? requests.size() + " requests"
                    : Hostile.show(requests));
        }
    }

    static Gen<Step> createAlls(Gen<Step> creates) {
        return in -> {
            int shape = Hostile.range(in, 0, 19);
            if (shape == 0) {
                return new CreateAll(null, "null list");
            }
            if (shape == 1) {
                return new CreateAll(java.util.Collections.nCopies(Rules.MAX_BULK + 1, NewTask.titled("one too many")), "over the limit");
            }
            List<NewTask> requests = new ArrayList<>();
            StringBuilder what = new StringBuilder();
            int n = Hostile.range(in, 1, 5);
            for (int i = 0; i < n; i++) {
                if (Hostile.chance(in, 10)) {
                    requests.add(null);
                    what.append(i == 0 ? "" : ", ").append("null");
                    continue;
                }
                Create c = (Create) creates.generate(in);
                requests.add(c.request());
                what.append(i == 0 ? "" : ", ").append(c.what());
            }
            return new CreateAll(requests, what.toString());
        };
    }

    static Gen<Step> creates() {
        Gen<NewTask> bases = RequestGenerators.newTasksWithCustomRelationships();
        Gen<InvalidCreate> invalid = RequestGenerators.invalidCreates();
        Gen<String> titles = Hostile.strings(TaskGenerators.titles(), 500);
        Gen<String> descriptions = Hostile.strings(TaskGenerators.descriptions(), 20_000);
        Gen<String> externalIds = externalIds();
        Gen<String> keys = Hostile.strings(RequestGenerators.metadataKeys(), 40);
        Gen<String> values = Hostile.strings(TaskGenerators.metadataValues(), 500);
        Gen<String> validKeys = RequestGenerators.metadataKeys();
        Gen<String> validValues = TaskGenerators.metadataValues();
        Gen<String> ids = Hostile.entityIds();
        Gen<String> validIds = RequestGenerators.entityIds();
        Gen<String> names = Hostile.relationshipNames();
        Gen<java.time.Instant> instants = Hostile.instants();
        Gen<String> idempotencyKeys = Hostile.keys();
        return in -> {
            NewTask base = bases.generate(in);
            Req r = new Req(base);
            InvalidCreate tck = null;
            String what;
            switch (Hostile.range(in, 0, 14)) {
                case 0 -> {
                    r.title = titles.generate(in);
                    what = "title";
                }
                case 1 -> {
                    r.description = descriptions.generate(in);
                    what = "description";
                }
                case 2 -> {
                    r.externalId = externalIds.generate(in);
                    what = "externalId";
                }
                case 3 -> {
                    r.roomForOneKey();
                    r.metadata.put(keys.generate(in), validValues.generate(in));
                    what = "metadata key";
                }
                case 4 -> {
                    r.roomForOneKey();
                    r.metadata.put(validKeys.generate(in), values.generate(in));
                    what = "metadata value";
                }
                case 5 -> {
                    r.relationships.put(names.generate(in), List.of(validIds.generate(in)));
                    what = "relationship name";
                }
                case 6 -> {
                    if (Hostile.chance(in, 30)) {
                        List<String> list = new ArrayList<>(r.relationships.getOrDefault(RequestGenerators.WATCHERS, List.of()));
                        list.add(Hostile.range(in, 0, list.size()), ids.generate(in));
                        r.relationships.put(RequestGenerators.WATCHERS, list);
                    } else {
                        r.relationships.put(Hostile.pick(in, WRITABLE_HAS_ONE), List.of(ids.generate(in)));
                    }
                    what = "relationship id";
                }
                case 7 -> {
                    r.dueAt = instants.generate(in);
                    what = "dueAt";
                }
                case 8 -> {
                    what = r.nullSomewhere(in);
                    if (what.equals("request")) {
                        return new Create(null, Hostile.chance(in, 50), idempotencyKeys.generate(in), null, what);
                    }
                }
                case 9 -> {
                    tck = invalid.generate(in);
                    r = new Req(tck.request());
                    what = "TCK: " + tck.description();
                }
                case 10 -> {
                    r.title = Hostile.pick(in, Hostile.NEEDLE_TITLES);
                    what = "needle title";
                }
                default -> what = "valid";
            }
            boolean keyed = Hostile.chance(in, 45);
            return new Create(r.build(), keyed, keyed ? idempotencyKeys.generate(in) : null, tck, what);
        };
    }

    /** External ids: the seeded look-alikes (so that some clash exactly), the TCK's, and hostile ones. */
    static Gen<String> externalIds() {
        Gen<String> hostile = Hostile.strings(TaskGenerators.externalIds(), 255);
        return in -> Hostile.chance(in, 40) ? Hostile.pick(in, dev.tasks.reliability.hostile.Target.EXTERNAL_IDS) : hostile.generate(in);
    }

    // ------------------------------------------------------------------ update

    record Update(Aim target, TaskPatch base, UnaryOperator<TaskPatch> inject, String what, boolean withOptions,
                  boolean nullOptions, Version version, String key, InvalidUpdate tck, boolean repair) implements Step {
        @Override
        public void run(Session s) {
            TaskId id;
            if (tck != null) {
                id = Checks.setUp(s, tck.base());
            } else {
                id = target.resolve(s);
            }
            Task current = id == null ? null : s.state.get(id);
            TaskPatch patch = tck != null ? tck.patch() : base;
            if (tck == null && current != null && patch != null && repair) {
                patch = RequestGenerators.withinLimits(current, patch); // the base keeps every limit; the injection decides
            }
            patch = tck != null ? patch : inject.apply(patch);
            // A TCK case is about its patch alone: no version or key to fail first.
            boolean options = withOptions && !nullOptions && tck == null;
            OptionalLong expected = options ? resolve(version, current) : OptionalLong.empty();
            String k = options ? key : null;
            List<String> problems = new ArrayList<>();
            if (id == null) {
                problems.add("/id");
            } else if (patch == null) {
                problems.add("");
            } else {
                problems.addAll(Rules.patchProblems(patch, s.catalog()));
                Rules.keyProblems(k, problems);
                Rules.versionProblems(expected, problems);
            }
            Expect expect;
            UpdateRecord replayOf = null;
            UpdateRecord record = new UpdateRecord(id, patch, expected);
            if (!problems.isEmpty()) {
                expect = Expect.refused(problems);
            } else if (k != null && s.updateKeys.containsKey(k)) {
                replayOf = s.updateKeys.get(k);
                expect = !replayOf.equals(record) ? Expect.error(ErrorCode.IDEMPOTENCY_KEY_REUSED)
                        : !s.state.containsKey(id) ? Expect.error(ErrorCode.NOT_FOUND) : Expect.success();
            } else {
                expect = onTask(s, id, expected, true);
                if (expect == null) {
                    List<String> result = Rules.resultProblems(current, patch, s.catalog());
                    if (!result.isEmpty()) {
                        expect = Expect.refused(result);
                    } else if (patch.externalId() instanceof FieldPatch.SetTo<String> x && s.state.values().stream()
                            .anyMatch(t -> !t.id().equals(id) && t.externalId().equals(Optional.of(x.value())))) {
                        expect = Expect.error(ErrorCode.EXTERNAL_ID_CONFLICT);
                    } else {
                        expect = Expect.success();
                    }
                }
            }
            if (tck != null && expect.problems() == null) {
                throw new AssertionError(this + ": the TCK says this patch is invalid, the rules say it is not");
            }
            List<String> caller = new ArrayList<>(Texts.of(patch));
            caller.add(k);
            caller.add(id == null ? null : id.value());
            TaskPatch sent = patch;
            WriteOptions sentOptions = nullOptions ? null : new WriteOptions(expected, Optional.ofNullable(k));
            boolean fourArguments = withOptions && tck == null;
            Optional<Written> written = s.attempt(this, fourArguments ? "update+options" : "update", expect, caller,
                    List.of(new Watched(IdempotencyOperation.UPDATE, k)),
                    () -> fourArguments ? s.service().update(s.actor, id, sent, sentOptions) : new Written(s.service().update(s.actor, id, sent), false));
            if (written.isEmpty()) {
                if (tck != null) {
                    s.checkTckViolation(this, tck.pointer(), tck.code());
                }
                return;
            }
            Written w = written.get();
            if (replayOf != null) {
                assertThat(w.replayed()).as("%s: same key, same request: a replay", this).isTrue();
                assertThat(w.task()).as("a replay answers the task as it is now").isEqualTo(s.before.get(id));
                assertThat(s.state).as("a replay writes nothing").isEqualTo(s.before);
                return;
            }
            assertThat(w.replayed()).as("%s: no replay", this).isFalse();
            Checks.patched(current, sent, w.task(), this);
            Checks.replaced(s, w.task(), this);
            if (k != null) {
                s.updateKeys.put(k, record);
            }
        }

        @Override
        public String toString() {
            return (withOptions ? "update+options" : "update") + " [" + what + "] " + target
                    + (withOptions ? (nullOptions ? " options=null" : " version=" + version + " key=" + Hostile.show(key)) : "")
                    + (tck != null ? " TCK: " + tck : " base=" + Hostile.show(base));
        }
    }

    static Gen<Step> updates() {
        Gen<TaskPatch> bases = RequestGenerators.taskPatchesWithCustomRelationships();
        Gen<InvalidUpdate> invalid = RequestGenerators.invalidUpdates();
        Gen<String> titles = Hostile.strings(TaskGenerators.titles(), 500);
        Gen<String> descriptions = Hostile.strings(TaskGenerators.descriptions(), 20_000);
        Gen<String> externalIds = externalIds();
        Gen<String> keys = Hostile.strings(RequestGenerators.metadataKeys(), 40);
        Gen<String> values = Hostile.strings(TaskGenerators.metadataValues(), 500);
        Gen<String> validKeys = RequestGenerators.metadataKeys();
        Gen<String> ids = Hostile.entityIds();
        Gen<String> validIds = RequestGenerators.entityIds();
        Gen<String> names = Hostile.relationshipNames();
        Gen<Instant> instants = Hostile.instants();
        Gen<Aim> targets = aims();
        Gen<Version> versions = versions();
        Gen<String> idempotencyKeys = Hostile.keys();
        return in -> {
            TaskPatch base = bases.generate(in);
            UnaryOperator<TaskPatch> inject;
            String what;
            InvalidUpdate tck = null;
            switch (Hostile.range(in, 0, 14)) {
                case 0 -> {
                    String v = titles.generate(in);
                    inject = p -> with(p).title(FieldPatch.set(v)).build();
                    what = "title";
                }
                case 1 -> {
                    inject = p -> with(p).title(FieldPatch.cleared()).status(Hostile.chance(in, 50) ? FieldPatch.cleared() : p.status()).build();
                    what = "title/status cleared";
                }
                case 2 -> {
                    String v = descriptions.generate(in);
                    inject = p -> with(p).description(FieldPatch.set(v)).build();
                    what = "description";
                }
                case 3 -> {
                    Instant v = instants.generate(in);
                    inject = p -> with(p).dueAt(FieldPatch.set(v)).build();
                    what = "dueAt";
                }
                case 4 -> {
                    String v = externalIds.generate(in);
                    inject = p -> with(p).externalId(FieldPatch.set(v)).build();
                    what = "externalId";
                }
                case 5 -> {
                    String key = keys.generate(in);
                    String value = Hostile.chance(in, 20) ? null : "v";
                    inject = p -> with(p).metadata(key, value).build();
                    what = "metadata key";
                }
                case 6 -> {
                    String key = validKeys.generate(in);
                    String value = values.generate(in);
                    inject = p -> with(p).metadata(key, value).build();
                    what = "metadata value";
                }
                case 7 -> {
                    String name = names.generate(in);
                    String id = validIds.generate(in);
                    inject = p -> with(p).relationship(name, RelationshipPatch.replace(List.of(id))).build();
                    what = "relationship name";
                }
                case 8 -> {
                    String name = Hostile.chance(in, 30) ? RequestGenerators.WATCHERS : Hostile.pick(in, WRITABLE_HAS_ONE);
                    String id = ids.generate(in);
                    int part = Hostile.range(in, 0, 2);
                    RelationshipPatch change = part == 0 ? RelationshipPatch.add(List.of(id))
                            : part == 1 ? RelationshipPatch.remove(List.of(id)) : RelationshipPatch.replace(List.of(id));
                    inject = p -> with(p).relationship(name, change).build();
                    what = "relationship id";
                }
                case 9 -> {
                    int which = Hostile.range(in, 0, 4);
                    inject = p -> nulls(p, which);
                    what = "null #" + which;
                }
                case 10 -> {
                    tck = invalid.generate(in);
                    inject = UnaryOperator.identity();
                    what = "TCK: " + tck.description();
                }
                case 11 -> {
                    String v = Hostile.pick(in, Hostile.NEEDLE_TITLES);
                    inject = p -> with(p).title(FieldPatch.set(v)).build();
                    what = "needle title";
                }
                default -> {
                    inject = UnaryOperator.identity();
                    what = "valid";
                }
            }
            boolean withOptions = Hostile.chance(in, 60);
            boolean nullOptions = withOptions && Hostile.chance(in, 5);
            String key = Hostile.chance(in, 50) ? idempotencyKeys.generate(in) : null;
            return new Update(targets.generate(in), base, inject, what, withOptions, nullOptions, versions.generate(in), key, tck, true);
        };
    }

    /** A builder that starts from a patch (the core has no toBuilder for patches). */
    static TaskPatch.Builder with(TaskPatch p) {
        TaskPatch.Builder b = TaskPatch.builder().title(p.title()).description(p.description()).status(p.status())
                .dueAt(p.dueAt()).externalId(p.externalId());
        if (p.clearMetadata()) {
            b.clearMetadata();
        }
        p.metadata().forEach(b::metadata);
        p.relationships().forEach(b::relationship);
        return b;
    }

    /** Nulls where values are expected: a null metadata key, relationship name, change, id, or no patch at all. */
    private static TaskPatch nulls(TaskPatch p, int which) {
        Map<String, String> metadata = new LinkedHashMap<>(p.metadata());
        Map<String, RelationshipPatch> relationships = new LinkedHashMap<>(p.relationships());
        switch (which) {
            case 0 -> metadata.put(null, "v");
            case 1 -> relationships.put(null, RelationshipPatch.clear());
            case 2 -> relationships.put(SystemRelationship.ACCOUNT.relationshipName(), null);
            case 3 -> relationships.put(RequestGenerators.WATCHERS, RelationshipPatch.add(Arrays.asList("x_1", null)));
            default -> {
                return null;
            }
        }
        return new TaskPatch(p.title(), p.description(), p.status(), p.dueAt(), p.externalId(), p.clearMetadata(), metadata, relationships);
    }

    // ------------------------------------------------------------------ status, trash, restore, delete

    record ChangeStatus(Aim target, TaskStatus status, boolean withVersion, Version version) implements Step {
        @Override
        public void run(Session s) {
            TaskId id = target.resolve(s);
            Task current = id == null ? null : s.state.get(id);
            OptionalLong expected = withVersion ? resolve(version == Version.NONE ? Version.CURRENT : version, current) : OptionalLong.empty();
            List<String> problems = new ArrayList<>();
            if (id == null) {
                problems.add("/id");
            } else {
                Rules.versionProblems(expected, problems);
                if (status == null) {
                    problems.add("/status");
                }
            }
            Expect expect = !problems.isEmpty() ? Expect.refused(problems) : Objects.requireNonNullElse(onTask(s, id, expected, true), Expect.success());
            Optional<Task> result = s.attempt(this, withVersion ? "changeStatus+version" : "changeStatus", expect, ids(id), List.of(),
                    () -> withVersion ? s.service().changeStatus(s.actor, id, status, expected.getAsLong()) : s.service().changeStatus(s.actor, id, status));
            result.ifPresent(t -> {
                Checks.patched(current, TaskPatch.builder().status(status).build(), t, this);
                Checks.replaced(s, t, this);
            });
        }
    }

    record TrashRestoreDelete(String operation, Aim target, boolean withVersion, Version version) implements Step {
        @Override
        public void run(Session s) {
            TaskId id = target.resolve(s);
            Task current = id == null ? null : s.state.get(id);
            OptionalLong expected = withVersion ? resolve(version == Version.NONE ? Version.CURRENT : version, current) : OptionalLong.empty();
            List<String> problems = new ArrayList<>();
            if (id == null) {
                problems.add("/id");
            } else {
                Rules.versionProblems(expected, problems);
            }
            Expect expect = !problems.isEmpty() ? Expect.refused(problems) : Objects.requireNonNullElse(onTask(s, id, expected, false), Expect.success());
            var service = s.service();
            Optional<Object> result = s.attempt(this, operation + (withVersion ? "+version" : ""), expect, ids(id), List.of(), () -> switch (operation) {
                case "trash" -> withVersion ? service.trash(s.actor, id, expected.getAsLong()) : service.trash(s.actor, id);
                case "restore" -> withVersion ? service.restore(s.actor, id, expected.getAsLong()) : service.restore(s.actor, id);
                default -> {
                    if (withVersion) {
                        service.delete(s.actor, id, expected.getAsLong());
                    } else {
                        service.delete(s.actor, id);
                    }
                    yield "deleted";
                }
            });
            if (result.isEmpty()) {
                return;
            }
            if (operation.equals("delete")) {
                Map<TaskId, Task> left = new TreeMap<>(s.before);
                left.remove(id);
                assertThat(s.state).as("%s: exactly the task is gone", this).isEqualTo(left);
                s.gone.add(id);
                return;
            }
            Task t = (Task) result.get();
            boolean trash = operation.equals("trash");
            if (current.isTrashed() == trash) {
                assertThat(t).as("%s: nothing to change", this).isEqualTo(current);
            } else {
                assertThat(t.version()).isEqualTo(current.version() + 1);
                assertThat(t.trashedAt().isPresent()).isEqualTo(trash);
                assertThat(t.toBuilder().trashedAt(null).updatedAt(current.updatedAt()).version(current.version()).build())
                        .as("%s changes the trash only", this).isEqualTo(current.toBuilder().trashedAt(null).build());
                assertThat(t.updatedAt()).isAfterOrEqualTo(current.updatedAt());
                t.trashedAt().ifPresent(at -> assertThat(at).isEqualTo(t.updatedAt()));
            }
            Checks.replaced(s, t, this);
        }
    }

    static Gen<Step> statusChanges() {
        Gen<Aim> targets = aims();
        Gen<Version> versions = versions();
        List<TaskStatus> statuses = new ArrayList<>(List.of(TaskStatus.values()));
        statuses.add(null);
        return in -> new ChangeStatus(targets.generate(in), Hostile.pick(in, statuses), Hostile.chance(in, 50), versions.generate(in));
    }

    static Gen<Step> trashRestoreDelete() {
        Gen<Aim> targets = aims();
        Gen<Version> versions = versions();
        return in -> new TrashRestoreDelete(Hostile.pick(in, List.of("trash", "trash", "restore", "restore", "delete")),
                targets.generate(in), Hostile.chance(in, 50), versions.generate(in));
    }

    // ------------------------------------------------------------------ reads

    record Read(Aim target, boolean find) implements Step {
        @Override
        public void run(Session s) {
            TaskId id = target.resolve(s);
            Expect expect = id == null ? Expect.refused(List.of("/id"))
                    : !find && !s.state.containsKey(id) ? Expect.error(ErrorCode.NOT_FOUND) : Expect.success();
            Optional<Object> result = s.attempt(this, find ? "find" : "get", expect, ids(id), List.of(),
                    () -> find ? s.service().find(s.actor, id) : s.service().get(s.actor, id));
            result.ifPresent(r -> assertThat(r).as("%s reads the task as stored", this)
                    .isEqualTo(find ? Optional.ofNullable(s.before.get(id)) : s.before.get(id)));
            assertThat(s.state).isEqualTo(s.before);
        }
    }

    static Gen<Step> reads() {
        Gen<Aim> targets = aims();
        return in -> new Read(targets.generate(in), Hostile.chance(in, 50));
    }

    record FindByExternalId(String externalId) implements Step {
        @Override
        public void run(Session s) {
            Expect expect = Rules.externalId(externalId) ? Expect.success() : Expect.refused(List.of("/externalId"));
            Optional<Optional<Task>> result = s.attempt(this, "findByExternalId", expect, Collections.singletonList(externalId), List.of(),
                    () -> s.service().findByExternalId(s.actor, externalId));
            result.ifPresent(r -> assertThat(r).as("%s finds exactly the task with this external id", this)
                    .isEqualTo(s.before.values().stream().filter(t -> t.externalId().equals(Optional.of(externalId))).findFirst()));
        }

        @Override
        public String toString() {
            return "findByExternalId " + Hostile.show(externalId);
        }
    }

    static Gen<Step> findsByExternalId() {
        Gen<String> values = externalIds();
        return in -> new FindByExternalId(Hostile.chance(in, 5) ? null : values.generate(in));
    }

    // ------------------------------------------------------------------ lists and counts

    /** Where a list starts: no cursor, or one handed out, mangled, forged, another tenant's, another query's. */
    enum CursorKind { NONE, OWN, OWN_OTHER_QUERY, STRANGER, OTHER_SECRET, FLIPPED_BIT, TRUNCATED, EXTENDED, RESPELLED, FORGED, JUNK }

    record ListTasks(TaskFilter filter, TaskSort sort, int limit, int offset, CursorKind cursorKind, int at, String junk,
                 boolean nullQuery) implements Step {
        @Override
        public void run(Session s) {
            String cursor = nullQuery ? null : cursor(s);
            TaskQuery query = nullQuery ? null : new TaskQuery(filter, sort, limit, Optional.ofNullable(cursor), offset);
            List<String> problems = Rules.queryProblems(query, s.catalog());
            Optional<IssuedCursor> issued = Optional.empty();
            Expect expect;
            if (!problems.isEmpty()) {
                expect = Expect.refused(problems);
            } else if (cursor != null) {
                issued = s.issuedFor(cursor).filter(c -> c.filter().equals(filter) && c.sort().equals(sort));
                expect = issued.isPresent() ? Expect.success() : Expect.refused(List.of("/cursor"));
            } else {
                expect = Expect.success();
            }
            List<String> caller = new ArrayList<>(Texts.of(filter));
            caller.add(cursor);
            Optional<TaskPage> page = s.attempt(this, "list", expect, caller, List.of(), () -> s.service().list(s.actor, query));
            if (page.isEmpty()) {
                return;
            }
            Optional<IssuedCursor> from = issued;
            List<Task> matching = s.before.values().stream().filter(filter::matches).sorted(sort.comparator())
                    .filter(t -> from.isEmpty() || sort.isAfter(t, from.get().position())).toList();
            List<Task> expected = matching.stream().skip(offset).limit(limit).toList();
            assertThat(page.get().tasks()).as("%s: the page, in order (%d match)", this, matching.size()).isEqualTo(expected);
            assertThat(page.get().hasMore()).as("%s: a next page iff more match", this).isEqualTo(matching.size() > offset + limit);
            page.get().nextCursor().ifPresent(c -> s.issued(c, filter, sort, expected.get(expected.size() - 1)));
            assertThat(s.state).isEqualTo(s.before);
        }

        /** Makes the cursor this step asks for; the calls it takes are setup, not tries. */
        private String cursor(Session s) {
            if (cursorKind == CursorKind.NONE) {
                return null;
            }
            boolean valid = filter != null && sort != null && Rules.filterProblems(filter, "", s.catalog()).isEmpty();
            String own = valid ? handedOut(s, s.target.service, s.actor, filter, sort) : null;
            byte[] raw = own == null ? null : Base64.getUrlDecoder().decode(own);
            return switch (cursorKind) {
                case NONE -> null;
                case OWN -> own;
                case OWN_OTHER_QUERY -> valid ? handedOut(s, s.target.service, s.actor, filter,
                        TaskSort.by(sort.field(), sort.direction() == SortDirection.ASC ? SortDirection.DESC : SortDirection.ASC)) : junk;
                case STRANGER -> handedOut(s, s.target.service, s.target.stranger, TaskFilter.builder().trashed(TrashFilter.INCLUDE).build(), TaskSort.DEFAULT);
                case OTHER_SECRET -> valid ? handedOut(s, s.target.otherSecret, s.actor, filter, sort) : junk;
                case FLIPPED_BIT -> {
                    if (raw == null) {
                        yield junk;
                    }
                    raw[at % raw.length] ^= (byte) (1 << (at % 8));
                    yield Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
                }
                case TRUNCATED -> own == null ? junk : own.substring(0, at % own.length());
                case EXTENDED -> own == null ? junk : own + junk;
                case RESPELLED -> own == null ? junk : respell(own, at);
                case FORGED -> {
                    byte[] forged = new byte[58];
                    new java.util.Random(at).nextBytes(forged);
                    forged[0] = 1;
                    yield Base64.getUrlEncoder().withoutPadding().encodeToString(forged);
                }
                case JUNK -> junk;
            };
        }

        @Override
        public String toString() {
            return nullQuery ? "list null" : "list filter=" + Hostile.show(filter) + " sort=" + sort + " limit=" + limit + " offset=" + offset
                    + " cursor=" + cursorKind + (cursorKind == CursorKind.NONE ? "" : "@" + at + " junk=" + Hostile.show(junk));
        }
    }

    /** Another spelling of a cursor: padded, in the standard alphabet, with one character changed, or cased. */
    private static String respell(String cursor, int at) {
        return switch (at % 4) {
            case 0 -> cursor + "==";
            case 1 -> cursor.replace('-', '+').replace('_', '/');
            case 2 -> {
                char[] c = cursor.toCharArray();
                int i = at % c.length;
                c[i] = c[i] == 'A' ? 'B' : 'A';
                yield new String(c);
            }
            default -> cursor.toUpperCase(java.util.Locale.ROOT);
        };
    }

    /** The next-page cursor of a first page of one task (or none if one page holds everything). */
    static String handedOut(Session s, dev.tasks.api.TaskService service, dev.tasks.api.Actor actor, TaskFilter filter, TaskSort sort) {
        TaskPage page = service.list(actor, TaskQuery.builder().filter(filter).sort(sort).limit(1).build());
        if (page.nextCursor().isPresent() && service == s.target.service && actor == s.actor) {
            s.issued(page.nextCursor().get(), filter, sort, page.tasks().get(0));
        }
        return page.nextCursor().orElse(null);
    }

    static Gen<Step> lists() {
        Gen<TaskFilter> filters = filters();
        Gen<TaskSort> sorts = TaskGenerators.sorts();
        Gen<Integer> ints = Hostile.ints();
        Gen<String> junk = Hostile.strings(in -> "AQAAAA", 128);
        return in -> {
            boolean nullQuery = Hostile.chance(in, 2);
            TaskFilter filter = Hostile.chance(in, 3) ? null : filters.generate(in);
            TaskSort sort = Hostile.chance(in, 3) ? null : sorts.generate(in);
            int limit = Hostile.chance(in, 75) ? Hostile.range(in, 1, 6) : ints.generate(in);
            int offset = Hostile.chance(in, 70) ? 0 : Hostile.chance(in, 50) ? Hostile.range(in, 0, 8) : ints.generate(in);
            CursorKind kind = Hostile.chance(in, 45) ? CursorKind.NONE : Hostile.pick(in, List.of(CursorKind.values()));
            return new ListTasks(filter, sort, limit, kind == CursorKind.NONE ? offset : (Hostile.chance(in, 85) ? 0 : offset), kind,
                    Hostile.range(in, 0, 10_000), junk.generate(in), nullQuery);
        };
    }

    record Count(TaskFilter filter) implements Step {
        @Override
        public void run(Session s) {
            List<String> problems = filter == null ? List.of("") : Rules.filterProblems(filter, "", s.catalog());
            Expect expect = problems.isEmpty() ? Expect.success() : Expect.refused(problems);
            Optional<Long> n = s.attempt(this, "count", expect, Texts.of(filter), List.of(), () -> s.service().count(s.actor, filter));
            n.ifPresent(count -> assertThat(count).as("%s counts what the filter selects", this)
                    .isEqualTo(s.before.values().stream().filter(filter::matches).count()));
        }

        @Override
        public String toString() {
            return "count " + Hostile.show(filter);
        }
    }

    static Gen<Step> counts() {
        Gen<TaskFilter> filters = filters();
        return in -> new Count(Hostile.chance(in, 3) ? null : filters.generate(in));
    }

    /** The TCK's valid filters with hostility in one criterion: titleContains above all (LIKE), then the others. */
    static Gen<TaskFilter> filters() {
        Gen<TaskFilter> bases = TaskGenerators.filters(dev.tasks.core.RelationshipCatalog.withCustom(RequestGenerators.customRelationships()),
                TaskGenerators.instants());
        Gen<String> fragments = Hostile.strings(in -> Hostile.pick(in, Hostile.NEEDLES), 500);
        Gen<String> externalIds = externalIds();
        Gen<String> ids = Hostile.entityIds();
        Gen<String> names = Hostile.relationshipNames();
        Gen<String> keys = Hostile.strings(RequestGenerators.metadataKeys(), 40);
        Gen<String> values = Hostile.strings(TaskGenerators.metadataValues(), 500);
        Gen<Instant> instants = Hostile.instants();
        return in -> {
            TaskFilter.Builder b = bases.generate(in).toBuilder();
            switch (Hostile.range(in, 0, 13)) {
                case 0, 1, 2, 3 -> b.titleContains(Hostile.chance(in, 60) ? Hostile.pick(in, Hostile.NEEDLES) : fragments.generate(in));
                case 4 -> b.externalId(externalIds.generate(in));
                case 5 -> b.assignee(Hostile.chance(in, 10) ? null : ids.generate(in));
                case 6 -> b.relatedTo(Hostile.chance(in, 10) ? null
                        : Hostile.chance(in, 50) ? RelatedTo.in(names.generate(in), ids.generate(in)) : RelatedTo.any(ids.generate(in)));
                case 7 -> b.metadata(Hostile.chance(in, 5) ? null : keys.generate(in), Hostile.chance(in, 5) ? null : values.generate(in));
                case 8 -> {
                    Instant t = instants.generate(in);
                    switch (Hostile.range(in, 0, 5)) {
                        case 0 -> b.dueAfter(t);
                        case 1 -> b.dueBefore(t);
                        case 2 -> b.createdAfter(t);
                        case 3 -> b.createdBefore(t);
                        case 4 -> b.updatedAfter(t);
                        default -> b.updatedBefore(t);
                    }
                }
                case 9 -> {
                    if (Hostile.chance(in, 50)) {
                        b.statuses(Collections.<TaskStatus>singleton(null));
                    } else {
                        b.trashed(null);
                    }
                }
                case 10 -> {
                    int n = Hostile.range(in, 0, 2);
                    for (int i = 0; i <= (n == 0 ? 100 : 20); i++) {
                        if (n == 0) {
                            b.assignee("mem_" + i);
                        } else if (n == 1) {
                            b.relatedTo(RelatedTo.any("x_" + i));
                        } else {
                            b.metadata("k" + i, "v");
                        }
                    }
                }
                default -> {
                    // the TCK's valid filter as it is
                }
            }
            return b.build();
        };
    }

    static List<String> ids(TaskId id) {
        return Collections.singletonList(id == null ? null : id.value());
    }

    // ------------------------------------------------------------------ a mutable create request

    /** A create request to break one thing in (the core's builder cannot hold nulls where values are expected). */
    static final class Req {
        String title;
        String description;
        TaskStatus status;
        Instant dueAt;
        String externalId;
        final Map<String, String> metadata;
        final Map<String, List<String>> relationships;

        Req(NewTask t) {
            title = t.title();
            description = t.description().orElse(null);
            status = t.status();
            dueAt = t.dueAt().orElse(null);
            externalId = t.externalId().orElse(null);
            metadata = new LinkedHashMap<>(t.metadata());
            relationships = new LinkedHashMap<>(t.relationships());
        }

        /** Drops a key if the request has the most it may have, so that one more is about the new key alone. */
        void roomForOneKey() {
            if (metadata.size() >= Rules.MAX_METADATA_KEYS) {
                metadata.remove(metadata.keySet().iterator().next());
            }
        }

        String nullSomewhere(RandomnessSource in) {
            switch (Hostile.range(in, 0, 7)) {
                case 0 -> {
                    title = null;
                    return "null title";
                }
                case 1 -> {
                    status = null;
                    return "null status";
                }
                case 2 -> {
                    roomForOneKey();
                    metadata.put("k1", null);
                    return "null metadata value";
                }
                case 3 -> {
                    roomForOneKey();
                    metadata.put(null, "v");
                    return "null metadata key";
                }
                case 4 -> {
                    relationships.put(null, List.of("x_1"));
                    return "null relationship name";
                }
                case 5 -> {
                    relationships.put(RequestGenerators.WATCHERS, null);
                    return "null relationship list";
                }
                case 6 -> {
                    relationships.put(SystemRelationship.SITE.relationshipName(), Arrays.asList((String) null));
                    return "null entity id";
                }
                default -> {
                    return "request";
                }
            }
        }

        NewTask build() {
            return new NewTask(title, Optional.ofNullable(description), status, Optional.ofNullable(dueAt),
                    Optional.ofNullable(externalId), metadata, relationships);
        }
    }

    // ------------------------------------------------------------------ checks of successes

    /** What a success must have done, written from the documented rules rather than from the library's code. */
    static final class Checks {

        private Checks() {
        }

        /** A created task is the request, with the defaults: version 1, now, $createdBy the caller, duplicates dropped. */
        static void created(NewTask r, Task t, Session s) {
            assertThat(t.tenantId()).isEqualTo(s.tenant);
            assertThat(t.title()).as("title, exactly").isEqualTo(r.title());
            assertThat(t.description()).as("description, exactly").isEqualTo(r.description());
            assertThat(t.status()).isEqualTo(r.status());
            assertThat(t.dueAt()).as("dueAt, to the millisecond").isEqualTo(r.dueAt().map(d -> d.truncatedTo(ChronoUnit.MILLIS)));
            assertThat(t.externalId()).as("externalId, exactly").isEqualTo(r.externalId());
            assertThat(t.metadata()).as("metadata, exactly").isEqualTo(r.metadata());
            assertThat(t.version()).isEqualTo(1);
            assertThat(t.trashedAt()).isEmpty();
            assertThat(t.updatedAt()).isEqualTo(t.createdAt());
            assertThat(t.completedAt()).isEqualTo(r.status() == TaskStatus.COMPLETE ? Optional.of(t.createdAt()) : Optional.empty());
            Map<String, List<String>> expected = new TreeMap<>();
            r.relationships().forEach((name, ids) -> {
                if (!ids.isEmpty()) {
                    expected.put(name, List.copyOf(new LinkedHashSet<>(ids)));
                }
            });
            expected.putIfAbsent(SystemRelationship.CREATED_BY.relationshipName(), List.of(s.actor.principal()));
            assertThat(t.relationships()).as("relationships: duplicates dropped, $createdBy the caller's by default").isEqualTo(expected);
        }

        /** A changed task is the patch applied by the documented rules; nothing changed means the same task. */
        static void patched(Task current, TaskPatch p, Task t, Object step) {
            String title = p.title() instanceof FieldPatch.SetTo<String> v ? v.value() : current.title();
            Optional<String> description = apply(p.description(), current.description());
            Optional<Instant> dueAt = apply(p.dueAt(), current.dueAt()).map(d -> d.truncatedTo(ChronoUnit.MILLIS));
            Optional<String> externalId = apply(p.externalId(), current.externalId());
            TaskStatus status = p.status() instanceof FieldPatch.SetTo<TaskStatus> v ? v.value() : current.status();
            Map<String, String> metadata = p.clearMetadata() || !p.metadata().isEmpty() ? new TreeMap<>(Rules.applyMetadata(current, p))
                    : current.metadata();
            Map<String, List<String>> relationships = new TreeMap<>(current.relationships());
            p.relationships().forEach((name, change) -> {
                List<String> ids = Rules.applyRelationship(current.relationship(name), change);
                if (ids.isEmpty()) {
                    relationships.remove(name);
                } else {
                    relationships.put(name, ids);
                }
            });
            boolean changed = !title.equals(current.title()) || !description.equals(current.description()) || !dueAt.equals(current.dueAt())
                    || !externalId.equals(current.externalId()) || status != current.status() || !metadata.equals(current.metadata())
                    || !relationships.equals(current.relationships());
            if (!changed) {
                assertThat(t).as("%s changes nothing: the task as it was", step).isEqualTo(current);
                return;
            }
            assertThat(List.of(t.id(), t.tenantId(), t.title(), t.description(), t.dueAt(), t.externalId(), t.status(), t.metadata(),
                    t.relationships(), t.createdAt(), t.trashedAt(), t.version()))
                    .as("%s: the patch applied", step)
                    .isEqualTo(List.of(current.id(), current.tenantId(), title, description, dueAt, externalId, status, metadata,
                            relationships, current.createdAt(), current.trashedAt(), current.version() + 1));
            assertThat(t.updatedAt()).as("no change is stamped before an earlier one").isAfterOrEqualTo(current.updatedAt());
            Optional<Instant> completedAt = status != TaskStatus.COMPLETE ? Optional.empty()
                    : current.status() == TaskStatus.COMPLETE ? current.completedAt() : Optional.of(t.updatedAt());
            assertThat(t.completedAt()).as("completedAt follows COMPLETE").isEqualTo(completedAt);
        }

        private static <T> Optional<T> apply(FieldPatch<T> patch, Optional<T> current) {
            if (patch instanceof FieldPatch.SetTo<T> v) {
                return Optional.of(v.value());
            }
            return patch instanceof FieldPatch.Cleared ? Optional.empty() : current;
        }

        /** The store holds exactly the changed task in place of the old one, as returned. */
        static void replaced(Session s, Task t, Object step) {
            Map<TaskId, Task> expected = new TreeMap<>(s.before);
            expected.put(t.id(), t);
            assertThat(s.state).as("%s: the store holds the task as returned, and nothing else changed", step).isEqualTo(expected);
        }

        /** Creates the task an invalid TCK patch applies to (setup: not a try); without its external id if that clashes. */
        static TaskId setUp(Session s, NewTask base) {
            NewTask request = base;
            if (base.externalId().isPresent() && s.state.values().stream().anyMatch(t -> t.externalId().equals(base.externalId()))) {
                request = new NewTask(base.title(), base.description(), base.status(), base.dueAt(), Optional.empty(), base.metadata(),
                        base.relationships());
            }
            TaskId id = s.service().create(s.actor, request).id();
            s.refresh();
            return id;
        }
    }

    // ------------------------------------------------------------------ the caller's strings

    /** Every string a request carries: what an error message may quote back. */
    static final class Texts {
        private Texts() {
        }

        static List<String> of(NewTask r) {
            List<String> out = new ArrayList<>();
            if (r != null) {
                out.add(r.title());
                r.description().ifPresent(out::add);
                r.externalId().ifPresent(out::add);
                r.metadata().forEach((k, v) -> {
                    out.add(k);
                    out.add(v);
                });
                r.relationships().forEach((name, ids) -> {
                    out.add(name);
                    if (ids != null) {
                        out.addAll(ids);
                    }
                });
            }
            return out;
        }

        static List<String> of(TaskPatch p) {
            List<String> out = new ArrayList<>();
            if (p != null) {
                value(p.title(), out);
                value(p.description(), out);
                value(p.externalId(), out);
                p.metadata().forEach((k, v) -> {
                    out.add(k);
                    out.add(v);
                });
                p.relationships().forEach((name, change) -> {
                    out.add(name);
                    if (change != null) {
                        out.addAll(change.add());
                        out.addAll(change.remove());
                        change.replace().ifPresent(out::addAll);
                    }
                });
            }
            return out;
        }

        static List<String> of(TaskFilter f) {
            List<String> out = new ArrayList<>();
            if (f != null) {
                out.addAll(f.assignees());
                f.relatedTo().forEach(r -> {
                    if (r != null) {
                        r.relationship().ifPresent(out::add);
                        out.add(r.entityId());
                    }
                });
                f.externalId().ifPresent(out::add);
                f.metadata().forEach((k, v) -> {
                    out.add(k);
                    out.add(v);
                });
                f.titleContains().ifPresent(out::add);
            }
            return out;
        }

        private static void value(FieldPatch<String> field, Collection<String> out) {
            if (field instanceof FieldPatch.SetTo<String> v) {
                out.add(v.value());
            }
        }
    }

}
