package dev.tasks.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tasks.core.FieldPatch;
import dev.tasks.core.NewTask;
import dev.tasks.core.RelationshipPatch;
import dev.tasks.core.Task;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.TaskStatus;
import dev.tasks.store.tck.RequestGenerators;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * The rules of DESIGN's domain table as properties, through {@link TaskService} on the in-memory store:
 * what a create makes, and what every sequence of operations keeps.
 */
class DomainRulesPropertyTest {

    record CreateInput(NewTask request, Instant clock, String principal) {
    }

    @Test
    void validCreateRequestsMakeTheTaskTheyAskFor() {
        // An explicit empty $createdBy list is left out here: see anEmptyCreatedByListStillMeansTheCaller.
        Gen<CreateInput> inputs = RequestGenerators.newTasksWithCustomRelationships().map(DomainRulesPropertyTest::withoutEmptyCreatedBy)
                .zip(Fixture.clockStarts(), Fixture.principals(), CreateInput::new);
        Pbt.check(inputs, in -> {
            Fixture f = new Fixture(in.clock(), in.principal());
            Instant now = f.now();
            NewTask r = in.request();

            Task t = f.service.create(f.actor, r);

            assertThat(t.version()).as("version on create").isEqualTo(1);
            assertThat(t.createdAt()).as("createdAt: the clock, truncated to ms").isEqualTo(now);
            assertThat(t.updatedAt()).as("updatedAt == createdAt").isEqualTo(now);
            assertThat(t.tenantId()).isEqualTo(Fixture.TENANT);
            assertThat(t.status()).isEqualTo(r.status());
            assertThat(t.completedAt()).as("completedAt exactly when COMPLETE")
                    .isEqualTo(r.status() == TaskStatus.COMPLETE ? java.util.Optional.of(now) : java.util.Optional.empty());
            List<String> givenCreator = r.relationships().getOrDefault(RequestGenerators.CREATED_BY, List.of());
            assertThat(t.createdBy()).as("$createdBy: the one given, else the caller")
                    .contains(givenCreator.isEmpty() ? in.principal() : givenCreator.get(0));
            assertThat(t.metadata()).isEqualTo(r.metadata());
            assertThat(t.trashedAt()).isEmpty();
            assertThat(t.id().value()).matches("task_[0-9a-z]{16}");
            assertThat(t).as("the whole task").isEqualTo(TaskModel.created(r, t.id(), Fixture.TENANT, in.principal(), now));
            TaskModel.assertInvariants(t);

            assertThat(f.service.get(f.actor, t.id())).as("get returns what create returned").isEqualTo(t);
            assertThat(f.count(Fixture.TENANT)).isEqualTo(1);

            // Without a status, a request asks for OPEN; without $createdBy, the caller created it.
            Task minimal = f.service.create(f.actor, NewTask.titled(r.title()));
            assertThat(minimal.status()).isEqualTo(TaskStatus.OPEN);
            assertThat(minimal.completedAt()).isEmpty();
            assertThat(minimal.createdBy()).contains(in.principal());
            assertThat(minimal.relationships()).containsOnlyKeys(RequestGenerators.CREATED_BY);
        });
    }

    /** DESIGN: {@code $createdBy} "defaults to the caller", also when the request gives an empty list. */
    @Test
    void anEmptyCreatedByListStillMeansTheCaller() {
        Gen<CreateInput> inputs = RequestGenerators.newTasksWithCustomRelationships()
                .map(r -> { // the same request, with an explicit empty $createdBy
                    Map<String, List<String>> rels = new java.util.LinkedHashMap<>(r.relationships());
                    rels.put(RequestGenerators.CREATED_BY, List.of());
                    return new NewTask(r.title(), r.description(), r.status(), r.dueAt(), r.externalId(), r.metadata(), rels);
                })
                .zip(Fixture.clockStarts(), Fixture.principals(), CreateInput::new);
        Pbt.check(inputs, in -> {
            Fixture f = new Fixture(in.clock(), in.principal());
            Task t = f.service.create(f.actor, in.request());
            assertThat(t.createdBy()).as("$createdBy defaults to the caller").contains(in.principal());
        });
    }

