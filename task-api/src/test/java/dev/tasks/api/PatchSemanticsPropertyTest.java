package dev.tasks.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasks.core.FieldPatch;
import dev.tasks.core.NewTask;
import dev.tasks.core.RelationshipPatch;
import dev.tasks.core.Task;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.TaskStatus;
import dev.tasks.store.tck.RequestGenerators;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Patch semantics as an algebra, checked against a model computed in the test: absent leaves a field,
 * set sets it, cleared clears it; metadata merges key by key (null removes) after an optional
 * clear-all; relationships are replaced, then ids removed, then added, duplicates dropped; applying a
 * patch twice changes nothing the second time.
 */
class PatchSemanticsPropertyTest {

    record PatchInput(NewTask base, TaskPatch patch, Instant clock, Duration step1, Duration step2) {
    }

    static Gen<PatchInput> inputs() {
        Gen<NewTask> bases = RequestGenerators.newTasksWithCustomRelationships();
        Gen<TaskPatch> patches = RequestGenerators.taskPatchesWithCustomRelationships();
        Gen<Instant> clocks = Fixture.clockStarts();
        Gen<Duration> steps = Fixture.clockSteps();
        return in -> new PatchInput(bases.generate(in), patches.generate(in), clocks.generate(in), steps.generate(in), steps.generate(in));
    }

    @Test
    void aPatchDoesExactlyWhatItSaysAndTwiceIsOnce() {
        Pbt.check(inputs(), in -> {
            Fixture f = new Fixture(in.clock());
            Task before = f.service.create(f.actor, in.base());
            TaskPatch patch = RequestGenerators.withinLimits(before, in.patch());

            f.clock.advance(in.step1());
            Instant now = f.now();
            Task after = f.service.update(f.actor, before.id(), patch);

            // Each optional field: absent leaves it, set sets it, cleared clears it.
            checkField("title", Optional.of(before.title()), patch.title(), Optional.of(after.title()));
            checkField("description", before.description(), patch.description(), after.description());
            checkField("status", Optional.of(before.status()), patch.status(), Optional.of(after.status()));
            checkField("dueAt", before.dueAt(), truncated(patch.dueAt()), after.dueAt());
            checkField("externalId", before.externalId(), patch.externalId(), after.externalId());

            // Metadata: clear-all first if asked, then each key set, or removed by null.
            Map<String, String> metadata = new LinkedHashMap<>(patch.clearMetadata() ? Map.of() : before.metadata());
            patch.metadata().forEach((k, v) -> {
                if (v == null) {
                    metadata.remove(k);
                } else {
                    metadata.put(k, v);
                }
            });
            assertThat(after.metadata()).as("metadata merge").isEqualTo(metadata);

            // Relationships: untouched ones stay; changed ones are replaced, then removed from, then added to.
            before.relationships().forEach((name, ids) -> {
                if (!patch.relationships().containsKey(name)) {
                    assertThat(after.relationship(name)).as("untouched relationship %s", name).isEqualTo(ids);
                }
            });
            patch.relationships().forEach((name, change) -> {
                List<String> expected = new ArrayList<>();
                change.replace().orElse(before.relationship(name)).forEach(id -> {
                    if (!expected.contains(id)) {
                        expected.add(id);
                    }
                });
                expected.removeAll(change.remove());
                change.add().forEach(id -> {
                    if (!expected.contains(id)) {
                        expected.add(id);
                    }
                });
                assertThat(after.relationship(name)).as("relationship %s after %s", name, change).isEqualTo(expected);
            });

            // The whole task, bookkeeping included.
            Task model = TaskModel.patched(before, patch, now);
            assertThat(after).isEqualTo(TaskModel.expected(before, model, now));
            assertThat(after.version()).isEqualTo(before.version() + (TaskModel.effective(before, model) ? 1 : 0));

            // Twice is once: the second application changes nothing (no version, no updatedAt) ...
            f.clock.advance(in.step2());
            Instant later = f.now();
            Task again = f.service.update(f.actor, before.id(), patch);
            assertThat(again).as("second application, against the model").isEqualTo(
                    TaskModel.expected(after, TaskModel.patched(after, patch, later), later));
            if (!movesIds(patch)) {
                assertThat(again).as("applying the same patch twice changes nothing the second time").isEqualTo(after);
            }
            assertThat(f.service.get(f.actor, before.id())).isEqualTo(again);
        });
    }

