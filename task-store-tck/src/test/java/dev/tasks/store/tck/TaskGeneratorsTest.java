package dev.tasks.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.tasks.core.NewTask;
import dev.tasks.core.RelationshipCatalog;
import dev.tasks.core.SystemRelationship;
import dev.tasks.core.Task;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskQuery;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.TenantId;
import dev.tasks.core.Text;
import dev.tasks.core.validation.RequestValidator;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The generators produce only valid values, of every shape they promise. */
class TaskGeneratorsTest {

    @Test
    void aStringTheDomainCallsBlankIsMadeNonBlank() {
        // String.isBlank() misses these; the domain's Text.isBlank() does not (a CI run once generated "\u00A0")
        for (String blank : List.of(" ", "\u00A0", "\u3000\u3000", "\u200B", "\u2007 ")) {
            assertThat(Text.isBlank(TaskGenerators.nonBlank(blank))).as(blank).isFalse();
        }
        assertThat(TaskGenerators.nonBlank("\u00A0b")).isEqualTo("\u00A0b");
        assertThat(TaskGenerators.nonBlank("\uD83C\uDF89")).isEqualTo("\uD83C\uDF89");
    }

    private static final TenantId TENANT = TenantId.of("t");
    private static final RequestValidator VALIDATOR = new RequestValidator(StatefulContract.CATALOG);

    /** A generated task is what a valid create request makes, plus what the system sets. */
    @Test
    void generatedTasksAreValid() {
        qt().withExamples(500).forAll(TaskGenerators.tasks(TENANT, StatefulContract.CATALOG)).checkAssert(t -> {
            NewTask.Builder b = NewTask.builder(t.title()).status(t.status()).description(t.description().orElse(null))
                    .dueAt(t.dueAt().orElse(null)).externalId(t.externalId().orElse(null)).metadata(t.metadata());
            t.relationships().forEach((name, ids) -> {
                if (!name.equals(SystemRelationship.NOTE.relationshipName())) {
                    b.relationship(name, ids);
                }
            });
            assertThat(VALIDATOR.validate(b.build())).as("as a create request: %s", t).isEmpty();
            assertThat(VALIDATOR.validateResult(t)).isEmpty();
            assertThat(t.relationship(SystemRelationship.NOTE)).allSatisfy(id -> assertThat(id).matches("[A-Za-z0-9_-]{1,128}"));
            assertThat(t.version()).isEqualTo(1);
            assertThat(t.tenantId()).isEqualTo(TENANT);
            assertThat(t.completedAt().isPresent()).isEqualTo(t.status() == TaskStatus.COMPLETE);
            assertThat(t.updatedAt()).isAfterOrEqualTo(t.createdAt());
            for (Instant i : List.of(t.createdAt(), t.updatedAt(), t.dueAt().orElse(t.createdAt()), t.completedAt().orElse(t.createdAt()),
                    t.trashedAt().orElse(t.createdAt()))) {
                assertThat(i).isBetween(TaskGenerators.MIN_INSTANT, TaskGenerators.MAX_INSTANT);
                assertThat(i.getNano() % 1_000_000).isZero();
            }
        });
    }

    /** Over many draws, the generators reach the shapes that catch store bugs. */
    @Test
    void generatedTasksReachTheEdges() {
        Set<String> seen = new HashSet<>();
        qt().withExamples(2_000).forAll(TaskGenerators.tasks(TENANT)).checkAssert(t -> {
            if (Text.length(t.title()) == 500) {
                seen.add("500-character title");
            }
            if (t.title().length() > t.title().codePointCount(0, t.title().length())) {
                seen.add("supplementary character in title");
            }
            if (t.description().map(d -> Text.length(d) == 20_000).orElse(false)) {
                seen.add("20,000-character description");
            }
            if (t.description().map(Text::hasControlCharacter).orElse(false)) {
                seen.add("control character in description");
            }
            if (t.externalId().map(e -> Text.length(e) == 255).orElse(false)) {
                seen.add("255-character external id");
            }
            if (t.metadata().size() == 20) {
                seen.add("20 metadata keys");
            }
            if (t.metadata().keySet().stream().anyMatch(k -> k.length() == 40)) {
                seen.add("40-character key");
            }
            if (t.metadata().containsValue("")) {
                seen.add("empty metadata value");
            }
            if (t.relationship(SystemRelationship.NOTE).size() == 100) {
                seen.add("100 notes");
            }
            if (t.dueAt().map(d -> d.isBefore(Instant.parse("1582-10-15T00:00:00Z"))).orElse(false)) {
                seen.add("due before 1582");
            }
            if (t.createdAt().equals(TaskGenerators.MIN_INSTANT) || t.createdAt().equals(TaskGenerators.MAX_INSTANT)) {
                seen.add("created at an edge");
            }
            if (t.isTrashed()) {
                seen.add("trashed");
            }
            seen.add(t.status().name());
        });
        assertThat(seen).contains("500-character title", "supplementary character in title", "20,000-character description",
                "control character in description", "255-character external id", "20 metadata keys", "40-character key",
                "empty metadata value", "100 notes", "due before 1582", "created at an edge", "trashed",
                "OPEN", "TODO", "IN_PROGRESS", "COMPLETE", "CANCELLED");
    }