    static NewTask withoutEmptyCreatedBy(NewTask r) {
        List<String> creator = r.relationships().get(RequestGenerators.CREATED_BY);
        if (creator == null || !creator.isEmpty()) {
            return r;
        }
        Map<String, List<String>> rels = new java.util.LinkedHashMap<>(r.relationships());
        rels.remove(RequestGenerators.CREATED_BY);
        return new NewTask(r.title(), r.description(), r.status(), r.dueAt(), r.externalId(), r.metadata(), rels);
    }

    // ---- sequences of operations

    sealed interface Op permits Patch, EchoPatch, EmptyPatch, ChangeStatus, SameStatus, Trash, Restore {
    }

    /** A patch valid on its own; its result may break a limit, and must then be refused. */
    record Patch(TaskPatch patch) implements Op {
    }

    /** A patch that sets every field to the value it has: not an effective change. */
    record EchoPatch() implements Op {
    }

    record EmptyPatch() implements Op {
    }

    record ChangeStatus(TaskStatus status) implements Op {
    }

    record SameStatus() implements Op {
    }

    record Trash() implements Op {
    }

    record Restore() implements Op {
    }

    record Step(Duration clockStep, Op op) {
    }

    record SequenceInput(NewTask initial, Instant clock, List<Step> steps) {
    }

    static Gen<Op> ops() {
        Gen<TaskPatch> patches = RequestGenerators.taskPatchesWithCustomRelationships();
        Gen<TaskStatus> statuses = Generate.enumValues(TaskStatus.class);
        return in -> switch (Generate.range(0, 19).generate(in)) {
            case 0 -> new EchoPatch();
            case 1 -> new EmptyPatch();
            case 2, 3, 4, 5 -> new ChangeStatus(statuses.generate(in));
            case 6 -> new SameStatus();
            case 7, 8 -> new Trash();
            case 9, 10 -> new Restore();
            default -> new Patch(patches.generate(in));
        };
    }

    @Test
    void everySequenceOfOperationsKeepsTheRules() {
        Gen<Step> steps = Fixture.clockSteps().zip(ops(), Step::new);
        Gen<SequenceInput> inputs = RequestGenerators.newTasksWithCustomRelationships()
                .zip(Fixture.clockStarts(), SourceDSL.lists().of(steps).ofSizeBetween(1, 25), SequenceInput::new);
        Pbt.check(inputs, in -> {
            Fixture f = new Fixture(in.clock());
            Task first = f.service.create(f.actor, in.initial());
            TaskId id = first.id();
            Task before = first;
            for (Step step : in.steps()) {
                f.clock.advance(step.clockStep());
                Instant now = f.now();
                Task after = run(f, id, before, step.op(), now);

                Task stored = f.service.get(f.actor, id);
                assertThat(stored).as("stored == returned after %s", step).isEqualTo(after);
                TaskModel.assertInvariants(stored);
                assertThat(stored.createdAt()).as("createdAt never changes").isEqualTo(first.createdAt());
                assertThat(stored.createdBy()).as("$createdBy never changes").isEqualTo(first.createdBy());
                assertThat(stored.id()).isEqualTo(id);
                assertThat(stored.updatedAt()).as("updatedAt never moves backwards").isAfterOrEqualTo(before.updatedAt());
                boolean effective = TaskModel.effective(before, stored);
                assertThat(stored.version()).as("version +1 exactly on an effective change (%s)", step)
                        .isEqualTo(before.version() + (effective ? 1 : 0));
                if (!effective) {
                    assertThat(stored.updatedAt()).as("updatedAt moves only on an effective change").isEqualTo(before.updatedAt());
                }
                if (stored.status() == TaskStatus.COMPLETE && before.status() == TaskStatus.COMPLETE) {
                    assertThat(stored.completedAt()).as("completedAt unchanged while staying COMPLETE").isEqualTo(before.completedAt());
                } else if (stored.status() == TaskStatus.COMPLETE) {
                    // now, or the last updatedAt if the clock stepped back: no stamp precedes an earlier one
                    assertThat(stored.completedAt()).as("completedAt set to now on entering COMPLETE")
                            .contains(TaskModel.stamp(before, now)).contains(stored.updatedAt());
                }
                assertThat(f.count(Fixture.TENANT)).isEqualTo(1);
                before = stored;
            }
        });
    }