    /**
     * Whether a patch removes and adds the same id of a relationship it does not replace: such a patch
     * moves the id to the end and, on a second application, moves again whatever it added after it, so
     * it is not idempotent (see the report).
     */
    static boolean movesIds(TaskPatch patch) {
        return patch.relationships().values().stream()
                .anyMatch(c -> c.replace().isEmpty() && c.remove().stream().anyMatch(c.add()::contains));
    }

    @Test
    void clearingMetadataThenMergingKeepsOnlyTheMergedKeys() {
        Pbt.check(inputs(), in -> {
            Fixture f = new Fixture(in.clock());
            Task before = f.service.create(f.actor, in.base());
            TaskPatch.Builder b = TaskPatch.builder().clearMetadata();
            in.patch().metadata().forEach(b::metadata);
            Task after = f.service.update(f.actor, before.id(), b.build());
            Map<String, String> expected = new LinkedHashMap<>();
            in.patch().metadata().forEach((k, v) -> {
                if (v == null) {
                    expected.remove(k);
                } else {
                    expected.put(k, v);
                }
            });
            assertThat(after.metadata()).isEqualTo(expected);
            assertThat(after.version()).isEqualTo(before.version() + (before.metadata().equals(expected) ? 0 : 1));
        });
    }

    @Test
    void replacingWithNothingClearsAndAnEmptyChangeKeeps() {
        Pbt.check(inputs(), in -> {
            Fixture f = new Fixture(in.clock());
            Task before = f.service.create(f.actor, in.base());
            TaskPatch.Builder clear = TaskPatch.builder();
            TaskPatch.Builder keep = TaskPatch.builder();
            for (String name : before.relationships().keySet()) {
                if (RequestGenerators.writableHasOne(true).contains(name) || RequestGenerators.WATCHERS.equals(name)) {
                    clear.relationship(name, RelationshipPatch.clear());
                    keep.relationship(name, new RelationshipPatch(List.of(), List.of(), Optional.empty()));
                }
            }
            Task kept = f.service.update(f.actor, before.id(), keep.build());
            assertThat(kept).as("add nothing, remove nothing: no change").isEqualTo(before);
            Task cleared = f.service.update(f.actor, before.id(), clear.build());
            assertThat(cleared.relationships().keySet()).as("replace with nothing clears")
                    .isSubsetOf(RequestGenerators.CREATED_BY);
            assertThat(cleared.createdBy()).isEqualTo(before.createdBy());
        });
    }

    @Test
    void titleAndStatusCanBeSetButNeverCleared() {
        Pbt.check(inputs(), in -> {
            Fixture f = new Fixture(in.clock());
            Task before = f.service.create(f.actor, in.base());
            for (TaskPatch p : List.of(TaskPatch.builder().title(FieldPatch.cleared()).build(),
                    TaskPatch.builder().status(FieldPatch.<TaskStatus>cleared()).build())) {
                TaskValidationException e = org.assertj.core.api.Assertions.catchThrowableOfType(TaskValidationException.class,
                        () -> f.service.update(f.actor, before.id(), p));
                assertThat(e).isNotNull();
                assertThat(e.violations()).extracting(v -> v.code().code()).contains("required");
            }
            assertThat(f.service.get(f.actor, before.id())).isEqualTo(before);
        });
    }

    private static <T> void checkField(String name, Optional<T> before, FieldPatch<T> patch, Optional<T> after) {
        if (patch instanceof FieldPatch.SetTo<T> set) {
            assertThat(after).as("%s set", name).contains(set.value());
        } else if (patch.isPresent()) {
            assertThat(after).as("%s cleared", name).isEmpty();
        } else {
            assertThat(after).as("%s absent: unchanged", name).isEqualTo(before);
        }
    }

    private static FieldPatch<Instant> truncated(FieldPatch<Instant> p) {
        return p instanceof FieldPatch.SetTo<Instant> set ? FieldPatch.set(TaskModel.millis(set.value())) : p;
    }
}
