package dev.tasks.json.stora;

import static dev.tasks.json.stora.StoraFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasks.core.FieldPatch;
import dev.tasks.core.NewTask;
import dev.tasks.core.RelationshipPatch;
import dev.tasks.core.SystemRelationship;
import dev.tasks.core.Task;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code PATCH /tasks/{id}}: absent changes nothing, null clears what can be cleared, metadata merges. */
class StoraUpdateTest {

    private final StoraFormat stora = new StoraFormat();

    @Test
    void anEmptyObjectChangesNothing() {
        TaskPatch patch = stora.readUpdate(bytes("{}"));

        assertThat(patch.isEmpty()).isTrue();
        assertThat(patch).isEqualTo(TaskPatch.EMPTY);
    }

    @Test
    void membersSentAreSet() {
        TaskPatch patch = stora.readUpdate(bytes("""
                {"title": "New", "description": "d", "due_at": "2025-03-01T08:00:00Z", "status": "completed",
                 "assignee": {"id": "staff_2"}, "resource": {"id": "unit_9"}, "site": {"id": "site_3"},
                 "metadata": {"region": "south"}}
                """));

        assertThat(patch.title()).isEqualTo(FieldPatch.set("New"));
        assertThat(patch.description()).isEqualTo(FieldPatch.set("d"));
        assertThat(patch.dueAt()).isEqualTo(FieldPatch.set(Instant.parse("2025-03-01T08:00:00Z")));
        assertThat(patch.status()).isEqualTo(FieldPatch.set(TaskStatus.COMPLETE));
        assertThat(patch.relationships()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "$assignedTo", RelationshipPatch.replace(List.of("staff_2")),
                "$resource", RelationshipPatch.replace(List.of("unit_9")),
                "$site", RelationshipPatch.replace(List.of("site_3"))));
        assertThat(patch.clearMetadata()).isFalse();
        assertThat(patch.metadata()).containsExactly(Map.entry("region", "south"));
        assertThat(patch.externalId()).isEqualTo(FieldPatch.absent());
    }

    @Test
    void nullClearsDescriptionDueTimeAndEachRelationship() {
        TaskPatch patch = stora.readUpdate(bytes(
                "{\"description\": null, \"due_at\": null, \"assignee\": null, \"resource\": null, \"site\": null}"));

        assertThat(patch.description()).isEqualTo(FieldPatch.cleared());
        assertThat(patch.dueAt()).isEqualTo(FieldPatch.cleared());
        assertThat(patch.relationships()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "$assignedTo", RelationshipPatch.clear(),
                "$resource", RelationshipPatch.clear(),
                "$site", RelationshipPatch.clear()));
        assertThat(patch.title()).isEqualTo(FieldPatch.absent());
        assertThat(patch.status()).isEqualTo(FieldPatch.absent());
        assertThat(patch.metadata()).isEmpty();
        assertThat(patch.clearMetadata()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"description", "due_at", "assignee", "resource", "site", "title", "status", "metadata"})
    void anAbsentMemberLeavesItsFieldAlone(String absent) {
        String all = """
                {"title": "t", "description": "d", "due_at": "2025-03-01T08:00:00Z", "status": "todo",
                 "assignee": {"id": "a"}, "resource": {"id": "r"}, "site": {"id": "s"}, "metadata": {"k": "v"}}
                """;
        JsonNode body = StoraFixture.parse(bytes(all));
        ((ObjectNode) body).remove(absent);

        TaskPatch patch = stora.readUpdate(body.toString().getBytes(StandardCharsets.UTF_8));

        Map<String, Boolean> touched = Map.of(
                "title", patch.title().isPresent(),
                "description", patch.description().isPresent(),
                "due_at", patch.dueAt().isPresent(),
                "status", patch.status().isPresent(),
                "assignee", patch.relationships().containsKey("$assignedTo"),
                "resource", patch.relationships().containsKey("$resource"),
                "site", patch.relationships().containsKey("$site"),
                "metadata", patch.clearMetadata() || !patch.metadata().isEmpty());
        touched.forEach((member, isTouched) -> assertThat(isTouched).as(member).isEqualTo(!member.equals(absent)));
    }

    @Test
    void metadataMergesKeyByKeyAndNullRemovesAKey() {
        TaskPatch patch = stora.readUpdate(bytes("{\"metadata\": {\"region\": \"north\", \"team\": null}}"));

        assertThat(patch.clearMetadata()).isFalse();
        assertThat(patch.metadata()).containsExactly(Map.entry("region", "north"), new AbstractMap.SimpleEntry<>("team", null));
    }

    @Test
    void emptyMetadataClearsEveryKey() {
        TaskPatch patch = stora.readUpdate(bytes("{\"metadata\": {}}"));

        assertThat(patch.clearMetadata()).isTrue();
        assertThat(patch.metadata()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TaskStatus.class)
    void everyStatusCanBeSet(TaskStatus status) {
        TaskPatch patch = stora.readUpdate(bytes("{\"status\": \"" + StoraFormat.statusName(status) + "\"}"));

        assertThat(patch.status()).isEqualTo(FieldPatch.set(status));
    }

    /** The same semantics, seen through the service and the written task. */
    @Test
    void throughTheServiceNullAbsentAndEmptyDoWhatTheySay() {
        StoraFixture f = new StoraFixture();
        Task task = f.given(NewTask.builder("Inspect").description("d").dueAt(Instant.parse("2025-03-01T08:00:00Z"))
                .assignee("staff_1").relationship(SystemRelationship.SITE, "site_1").relationship(SystemRelationship.RESOURCE, "unit_1")
                .metadata("region", "north").metadata("team", "a").build());

        JsonNode removed = f.update(task.id(), "{\"metadata\": {\"team\": null, \"floor\": \"2\"}}").body().path("task");
        assertThat(removed.path("metadata").toString()).isEqualTo("{\"floor\":\"2\",\"region\":\"north\"}");
        assertThat(removed.path("description").asText()).isEqualTo("d");

        JsonNode untouched = f.update(task.id(), "{\"title\": \"Inspect again\"}").body().path("task");
        assertThat(untouched.path("metadata")).isEqualTo(removed.path("metadata"));
        assertThat(untouched.path("assignee").path("id").asText()).isEqualTo("staff_1");
        assertThat(untouched.path("due_at").asText()).isEqualTo("2025-03-01T08:00:00Z");

        JsonNode cleared = f.update(task.id(),
                "{\"metadata\": {}, \"description\": null, \"due_at\": null, \"assignee\": null, \"site\": null, \"resource\": null}")
                .body().path("task");
        assertThat(cleared.path("metadata").isObject()).isTrue();
        assertThat(cleared.path("metadata")).isEmpty();
        for (String member : List.of("description", "due_at", "assignee", "site", "resource")) {
            assertThat(cleared.path(member).isNull()).as(member).isTrue();
        }
        assertThat(cleared.path("title").asText()).isEqualTo("Inspect again");
    }

    @Test
    void completingSetsCompletedAtAndReopeningClearsIt() {
        StoraFixture f = new StoraFixture();
        Task task = f.given(NewTask.titled("Call back"));

        JsonNode completed = f.update(task.id(), "{\"status\": \"completed\"}").body().path("task");
        assertThat(completed.path("status").asText()).isEqualTo("completed");
        assertThat(completed.path("completed_at").asText()).isEqualTo(StoraFixture.NOW.toString());

        JsonNode reopened = f.update(task.id(), "{\"status\": \"open\"}").body().path("task");
        assertThat(reopened.path("status").asText()).isEqualTo("open");
        assertThat(reopened.path("completed_at").isNull()).isTrue();
    }
}