    /** Lists from distinctTasks can be inserted together: ids and external ids are distinct. */
    @Test
    void distinctTasksHaveDistinctIdsAndExternalIds() {
        qt().withExamples(200).forAll(TaskGenerators.distinctTasks(TENANT, 0, 30)).checkAssert(list -> {
            assertThat(list).hasSizeLessThanOrEqualTo(30);
            assertThat(list.stream().map(Task::id).collect(Collectors.toSet())).hasSize(list.size());
            List<String> ext = list.stream().flatMap(t -> t.externalId().stream()).toList();
            assertThat(ext).doesNotHaveDuplicates();
        });
    }

    /** Unique ids are unique, and mixed ids are a bijection of their input. */
    @Test
    void idsAreDistinct() {
        Set<TaskId> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(ids.add(TaskGenerators.mixedId(7, i))).isTrue();
        }
        qt().withExamples(1_000).forAll(TaskGenerators.uniqueTaskIds()).checkAssert(id -> assertThat(ids.add(id)).isTrue());
    }

    /** Create requests, patches and filters pass validation. */
    @Test
    void generatedRequestsAreValid() {
        qt().withExamples(500).forAll(TaskGenerators.newTasks(StatefulContract.CATALOG, TaskGenerators.instants()))
                .checkAssert(r -> assertThat(VALIDATOR.validate(r)).as("%s", r).isEmpty());
        qt().withExamples(500).forAll(TaskGenerators.patches(StatefulContract.CATALOG, TaskGenerators.instants()))
                .checkAssert(p -> assertThat(VALIDATOR.validate(p)).as("%s", p).isEmpty());
        qt().withExamples(500).forAll(TaskGenerators.filters(StatefulContract.CATALOG, TaskGenerators.instants()), TaskGenerators.sorts())
                .checkAssert((f, s) -> assertThat(VALIDATOR.validate(TaskQuery.builder().filter(f).sort(s).build())).isEmpty());
        qt().withExamples(200).forAll(TaskGenerators.newTasks(), TaskGenerators.patches(), TaskGenerators.filters())
                .checkAssert((r, p, f) -> {
                    RequestValidator system = new RequestValidator(RelationshipCatalog.system());
                    assertThat(system.validate(r)).isEmpty();
                    assertThat(system.validate(p)).isEmpty();
                    assertThat(system.validate(TaskQuery.builder().filter(f).build())).isEmpty();
                });
    }

    /** The test-data builder fills in consistent defaults. */
    @Test
    void testTasksHaveConsistentDefaults() {
        Task open = TestTasks.task("t").build();
        TaskAssertions.assertThat(open).hasVersion(1).hasStatus(TaskStatus.OPEN).isNotComplete().isNotTrashed().hasNoDueAt()
                .hasNoExternalId().belongsTo(TENANT);
        Task done = TestTasks.task(TENANT).status(TaskStatus.COMPLETE).createdAt("2025-02-01T00:00:00Z").updatedAt("2025-02-02T00:00:00Z")
                .assignee("mem_1").metadata("k", "v").notes("n2", "n1").trashed().build();
        TaskAssertions.assertThat(done).isComplete().isTrashed().hasAssignee("mem_1").hasMetadata("k", "v")
                .hasRelationship("$note", "n2", "n1");
        assertThat(done.completedAt()).contains(Instant.parse("2025-02-02T00:00:00Z"));
        assertThat(done.trashedAt()).contains(Instant.parse("2025-02-02T00:00:00Z"));
        assertThat(TestTasks.task(TENANT).build().id()).isNotEqualTo(TestTasks.task(TENANT).build().id());
    }

    /** The assertions fail, naming what differs. */
    @Test
    void taskAssertionsFailWithTheDifference() {
        Task a = TestTasks.task(TENANT).title("100% done").metadata("k", "v").build();
        Task b = a.toBuilder().title("other").metadata(Map.of()).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TaskAssertions.assertThat(a).hasSameStateAs(b))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("title: expected <other> but was <100% done>")
                .hasMessageContaining("metadata")
                .hasMessageNotContaining("version");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TaskAssertions.assertThat(a).hasVersion(2))
                .isInstanceOf(AssertionError.class).hasMessageContaining("version <2> but was <1>");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TaskAssertions.assertThat(a).isComplete()).isInstanceOf(AssertionError.class);
        TaskAssertions.assertThat(a).hasSameStateAs(a.toBuilder().build());
    }
}
