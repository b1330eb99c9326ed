package dev.tasks.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tasks.core.NewTask;
import dev.tasks.core.Task;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.store.IdempotencyOperation;
import dev.tasks.store.tck.RequestGenerators;
import dev.tasks.store.tck.RequestGenerators.InvalidCreate;
import dev.tasks.store.tck.RequestGenerators.InvalidUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Idempotency keys: a retry replays, a different request with the same key is refused, a refused
 * request keeps no key, keys are scoped per tenant and operation, and they expire after their TTL.
 */
class IdempotencyPropertyTest {

    record Input(NewTask request, String key, TaskPatch patch, Instant clock, Duration step, int variant) {
    }

    static Gen<Input> inputs() {
        Gen<NewTask> requests = RequestGenerators.newTasksWithCustomRelationships();
        Gen<String> keys = RequestGenerators.idempotencyKeys();
        Gen<TaskPatch> patches = RequestGenerators.taskPatchesWithCustomRelationships();
        Gen<Instant> clocks = Fixture.clockStarts();
        Gen<Duration> steps = Fixture.clockSteps().map(d -> d.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : d);
        return in -> new Input(requests.generate(in), keys.generate(in), patches.generate(in), clocks.generate(in),
                steps.generate(in), Generate.range(0, 3).generate(in));
    }

