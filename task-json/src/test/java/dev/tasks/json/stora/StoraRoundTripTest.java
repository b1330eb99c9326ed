package dev.tasks.json.stora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasks.core.NewTask;
import dev.tasks.core.SystemRelationship;
import dev.tasks.core.Task;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.TaskRules;
import dev.tasks.core.TenantId;
import dev.tasks.store.tck.TaskGenerators;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Task to JSON and back: every field Stora carries survives the trip, into a create and into an update,
 * for generated tasks of every status, instants from year 1 to 9999, texts with supplementary and control
 * characters, metadata up to the limit.
 */
class StoraRoundTripTest {

    private static final List<String> READ_ONLY = List.of("id", "creator", "completed_at", "created_at", "updated_at");
    private static final List<SystemRelationship> CARRIED =
            List.of(SystemRelationship.ASSIGNED_TO, SystemRelationship.RESOURCE, SystemRelationship.SITE);

    private final StoraFormat stora = new StoraFormat();

    @Test
    void everyWrittenMemberIsTheTasksValue() {
        qt().withExamples(300).forAll(TaskGenerators.tasks(new TenantId("acme"))).checkAssert(task -> {
            JsonNode json = StoraFixture.parse(stora.writeTask(task, "r")).path("task");

            assertThat(json.path("id").asText()).isEqualTo(task.id().value());
            assertThat(json.path("title").asText()).isEqualTo(task.title());
            assertThat(text(json, "description")).isEqualTo(task.description());
            assertThat(StoraFormat.status(json.path("status").asText())).contains(task.status());
            assertThat(instant(json, "due_at")).isEqualTo(task.dueAt());
            assertThat(instant(json, "completed_at")).isEqualTo(task.completedAt());
            assertThat(instant(json, "created_at")).contains(task.createdAt());
            assertThat(instant(json, "updated_at")).contains(task.updatedAt());
            assertThat(entity(json, "assignee")).isEqualTo(task.assignee());
            assertThat(entity(json, "creator")).isEqualTo(task.createdBy());
            assertThat(entity(json, "resource")).isEqualTo(first(task, SystemRelationship.RESOURCE));
            assertThat(entity(json, "site")).isEqualTo(first(task, SystemRelationship.SITE));
            assertThat(metadata(json)).isEqualTo(task.metadata());
        });
    }

    @Test
    void aWrittenTaskReadsBackAsACreateOfTheSameTask() {
        qt().withExamples(300).forAll(TaskGenerators.tasks(new TenantId("acme"))).checkAssert(task -> {
            NewTask request = stora.readCreate(requestBody(task));

            assertThat(request.title()).isEqualTo(task.title());
            assertThat(request.description()).isEqualTo(task.description());
            assertThat(request.status()).isEqualTo(task.status());
            assertThat(request.dueAt()).isEqualTo(task.dueAt());
            assertThat(request.metadata()).isEqualTo(task.metadata());
            assertThat(request.relationships()).isEqualTo(carried(task));
            assertThat(request.externalId()).isEmpty();
        });
    }

    @Test
    void aWrittenTaskReadsBackAsAnUpdateThatMakesAnyTaskLikeIt() {
        Task base = Task.builder().id(new TaskId("task_0000000000000001")).tenantId(new TenantId("acme")).title("base")
                .description("base description").dueAt(Instant.parse("2000-01-01T00:00:00Z"))
                .createdAt(Instant.parse("2000-01-01T00:00:00Z")).updatedAt(Instant.parse("2000-01-01T00:00:00Z"))
                .relationship("$assignedTo", List.of("mem_base")).relationship("$site", List.of("site_base"))
                .relationship("$resource", List.of("unit_base")).build();
        qt().withExamples(300).forAll(TaskGenerators.tasks(new TenantId("acme"))).checkAssert(task -> {
            TaskPatch patch = stora.readUpdate(requestBody(task));

            Task patched = TaskRules.apply(base, patch, Instant.parse("2001-01-01T00:00:00Z"));

            assertThat(patched.title()).isEqualTo(task.title());
            assertThat(patched.description()).isEqualTo(task.description());
            assertThat(patched.status()).isEqualTo(task.status());
            assertThat(patched.dueAt()).isEqualTo(task.dueAt());
            assertThat(patched.metadata()).isEqualTo(task.metadata());
            for (SystemRelationship relationship : CARRIED) {
                assertThat(patched.relationship(relationship)).as(relationship.relationshipName())
                        .isEqualTo(first(task, relationship).map(List::of).orElse(List.of()));
            }
        });
    }

    @Test
    void aCreateThroughTheServiceWritesBackWhatWasSent() {
        qt().withExamples(150).forAll(TaskGenerators.tasks(new TenantId("acme"))).checkAssert(task -> {
            StoraFixture f = new StoraFixture();
            byte[] body = requestBody(task);

            Task created = f.service.create(f.actor, stora.readCreate(body));
            JsonNode written = StoraFixture.parse(stora.writeTask(created, "r")).path("task");

            JsonNode sent = StoraFixture.parse(body);
            sent.fieldNames().forEachRemaining(name -> assertThat(written.get(name)).as(name).isEqualTo(sent.get(name)));
            assertThat(entity(written, "creator")).contains(StoraFixture.PRINCIPAL);
        });
    }

    /** The task as a client would send it back: its written members without the read-only ones. */
    private byte[] requestBody(Task task) {
        ObjectNode json = (ObjectNode) StoraFixture.parse(stora.writeTask(task, "r")).path("task");
        json.remove(READ_ONLY);
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, List<String>> carried(Task task) {
        Map<String, List<String>> relationships = new LinkedHashMap<>();
        for (SystemRelationship relationship : CARRIED) {
            first(task, relationship).ifPresent(id -> relationships.put(relationship.relationshipName(), List.of(id)));
        }
        return relationships;
    }

    private static Optional<String> first(Task task, SystemRelationship relationship) {
        return task.relationship(relationship).stream().findFirst();
    }

    private static Optional<String> text(JsonNode json, String name) {
        assertThat(json.has(name)).as(name + " is always written").isTrue();
        return json.get(name).isNull() ? Optional.empty() : Optional.of(json.get(name).textValue());
    }

    private static Optional<Instant> instant(JsonNode json, String name) {
        return text(json, name).map(Instant::parse);
    }

    private static Optional<String> entity(JsonNode json, String name) {
        assertThat(json.has(name)).as(name + " is always written").isTrue();
        JsonNode value = json.get(name);
        if (value.isNull()) {
            return Optional.empty();
        }
        assertThat(StoraFixture.names(value)).containsExactly("id");
        return Optional.of(value.get("id").textValue());
    }

    private static Map<String, String> metadata(JsonNode json) {
        Map<String, String> metadata = new LinkedHashMap<>();
        json.path("metadata").properties().forEach(e -> metadata.put(e.getKey(), e.getValue().textValue()));
        return metadata;
    }
}
