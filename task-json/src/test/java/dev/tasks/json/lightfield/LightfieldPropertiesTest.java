package dev.tasks.json.lightfield;

import static dev.tasks.json.lightfield.Fixtures.ALICE;
import static dev.tasks.json.lightfield.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasks.api.TaskService;
import dev.tasks.core.FieldPatch;
import dev.tasks.core.NewTask;
import dev.tasks.core.RelationshipCatalog;
import dev.tasks.core.RelationshipDefinition;
import dev.tasks.core.RelationshipPatch;
import dev.tasks.core.Task;
import dev.tasks.core.TaskDefinitions;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.TenantId;
import dev.tasks.core.Writability;
import dev.tasks.json.JsonBody;
import dev.tasks.json.openapi.OpenApiResponses;
import dev.tasks.store.memory.InMemoryTaskStore;
import dev.tasks.store.tck.TaskGenerators;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * Properties over generated input: create bodies read exactly and survive the service and the writer;
 * update bodies read into exactly the patch they say; every generated task is written as the document
 * allows, with its values.
 */
class LightfieldPropertiesTest {

    private static final RelationshipCatalog CATALOG = RelationshipCatalog.withCustom(List.of(Fixtures.PROJECT, Fixtures.WATCHERS));
    private static final OpenApiResponses OPENAPI = OpenApiResponses.lightfield();

    // No related-entities hook here: generated ids may start with anything.
    private final TaskService service = TaskService.builder(new InMemoryTaskStore())
            .relationship(Fixtures.PROJECT).relationship(Fixtures.WATCHERS).build();
    private final LightfieldFormat format = new LightfieldFormat(service.definitions(), Fixtures.LINK_BASE);

    // ------------------------------------------------------------------ create

    /** A create request and how its body spells it. */
    record Create(NewTask expected, byte[] body) {
        @Override
        public String toString() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static Gen<Create> creates() {
        Gen<String> titles = TaskGenerators.titles();
        Gen<String> descriptions = TaskGenerators.descriptions();
        Gen<Instant> instants = TaskGenerators.instants();
        Gen<Map<String, List<String>>> relationships = TaskGenerators.relationships(CATALOG, false);
        return in -> {
            ObjectNode body = JsonBody.mapper().createObjectNode();
            ObjectNode fields = body.putObject("fields");
            String title = titles.generate(in);
            TaskStatus status = pick(in, List.of(TaskStatus.values()));
            fields.put("$title", title);
            fields.put("$status", status.name());
            NewTask.Builder expected = NewTask.builder(title).status(status);
            switch (Generate.range(0, 2).generate(in)) {
                case 1 -> fields.putNull("$description");
                case 2 -> {
                    String description = descriptions.generate(in);
                    fields.put("$description", description);
                    expected.description(description);
                }
                default -> { }
            }
            switch (Generate.range(0, 2).generate(in)) {
                case 1 -> fields.putNull("$dueAt");
                case 2 -> {
                    Instant dueAt = instants.generate(in);
                    fields.put("$dueAt", JsonBody.instant(dueAt));
                    expected.dueAt(dueAt);
                }
                default -> { }
            }
            Map<String, List<String>> related = new LinkedHashMap<>(relationships.generate(in));
            related.putIfAbsent("$assignedTo", List.of(pick(in, TaskGenerators.ASSIGNEES)));
            ObjectNode rels = body.putObject("relationships");
            related.forEach((name, ids) -> {
                putIds(in, rels, name, ids);
                expected.relationship(name, ids);
            });
            return new Create(expected.build(), bytes(body));
        };
    }

    @Test
    void a_create_body_is_read_exactly_and_the_created_task_is_written_with_its_values() {
        Pbt.check(creates(), create -> {
            NewTask request = format.readCreate(create.body());
            assertThat(request).isEqualTo(create.expected());

            Task task = service.create(ALICE, request);
            JsonNode written = tree(format.writeTask(task));
            assertThat(OPENAPI.validate("/v1/tasks", "post", 200, written)).isEmpty();
            assertThat(written.at("/fields/$title/value").textValue()).isEqualTo(request.title());
            assertThat(written.at("/fields/$status/value").textValue()).isEqualTo(request.status().name());
            assertThat(Optional.ofNullable(written.at("/fields/$description/value").textValue())).isEqualTo(request.description());
            assertThat(Optional.ofNullable(written.at("/fields/$dueAt/value").textValue()).map(Instant::parse)).isEqualTo(request.dueAt());
            request.relationships().forEach((name, ids) ->
                    assertThat(strings(written.at("/relationships/" + name + "/values"))).isEqualTo(task.relationship(name)));
        });
    }

    // ------------------------------------------------------------------ update