    @Test
    void theSameKeyAndRequestReplayTheTaskInItsCurrentState() {
        Pbt.check(inputs(), in -> {
            Fixture f = new Fixture(in.clock());
            Written first = f.service.create(f.actor, in.request(), in.key());
            assertThat(first.replayed()).isFalse();
            assertThat(first.task().version()).isEqualTo(1);

            f.clock.advance(in.step());
            Task current = f.service.update(f.actor, first.task().id(), RequestGenerators.withinLimits(first.task(), in.patch()));
            f.clock.advance(in.step());

            for (int i = 0; i < 2; i++) {
                Written retry = f.service.create(f.actor, in.request(), in.key());
                assertThat(retry.replayed()).as("a retry is a replay").isTrue();
                assertThat(retry.task()).as("in its current state").isEqualTo(current);
                assertThat(f.count(Fixture.TENANT)).as("one task").isEqualTo(1);
            }
            assertThat(f.service.get(f.actor, first.task().id())).isEqualTo(current);

            // The same for an update.
            TaskPatch patch = effective(current, in.patch());
            Written changed = f.service.update(f.actor, current.id(), patch, WriteOptions.idempotencyKey(in.key()));
            assertThat(changed.replayed()).isFalse();
            assertThat(changed.task().version()).isEqualTo(current.version() + 1);
            f.clock.advance(in.step());
            Written retry = f.service.update(f.actor, current.id(), patch, WriteOptions.idempotencyKey(in.key()));
            assertThat(retry.replayed()).isTrue();
            assertThat(retry.task()).isEqualTo(changed.task());
            assertThat(f.service.get(f.actor, current.id())).as("a replay changes nothing").isEqualTo(changed.task());
        });
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefusedAndWritesNothing() {
        Pbt.check(inputs(), in -> {
            Fixture f = new Fixture(in.clock());
            Written first = f.service.create(f.actor, in.request(), in.key());
            List<Task> before = f.snapshot();
            NewTask other = differentRequest(in.request(), in.variant());
            assertThat(other).isNotEqualTo(in.request());

            Throwable e = catchThrowable(() -> f.service.create(f.actor, other, in.key()));
            assertThat(e).isInstanceOf(IdempotencyKeyReusedException.class);
            assertThat(((TaskException) e).code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED);
            assertThat(((TaskException) e).getMessage()).isNotBlank();
            assertThat(f.snapshot()).as("nothing written").isEqualTo(before);

            TaskPatch patch = effective(first.task(), in.patch());
            Written changed = f.service.update(f.actor, first.task().id(), patch, WriteOptions.idempotencyKey(in.key()));
            List<Task> afterUpdate = f.snapshot();
            TaskPatch otherPatch = differentPatch(patch);
            Throwable u = catchThrowable(() -> f.service.update(f.actor, first.task().id(), otherPatch, WriteOptions.idempotencyKey(in.key())));
            assertThat(u).as("same key, other patch").isInstanceOf(IdempotencyKeyReusedException.class);
            Throwable v = catchThrowable(() -> f.service.update(f.actor, first.task().id(), patch,
                    WriteOptions.idempotencyKey(in.key()).withExpectedVersion(first.task().version())));
            assertThat(v).as("same key and patch, other expected version").isInstanceOf(IdempotencyKeyReusedException.class);
            assertThat(f.snapshot()).as("nothing written").isEqualTo(afterUpdate);
            assertThat(changed.task().version()).isEqualTo(2);
        });
    }

    record FailedInput(InvalidCreate invalidCreate, InvalidUpdate invalidUpdate, NewTask request, String key, TaskPatch patch,
                       Instant clock) {
    }

    @Test
    void aRequestThatFailedValidationKeepsNoKeySoACorrectedRetryRuns() {
        Gen<FailedInput> inputs = in -> new FailedInput(RequestGenerators.invalidCreates().generate(in),
                RequestGenerators.invalidUpdates().generate(in), RequestGenerators.newTasksWithCustomRelationships().generate(in),
                RequestGenerators.idempotencyKeys().generate(in), RequestGenerators.taskPatchesWithCustomRelationships().generate(in),
                Fixture.clockStarts().generate(in));
        Pbt.check(inputs, in -> {
            Fixture f = new Fixture(in.clock());
            assertThat(catchThrowable(() -> f.service.create(f.actor, in.invalidCreate().request(), in.key())))
                    .isInstanceOf(TaskValidationException.class);
            assertThat(f.count(Fixture.TENANT)).isZero();
            Written corrected = f.service.create(f.actor, in.request(), in.key());
            assertThat(corrected.replayed()).as("the corrected retry runs; it is no replay").isFalse();
            assertThat(f.count(Fixture.TENANT)).isEqualTo(1);
            assertThat(f.service.create(f.actor, in.request(), in.key()).replayed()).isTrue();

            // The same for an update, on a task of its own store (so that external ids cannot clash).
            Fixture g = new Fixture(in.clock());
            Task base = g.service.create(g.actor, in.invalidUpdate().base());
            assertThat(catchThrowable(() -> g.service.update(g.actor, base.id(), in.invalidUpdate().patch(),
                    WriteOptions.idempotencyKey(in.key())))).isInstanceOf(TaskValidationException.class);
            assertThat(g.store.findIdempotencyRecord(Fixture.TENANT, IdempotencyOperation.UPDATE, in.key())).isEmpty();
            Written fixed = g.service.update(g.actor, base.id(), effective(base, in.patch()), WriteOptions.idempotencyKey(in.key()));
            assertThat(fixed.replayed()).isFalse();
            assertThat(fixed.task().version()).isEqualTo(base.version() + 1);
        });
    }

    @Test
    void keysAreScopedPerTenantAndPerOperation() {
        Pbt.check(inputs(), in -> {
            Fixture f = new Fixture(in.clock());
            Actor a = f.actor;
            Actor b = Fixture.actor(Fixture.OTHER_TENANT, a.principal(), Scope.all());
            Written inA = f.service.create(a, in.request(), in.key());
            Written inB = f.service.create(b, in.request(), in.key());
            assertThat(inA.replayed()).isFalse();
            assertThat(inB.replayed()).as("another tenant's key is another key").isFalse();
            assertThat(inB.task().id()).isNotEqualTo(inA.task().id());
            assertThat(f.count(Fixture.TENANT)).isEqualTo(1);
            assertThat(f.count(Fixture.OTHER_TENANT)).isEqualTo(1);

            TaskPatch patch = effective(inA.task(), in.patch());
            Written updated = f.service.update(a, inA.task().id(), patch, WriteOptions.idempotencyKey(in.key()));
            assertThat(updated.replayed()).as("a create's key is not an update's key").isFalse();
            assertThat(updated.task().version()).isEqualTo(2);
            Written updatedB = f.service.update(b, inB.task().id(), effective(inB.task(), in.patch()), WriteOptions.idempotencyKey(in.key()));
            assertThat(updatedB.replayed()).isFalse();

            Written again = f.service.create(a, in.request(), in.key());
            assertThat(again.replayed()).as("the create's key still replays the create").isTrue();
            assertThat(again.task()).isEqualTo(updated.task());
        });
    }

    record TtlInput(NewTask request, String key, Optional<Duration> ttl, long marginMillis, long extraMillis, Instant clock,
                    TaskPatch patch) {
    }

    @Test
    void keysExpireAfterTheirTimeToLive() {
        Gen<TtlInput> inputs = in -> {
            Optional<Duration> ttl = Generate.range(0, 2).generate(in) == 0 ? Optional.empty()
                    : Optional.of(Duration.ofMillis(Generate.longRange(1, 3 * 86_400_000L).generate(in)));
            long ttlMillis = ttl.orElse(Duration.ofHours(24)).toMillis();
            return new TtlInput(RequestGenerators.newTasksWithCustomRelationships().generate(in),
                    RequestGenerators.idempotencyKeys().generate(in), ttl,
                    Generate.longRange(1, ttlMillis).generate(in), Generate.longRange(0, 86_400_000L).generate(in),
                    Fixture.clockStarts().generate(in), RequestGenerators.taskPatchesWithCustomRelationships().generate(in));
        };
        Pbt.check(inputs, in -> {
            Fixture f = new Fixture(in.clock(), "mem_alice", in.ttl());
            Duration ttl = in.ttl().orElse(Duration.ofHours(24));
            NewTask request = withoutExternalId(in.request());
            Written first = f.service.create(f.actor, request, in.key());

            f.clock.advance(ttl.minusMillis(in.marginMillis()));
            Written retry = f.service.create(f.actor, request, in.key());
            assertThat(retry.replayed()).as("before the TTL: a replay").isTrue();
            assertThat(retry.task().id()).isEqualTo(first.task().id());

            f.clock.advance(Duration.ofMillis(in.marginMillis() + in.extraMillis()));
            Written late = f.service.create(f.actor, request, in.key());
            assertThat(late.replayed()).as("after the TTL: a new request").isFalse();
            assertThat(late.task().id()).isNotEqualTo(first.task().id());
            assertThat(f.count(Fixture.TENANT)).isEqualTo(2);
            Written lateRetry = f.service.create(f.actor, request, in.key());
            assertThat(lateRetry.replayed()).isTrue();
            assertThat(lateRetry.task().id()).isEqualTo(late.task().id());

            // An update's key expires too: after the TTL, the key may serve another patch.
            Task t = late.task();
            TaskPatch p1 = effective(t, in.patch());
            Written u1 = f.service.update(f.actor, t.id(), p1, WriteOptions.idempotencyKey(in.key()));
            f.clock.advance(ttl.plusMillis(in.extraMillis()));
            Written u2 = f.service.update(f.actor, t.id(), differentPatch(p1), WriteOptions.idempotencyKey(in.key()));
            assertThat(u2.replayed()).isFalse();
            assertThat(u2.task().version()).isGreaterThanOrEqualTo(u1.task().version());
        });
    }

    /**
     * An update with a key that changes nothing (an empty patch, or one that sets what is there) still
     * holds its key: the same key is then refused for a different patch, and a retry of the first request
     * is a replay. DESIGN: "The first success stores the key", "the same key with a different request is
     * refused".
     */
    @Test
    void aNoOpUpdateKeepsItsKeyToo() {
        Pbt.check(inputs(), in -> {
            Fixture f = new Fixture(in.clock());
            Task t = f.service.create(f.actor, in.request());
            TaskPatch noOp = in.variant() % 2 == 0 ? TaskPatch.EMPTY : DomainRulesPropertyTest.echo(t);
            Written first = f.service.update(f.actor, t.id(), noOp, WriteOptions.idempotencyKey(in.key()));
            assertThat(first.replayed()).isFalse();
            assertThat(first.task()).isEqualTo(t);

            Throwable other = catchThrowable(() -> f.service.update(f.actor, t.id(), effective(t, in.patch()),
                    WriteOptions.idempotencyKey(in.key())));
            assertThat(other).as("the same key with another request").isInstanceOf(IdempotencyKeyReusedException.class);
            Written retry = f.service.update(f.actor, t.id(), noOp, WriteOptions.idempotencyKey(in.key()));
            assertThat(retry.replayed()).as("the retry of the first request").isTrue();
            assertThat(f.service.get(f.actor, t.id())).isEqualTo(t);
        });
    }

    // ---- helpers

    /** A patch valid on the task that certainly changes it (its title). */
    static TaskPatch effective(Task t, TaskPatch raw) {
        TaskPatch p = RequestGenerators.withinLimits(t, raw);
        return new TaskPatch(dev.tasks.core.FieldPatch.set(differentTitle(t.title())), p.description(), p.status(), p.dueAt(),
                p.externalId(), p.clearMetadata(), p.metadata(), p.relationships());
    }

    /** Another title of at most 500 characters: the first character changed. */
    static String differentTitle(String title) {
        int first = title.codePointAt(0);
        return new StringBuilder().appendCodePoint(first == 'a' ? 'b' : 'a').append(title.substring(Character.charCount(first))).toString();
    }

    /** Another create request, different in one field chosen by {@code variant}. */
    static NewTask differentRequest(NewTask r, int variant) {
        String title = r.title();
        TaskStatus status = r.status();
        Optional<Instant> dueAt = r.dueAt();
        Map<String, String> metadata = new LinkedHashMap<>(r.metadata());
        switch (variant) {
            case 0 -> title = differentTitle(title);
            case 1 -> status = TaskStatus.values()[(status.ordinal() + 1) % TaskStatus.values().length];
            case 2 -> {
                if (metadata.remove("idem.diff") == null) {
                    if (metadata.size() < RequestGenerators.MAX_METADATA_KEYS) {
                        metadata.put("idem.diff", "1");
                    } else {
                        Map.Entry<String, String> e = metadata.entrySet().iterator().next();
                        e.setValue(e.getValue().equals("x") ? "y" : "x");
                    }
                }
            }
            default -> dueAt = dueAt.isPresent() ? Optional.empty() : Optional.of(Instant.parse("2030-01-01T00:00:00Z"));
        }
        return new NewTask(title, r.description(), status, dueAt, r.externalId(), metadata, r.relationships());
    }

    /** Another patch: the same with one more (or one fewer) metadata removal. */
    static TaskPatch differentPatch(TaskPatch p) {
        Map<String, String> metadata = new LinkedHashMap<>(p.metadata());
        if (metadata.containsKey("idem.other")) {
            metadata.remove("idem.other");
        } else {
            metadata.put("idem.other", null);
        }
        return new TaskPatch(p.title(), p.description(), p.status(), p.dueAt(), p.externalId(), p.clearMetadata(), metadata,
                p.relationships());
    }

    static NewTask withoutExternalId(NewTask r) {
        return new NewTask(r.title(), r.description(), r.status(), r.dueAt(), Optional.empty(), r.metadata(), r.relationships());
    }
}
