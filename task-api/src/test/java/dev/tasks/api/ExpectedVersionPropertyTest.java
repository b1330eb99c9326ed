package dev.tasks.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tasks.core.NewTask;
import dev.tasks.core.Task;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.TaskStatus;
import dev.tasks.store.tck.RequestGenerators;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Optimistic concurrency: a stale expected version is a {@link VersionConflictException} that names
 * both versions, and nothing is written; the current version lets the change through.
 */
class ExpectedVersionPropertyTest {

    enum Op { UPDATE, CHANGE_STATUS, TRASH, RESTORE, DELETE }

    record Input(NewTask base, int changes, Op op, int staleChoice, TaskPatch patch, TaskStatus status, Instant clock) {
    }

    @Test
    void aStaleExpectedVersionConflictsAndWritesNothing() {
        Gen<Input> inputs = in -> new Input(RequestGenerators.newTasksWithCustomRelationships().generate(in),
                Generate.range(0, 6).generate(in), Generate.enumValues(Op.class).generate(in), Generate.range(0, 1000).generate(in),
                RequestGenerators.taskPatchesWithCustomRelationships().generate(in), Generate.enumValues(TaskStatus.class).generate(in),
                Fixture.clockStarts().generate(in));
        Pbt.check(inputs, in -> {
            Fixture f = new Fixture(in.clock());
            Task t = f.service.create(f.actor, in.base());
            for (int i = 0; i < in.changes(); i++) {
                f.clock.advanceMillis(1);
                t = f.service.update(f.actor, t.id(), TaskPatch.builder().title(IdempotencyPropertyTest.differentTitle(t.title())).build());
            }
            if (in.op() == Op.RESTORE) {
                t = f.service.trash(f.actor, t.id());
            }
            long actual = t.version();
            // Any version but the actual one, from 1 to 3 past it.
            List<Long> stale = new java.util.ArrayList<>();
            for (long v = 1; v <= actual + 3; v++) {
                if (v != actual) {
                    stale.add(v);
                }
            }
            long expected = stale.get(in.staleChoice() % stale.size());
            List<Task> before = f.snapshot();
            TaskId id = t.id();
            TaskPatch patch = IdempotencyPropertyTest.effective(t, in.patch());
            f.clock.advanceMillis(1);

            Throwable e = catchThrowable(() -> call(f, id, in.op(), expected, patch, in.status()));

            assertThat(e).as("%s expecting %d at version %d", in.op(), expected, actual).isInstanceOf(VersionConflictException.class);
            VersionConflictException conflict = (VersionConflictException) e;
            assertThat(conflict.expectedVersion()).isEqualTo(expected);
            assertThat(conflict.actualVersion()).isEqualTo(actual);
            assertThat(conflict.getMessage()).contains(Long.toString(expected)).contains(Long.toString(actual));
            assertThat(conflict.code()).isEqualTo(ErrorCode.VERSION_CONFLICT);
            assertThat(conflict.httpStatus()).isEqualTo(409);
            assertThat(f.snapshot()).as("nothing written").isEqualTo(before);

            // The actual version lets it through.
            Throwable ok = catchThrowable(() -> call(f, id, in.op(), actual, patch, in.status()));
            assertThat(ok).isNull();
            if (in.op() == Op.DELETE) {
                assertThat(f.service.find(f.actor, id)).isEmpty();
            } else {
                Task after = f.service.get(f.actor, id);
                boolean changed = !TaskModel.content(after).equals(TaskModel.content(t));
                assertThat(after.version()).isEqualTo(actual + (changed ? 1 : 0));
            }

            // A version below 1 is no version at all: a validation error, not a conflict.
            long bad = -(in.staleChoice() % 3);
            Throwable invalid = catchThrowable(() -> call(f, id, in.op() == Op.DELETE ? Op.TRASH : in.op(), bad, patch, in.status()));
            assertThat(invalid).isInstanceOf(TaskValidationException.class);
            assertThat(((TaskException) invalid).violations()).extracting(v -> v.pointer() + " " + v.code().code())
                    .contains("/expectedVersion out_of_range");
        });
    }

    private static void call(Fixture f, TaskId id, Op op, long expected, TaskPatch patch, TaskStatus status) {
        switch (op) {
            case UPDATE -> f.service.update(f.actor, id, patch, WriteOptions.expectVersion(expected));
            case CHANGE_STATUS -> f.service.changeStatus(f.actor, id, status, expected);
            case TRASH -> f.service.trash(f.actor, id, expected);
            case RESTORE -> f.service.restore(f.actor, id, expected);
            case DELETE -> f.service.delete(f.actor, id, expected);
        }
    }
}