    /** An update body and the patch it must read as. */
    record Update(TaskPatch expected, byte[] body) {
        @Override
        public String toString() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static Gen<Update> updates() {
        Gen<String> titles = TaskGenerators.titles();
        Gen<String> descriptions = TaskGenerators.descriptions();
        Gen<Instant> instants = TaskGenerators.instants();
        Gen<String> entityIds = TaskGenerators.entityIds();
        List<String> writable = CATALOG.all().stream()
                .filter(d -> d.writability() == Writability.WRITABLE).map(RelationshipDefinition::name).toList();
        return in -> {
            ObjectNode body = JsonBody.mapper().createObjectNode();
            TaskPatch.Builder expected = TaskPatch.builder();
            if (Generate.booleans().generate(in)) {
                ObjectNode fields = body.putObject("fields");
                expected.title(field(in, fields, "$title", titles.generate(in)));
                TaskStatus status = pick(in, List.of(TaskStatus.values()));
                FieldPatch<String> statusName = field(in, fields, "$status", status.name());
                expected.status(statusName instanceof FieldPatch.SetTo ? FieldPatch.set(status)
                        : statusName instanceof FieldPatch.Cleared ? FieldPatch.cleared() : FieldPatch.absent());
                expected.description(field(in, fields, "$description", descriptions.generate(in)));
                Instant due = instants.generate(in);
                FieldPatch<String> dueText = field(in, fields, "$dueAt", JsonBody.instant(due));
                expected.dueAt(dueText instanceof FieldPatch.SetTo ? FieldPatch.set(due)
                        : dueText instanceof FieldPatch.Cleared ? FieldPatch.cleared() : FieldPatch.absent());
            }
            if (Generate.booleans().generate(in)) {
                ObjectNode rels = body.putObject("relationships");
                for (String name : writable) {
                    if (Generate.range(0, 3).generate(in) != 0) {
                        continue;
                    }
                    ObjectNode operation = rels.putObject(name);
                    List<String> add = List.of();
                    List<String> remove = List.of();
                    Optional<List<String>> replace = Optional.empty();
                    int which = Generate.range(1, 7).generate(in); // bits: add, remove, replace; never none
                    if ((which & 1) != 0) {
                        add = ids(in, entityIds);
                        putIds(in, operation, "add", add);
                    }
                    if ((which & 2) != 0) {
                        remove = ids(in, entityIds);
                        putIds(in, operation, "remove", remove);
                    }
                    if ((which & 4) != 0) {
                        if (Generate.booleans().generate(in)) {
                            operation.putNull("replace");
                            replace = Optional.of(List.of());
                        } else {
                            List<String> ids = ids(in, entityIds);
                            putIds(in, operation, "replace", ids);
                            replace = Optional.of(ids);
                        }
                    }
                    expected.relationship(name, new RelationshipPatch(add, remove, replace));
                }
            }
            return new Update(expected.build(), bytes(body));
        };
    }

    @Test
    void an_update_body_reads_as_exactly_the_patch_it_says() {
        Pbt.check(updates(), update -> assertThat(format.readUpdate(update.body())).isEqualTo(update.expected()));
    }

    // ------------------------------------------------------------------ writing

    @Test
    void every_task_is_written_as_the_document_allows_with_its_values() {
        LightfieldFormat catalogFormat = new LightfieldFormat(TaskDefinitions.of(CATALOG), Fixtures.LINK_BASE);
        Pbt.check(TaskGenerators.tasks(new TenantId("acme"), CATALOG), task -> {
            JsonNode written = tree(catalogFormat.writeTask(task));
            assertThat(OPENAPI.validate("/v1/tasks/{id}", "get", 200, written)).isEmpty();
            assertThat(OPENAPI.validate("/v1/tasks/{id}", "post", 200, written)).isEmpty();
            assertThat(written.get("id").textValue()).isEqualTo(task.id().value());
            assertThat(Instant.parse(written.get("createdAt").textValue())).isEqualTo(task.createdAt());
            assertThat(Instant.parse(written.get("updatedAt").textValue())).isEqualTo(task.updatedAt());
            assertThat(written.get("httpLink").textValue()).isEqualTo(Fixtures.LINK_BASE + "/" + task.id().value());
            assertThat(Optional.ofNullable(written.get("externalId").textValue())).isEqualTo(task.externalId());
            assertThat(written.at("/fields/$title/value").textValue()).isEqualTo(task.title());
            assertThat(TaskStatus.valueOf(written.at("/fields/$status/value").textValue())).isEqualTo(task.status());
            assertThat(Optional.ofNullable(written.at("/fields/$description/value").textValue())).isEqualTo(task.description());
            assertThat(Optional.ofNullable(written.at("/fields/$dueAt/value").textValue()).map(Instant::parse)).isEqualTo(task.dueAt());
            for (RelationshipDefinition definition : CATALOG.all()) {
                assertThat(strings(written.get("relationships").get(definition.name()).get("values")))
                        .as(definition.name()).isEqualTo(task.relationship(definition.name()));
            }
            JsonNode list = tree(catalogFormat.writeList(List.of(task, task), 2));
            assertThat(OPENAPI.validate("/v1/tasks", "get", 200, list)).isEmpty();
        });
    }

    // ------------------------------------------------------------------ helpers

    /** Absent, null or the value; says which. */
    private static FieldPatch<String> field(RandomnessSource in, ObjectNode fields, String name, String value) {
        return switch (Generate.range(0, 2).generate(in)) {
            case 1 -> {
                fields.putNull(name);
                yield FieldPatch.cleared();
            }
            case 2 -> {
                fields.put(name, value);
                yield FieldPatch.set(value);
            }
            default -> FieldPatch.absent();
        };
    }

    /** One id as a string or as a one-element array; several as an array. */
    private static void putIds(RandomnessSource in, ObjectNode parent, String name, List<String> ids) {
        if (ids.size() == 1 && Generate.booleans().generate(in)) {
            parent.put(name, ids.get(0));
        } else {
            ArrayNode array = parent.putArray(name);
            ids.forEach(array::add);
        }
    }

    private static List<String> ids(RandomnessSource in, Gen<String> entityIds) {
        int n = Generate.range(0, 3).generate(in);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(entityIds.generate(in));
        }
        return ids;
    }

    private static <T> T pick(RandomnessSource in, List<T> values) {
        return values.get(Generate.range(0, values.size() - 1).generate(in));
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(element -> strings.add(element.textValue()));
        return strings;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JsonBody.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
