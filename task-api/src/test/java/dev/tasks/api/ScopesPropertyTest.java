package dev.tasks.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tasks.core.NewTask;
import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.TaskQuery;
import dev.tasks.core.TaskStatus;
import dev.tasks.store.tck.RequestGenerators;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * An actor without the scope an operation needs is refused with {@link ForbiddenException} for every
 * operation, before anything is read, validated or written: whatever the input, valid or not, for a
 * task that exists or not.
 */
class ScopesPropertyTest {

    /** What an operation is given. */
    record Args(TaskId id, NewTask request, TaskPatch patch, TaskStatus status, String key, long version) {
    }

    enum Operation {
        CREATE(Scope.CREATE, (s, a) -> s.service().create(s.actor(), a.request())),
        CREATE_WITH_KEY(Scope.CREATE, (s, a) -> s.service().create(s.actor(), a.request(), a.key())),
        GET(Scope.READ, (s, a) -> s.service().get(s.actor(), a.id())),
        FIND(Scope.READ, (s, a) -> s.service().find(s.actor(), a.id())),
        FIND_BY_EXTERNAL_ID(Scope.READ, (s, a) -> s.service().findByExternalId(s.actor(), a.request().externalId().orElse(" "))),
        LIST(Scope.READ, (s, a) -> s.service().list(s.actor(), TaskQuery.builder().limit(a.version() > 0 ? 10 : 0).build())),
        COUNT(Scope.READ, (s, a) -> s.service().count(s.actor(), a.version() > 0 ? TaskFilter.ALL : TaskFilter.builder().assignee("bad id").build())),
        UPDATE(Scope.UPDATE, (s, a) -> s.service().update(s.actor(), a.id(), a.patch())),
        UPDATE_WITH_OPTIONS(Scope.UPDATE, (s, a) -> s.service().update(s.actor(), a.id(), a.patch(),
                WriteOptions.idempotencyKey(a.key()).withExpectedVersion(a.version()))),
        CHANGE_STATUS(Scope.UPDATE, (s, a) -> s.service().changeStatus(s.actor(), a.id(), a.status())),
        CHANGE_STATUS_EXPECTING(Scope.UPDATE, (s, a) -> s.service().changeStatus(s.actor(), a.id(), a.status(), a.version())),
        TRASH(Scope.DELETE, (s, a) -> s.service().trash(s.actor(), a.id())),
        TRASH_EXPECTING(Scope.DELETE, (s, a) -> s.service().trash(s.actor(), a.id(), a.version())),
        RESTORE(Scope.DELETE, (s, a) -> s.service().restore(s.actor(), a.id())),
        RESTORE_EXPECTING(Scope.DELETE, (s, a) -> s.service().restore(s.actor(), a.id(), a.version())),
        DELETE(Scope.DELETE, (s, a) -> s.service().delete(s.actor(), a.id())),
        DELETE_EXPECTING(Scope.DELETE, (s, a) -> s.service().delete(s.actor(), a.id(), a.version()));

        final Scope needs;
        final BiConsumer<Caller, Args> call;

        Operation(Scope needs, BiConsumer<Caller, Args> call) {
            this.needs = needs;
            this.call = call;
        }
    }

    record Caller(TaskService service, Actor actor) {
    }

    record Input(Operation op, Set<Scope> otherScopes, NewTask existing, boolean trashed, int target, boolean validInput,
                 NewTask request, TaskPatch patch, String key, Instant clock) {
    }

    @Test
    void anActorWithoutTheNeededScopeIsRefusedAndNothingChanges() {
        Gen<Input> inputs = in -> {
            Operation op = Generate.enumValues(Operation.class).generate(in);
            Set<Scope> others = EnumSet.noneOf(Scope.class);
            for (Scope s : Scope.values()) {
                if (s != op.needs && Generate.booleans().generate(in)) {
                    others.add(s);
                }
            }
            boolean valid = Generate.range(0, 2).generate(in) > 0;
            return new Input(op, others, RequestGenerators.newTasksWithCustomRelationships().generate(in), Generate.booleans().generate(in),
                    Generate.range(0, 2).generate(in), valid,
                    valid ? RequestGenerators.newTasksWithCustomRelationships().generate(in) : RequestGenerators.invalidCreates().generate(in).request(),
                    valid ? RequestGenerators.taskPatchesWithCustomRelationships().generate(in) : RequestGenerators.invalidUpdates().generate(in).patch(),
                    RequestGenerators.idempotencyKeys().generate(in), Fixture.clockStarts().generate(in));
        };
        Pbt.check(inputs, in -> {
            Fixture f = new Fixture(in.clock());
            Task existing = f.service.create(f.actor, in.existing());
            if (in.trashed()) {
                existing = f.service.trash(f.actor, existing.id());
            }
            List<Task> before = f.snapshot();
            TaskId id = switch (in.target()) {
                case 0 -> existing.id();
                case 1 -> new TaskId("task_0000000000000000");
                default -> null;
            };
            Args args = new Args(id, in.request(), in.patch(), in.validInput() ? TaskStatus.COMPLETE : null, in.key(),
                    in.validInput() ? existing.version() : 0);
            Actor limited = Fixture.actor(Fixture.TENANT, f.actor.principal(), in.otherScopes());

            Throwable e = catchThrowable(() -> in.op().call.accept(new Caller(f.service, limited), args));

            assertThat(e).as("%s without %s", in.op(), in.op().needs).isInstanceOf(ForbiddenException.class);
            ForbiddenException fe = (ForbiddenException) e;
            assertThat(fe.missingScope()).isEqualTo(in.op().needs);
            assertThat(fe.code()).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(fe.httpStatus()).isEqualTo(403);
            assertThat(fe.getMessage()).contains(in.op().needs.wireName());
            assertThat(f.snapshot()).as("nothing written").isEqualTo(before);
            assertThat(f.anyRecordOf(in.key())).as("no idempotency key kept").isFalse();

            // With the scope added, the same actor gets past the check (whatever the outcome then).
            Set<Scope> enough = EnumSet.copyOf(Set.of(in.op().needs));
            enough.addAll(in.otherScopes());
            Throwable withScope = catchThrowable(() -> in.op().call.accept(
                    new Caller(f.service, Fixture.actor(Fixture.TENANT, f.actor.principal(), enough)), args));
            if (withScope != null) {
                assertThat(withScope).as("only TaskExceptions escape").isInstanceOf(TaskException.class)
                        .isNotInstanceOf(ForbiddenException.class);
            }
        });
    }
}