    /** Runs one operation, checks its answer against the model, and returns the task it answered. */
    private static Task run(Fixture f, TaskId id, Task before, Op op, Instant now) {
        TaskService s = f.service;
        Actor a = f.actor;
        if (op instanceof Trash) {
            Task after = s.trash(a, id);
            assertThat(after).as("trash").isEqualTo(TaskModel.expected(before, TaskModel.trashed(before, now), now));
            return after;
        }
        if (op instanceof Restore) {
            Task after = s.restore(a, id);
            assertThat(after).as("restore").isEqualTo(TaskModel.expected(before, TaskModel.restored(before), now));
            return after;
        }
        TaskStatus status = op instanceof ChangeStatus c ? c.status() : op instanceof SameStatus ? before.status() : null;
        TaskPatch patch = op instanceof Patch p ? p.patch()
                : op instanceof EchoPatch ? echo(before)
                : op instanceof EmptyPatch ? TaskPatch.EMPTY : null;
        Supplier<Task> call = status != null ? () -> s.changeStatus(a, id, status) : () -> s.update(a, id, patch);
        if (before.isTrashed()) {
            TaskTrashedException e = catchThrowableOfType(TaskTrashedException.class, call::get);
            assertThat(e).as("a trashed task refuses %s", op).isNotNull();
            assertThat(e.code()).isEqualTo(ErrorCode.TASK_TRASHED);
            assertThat(s.get(a, id)).as("a refused change stores nothing").isEqualTo(before);
            return before;
        }
        Task model = status != null ? TaskModel.statusChanged(before, status, now) : TaskModel.patched(before, patch, now);
        List<String> broken = TaskModel.brokenLimits(model);
        if (!broken.isEmpty()) {
            TaskValidationException e = catchThrowableOfType(TaskValidationException.class, call::get);
            assertThat(e).as("a patch whose result breaks %s is refused", broken).isNotNull();
            assertThat(e.violations()).extracting(v -> v.pointer() + " " + v.code().code()).containsAll(broken);
            assertThat(s.get(a, id)).as("a refused patch stores nothing").isEqualTo(before);
            return before;
        }
        Task after = call.get();
        assertThat(after).as("%s", op).isEqualTo(TaskModel.expected(before, model, now));
        if (op instanceof EchoPatch || op instanceof EmptyPatch || op instanceof SameStatus) {
            assertThat(after).as("%s is not an effective change", op).isEqualTo(before);
        }
        return after;
    }

    /** A patch that sets every field, metadata entry and writable relationship to what it is now. */
    static TaskPatch echo(Task t) {
        TaskPatch.Builder b = TaskPatch.builder()
                .title(t.title())
                .status(t.status())
                .description(t.description().map(FieldPatch::set).orElse(FieldPatch.cleared()))
                .dueAt(t.dueAt().map(FieldPatch::set).orElse(FieldPatch.cleared()))
                .externalId(t.externalId().map(FieldPatch::set).orElse(FieldPatch.cleared()))
                .metadata(t.metadata());
        for (Map.Entry<String, List<String>> e : t.relationships().entrySet()) {
            if (RequestGenerators.writableHasOne(true).contains(e.getKey()) || RequestGenerators.WATCHERS.equals(e.getKey())) {
                b.relationship(e.getKey(), RelationshipPatch.replace(e.getValue()));
            }
        }
        return b.build();
    }
}
