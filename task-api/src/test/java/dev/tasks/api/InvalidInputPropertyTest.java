package dev.tasks.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tasks.core.NewTask;
import dev.tasks.core.Task;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.store.IdempotencyOperation;
import dev.tasks.core.validation.Violation;
import dev.tasks.store.tck.RequestGenerators;
import dev.tasks.store.tck.RequestGenerators.InvalidCreate;
import dev.tasks.store.tck.RequestGenerators.InvalidUpdate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generated invalid input always fails with a {@link TaskValidationException} that names the expected
 * pointer and code, with messages, and leaves the store as it was: no task, no change, no idempotency key.
 */
class InvalidInputPropertyTest {

    record CreateInput(InvalidCreate invalid, NewTask existing, Instant clock, String key) {
    }

    record UpdateInput(InvalidUpdate invalid, Instant clock, String key) {
    }

    @Test
    void invalidCreateRequestsAreRefusedAndStoreNothing() {
        Gen<CreateInput> inputs = RequestGenerators.invalidCreates().zip(RequestGenerators.newTasksWithCustomRelationships(),
                Fixture.clockStarts(), RequestGenerators.idempotencyKeys(), CreateInput::new);
        Pbt.check(inputs, in -> {
            Fixture f = new Fixture(in.clock());
            Task existing = f.service.create(f.actor, in.existing());
            List<Task> before = f.snapshot();

            assertRefused(catchThrowable(() -> f.service.create(f.actor, in.invalid().request())), in.invalid().pointer(),
                    in.invalid().code().code());
            assertRefused(catchThrowable(() -> f.service.create(f.actor, in.invalid().request(), in.key())), in.invalid().pointer(),
                    in.invalid().code().code());

            assertThat(f.snapshot()).as("the store is unchanged").isEqualTo(before);
            assertThat(f.count(Fixture.TENANT)).isEqualTo(1);
            assertThat(f.service.get(f.actor, existing.id())).isEqualTo(existing);
            assertThat(f.store.findIdempotencyRecord(Fixture.TENANT, IdempotencyOperation.CREATE, in.key()))
                    .as("no idempotency key is kept for a refused request").isEmpty();
        });
    }

    @Test
    void invalidPatchesAreRefusedAndChangeNothing() {
        Gen<UpdateInput> inputs = RequestGenerators.invalidUpdates().zip(Fixture.clockStarts(), RequestGenerators.idempotencyKeys(),
                UpdateInput::new);
        Pbt.check(inputs, in -> {
            Fixture f = new Fixture(in.clock());
            Task task = f.service.create(f.actor, in.invalid().base());
            List<Task> before = f.snapshot();
            f.clock.advanceMillis(1_000);

            assertRefused(catchThrowable(() -> f.service.update(f.actor, task.id(), in.invalid().patch())), in.invalid().pointer(),
                    in.invalid().code().code());
            assertRefused(catchThrowable(() -> f.service.update(f.actor, task.id(), in.invalid().patch(),
                            WriteOptions.idempotencyKey(in.key()).withExpectedVersion(task.version()))),
                    in.invalid().pointer(), in.invalid().code().code());

            assertThat(f.snapshot()).as("the store is unchanged").isEqualTo(before);
            assertThat(f.service.get(f.actor, task.id())).isEqualTo(task);
            assertThat(f.store.findIdempotencyRecord(Fixture.TENANT, IdempotencyOperation.UPDATE, in.key()))
                    .as("no idempotency key is kept for a refused request").isEmpty();
        });
    }

    @Test
    void malformedIdempotencyKeysAreRefusedAndStoreNothing() {
        List<String> notPrintableAscii = List.of("\u0000", "\t", "\n", "\u007F", "\u00e9", "\uD83C\uDF89", "\uD800");
        Gen<String> badKeys = in -> switch (Generate.range(0, 3).generate(in)) {
            case 0 -> "";
            case 1 -> " ".repeat(Generate.range(1, 5).generate(in));
            case 2 -> "k".repeat(256 + Generate.range(0, 50).generate(in));
            default -> "key" + Generate.pick(notPrintableAscii).generate(in);
        };
        record KeyInput(String key, NewTask request, Instant clock) {
        }
        Pbt.check(badKeys.zip(RequestGenerators.newTasksWithCustomRelationships(), Fixture.clockStarts(), KeyInput::new), in -> {
            Fixture f = new Fixture(in.clock());
            Throwable e = catchThrowable(() -> f.service.create(f.actor, in.request(), in.key()));
            assertThat(e).isInstanceOf(TaskValidationException.class);
            assertThat(((TaskException) e).violations()).extracting(Violation::pointer).contains("/idempotencyKey");
            assertThat(f.count(Fixture.TENANT)).isZero();
            Task t = f.service.create(f.actor, in.request());
            Throwable u = catchThrowable(() -> f.service.update(f.actor, t.id(), TaskPatch.builder().title("x").build(),
                    WriteOptions.idempotencyKey(in.key())));
            assertThat(u).isInstanceOf(TaskValidationException.class);
            assertThat(f.service.get(f.actor, t.id())).isEqualTo(t);
        });
    }

    static void assertRefused(Throwable thrown, String pointer, String code) {
        assertThat(thrown).as("invalid input fails with TaskValidationException, nothing else").isInstanceOf(TaskValidationException.class);
        TaskValidationException e = (TaskValidationException) thrown;
        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(e.httpStatus()).isEqualTo(422);
        assertThat(e.getMessage()).isNotBlank();
        assertThat(e.violations()).isNotEmpty().allSatisfy(v -> assertThat(v.message()).isNotBlank());
        assertThat(e.violations()).extracting(v -> v.pointer() + " " + v.code().code()).contains(pointer + " " + code);
    }
}
