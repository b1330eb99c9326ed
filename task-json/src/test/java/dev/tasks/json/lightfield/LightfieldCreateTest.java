package dev.tasks.json.lightfield;

import static dev.tasks.json.lightfield.Fixtures.ALICE;
import static dev.tasks.json.lightfield.Fixtures.assertError;
import static dev.tasks.json.lightfield.Fixtures.body;
import static dev.tasks.json.lightfield.Fixtures.bodyError;
import static dev.tasks.json.lightfield.Fixtures.serviceError;
import static dev.tasks.json.lightfield.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasks.api.TaskService;
import dev.tasks.core.NewTask;
import dev.tasks.core.Task;
import dev.tasks.core.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code POST /v1/tasks}: the body, read into a {@code NewTask} and created through a real service. */
class LightfieldCreateTest {

    private final TaskService service = Fixtures.service();
    private final LightfieldFormat format = Fixtures.format(service);

    /** The request of Lightfield's own "Create a task" example, as published. */
    private static final String SEED_EXAMPLE = """
            {
              "fields": {
                "$status": "$status",
                "$title": "$title"
              },
              "relationships": {
                "foo": "string"
              }
            }""";

    @Test
    void the_published_example_is_refused_for_its_status_first() {
        LightfieldError error = bodyError(() -> format.readCreate(SEED_EXAMPLE.getBytes(StandardCharsets.UTF_8)));

        assertError(error, 400, "bad_request", "invalid_type", "fields.$status");
        assertThat(Fixtures.inner(error).path("message").asText()).contains("TODO, IN_PROGRESS, COMPLETE, CANCELLED");
    }

    @Test
    void the_published_example_with_real_values_creates_a_task() {
        byte[] request = body("{'fields': {'$status': 'TODO', '$title': 'Call the customer back'},"
                + " 'relationships': {'$assignedTo': 'mem_1'}}");

        Task task = service.create(ALICE, format.readCreate(request));

        assertThat(task.title()).isEqualTo("Call the customer back");
        assertThat(task.status()).isEqualTo(TaskStatus.TODO);
        assertThat(task.assignee()).contains("mem_1");
        assertThat(task.createdBy()).contains("mem_alice");
        JsonNode written = tree(format.writeTask(task));
        assertThat(written.at("/fields/$title/value").asText()).isEqualTo("Call the customer back");
        assertThat(written.at("/fields/$status/value").asText()).isEqualTo("TODO");
        assertThat(written.at("/relationships/$assignedTo/values").toString()).isEqualTo("[\"mem_1\"]");
        assertThat(written.at("/relationships/$createdBy/values").toString()).isEqualTo("[\"mem_alice\"]");
    }

    @Test
    void every_member_is_read() {
        NewTask request = format.readCreate(body("{'fields': {'$title': 'Inspect unit 12', '$status': 'IN_PROGRESS',"
                + " '$description': '**Bring** the key', '$dueAt': '2026-12-01T10:00:00+01:00'},"
                + " 'relationships': {'$assignedTo': ['mem_1'], '$account': 'acc_7', 'watchers': ['mem_2', 'mem_3'],"
                + " '$createdBy': 'mem_9', 'project': []}}"));

        assertThat(request.title()).isEqualTo("Inspect unit 12");
        assertThat(request.status()).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(request.description()).contains("**Bring** the key");
        assertThat(request.dueAt()).contains(Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(request.relationships()).containsExactly(
                Map.entry("$assignedTo", List.of("mem_1")), Map.entry("$account", List.of("acc_7")),
                Map.entry("watchers", List.of("mem_2", "mem_3")), Map.entry("$createdBy", List.of("mem_9")),
                Map.entry("project", List.of()));
        assertThat(request.metadata()).isEmpty();
        assertThat(request.externalId()).isEmpty();

        Task task = service.create(ALICE, request);
        assertThat(task.createdBy()).contains("mem_9");
        assertThat(task.relationship("watchers")).containsExactly("mem_2", "mem_3");
    }

    @Test
    void null_description_and_due_time_mean_none() {
        NewTask request = format.readCreate(body("{'fields': {'$title': 't', '$status': 'TODO', '$description': null,"
                + " '$dueAt': null}, 'relationships': {'$assignedTo': 'mem_1'}}"));

        assertThat(request.description()).isEmpty();
        assertThat(request.dueAt()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TaskStatus.class)
    void every_status_is_read_by_its_name_and_written_back_the_same(TaskStatus status) {
        byte[] request = body("{'fields': {'$title': 't', '$status': '" + status.name() + "'},"
                + " 'relationships': {'$assignedTo': 'mem_1'}}");

        Task task = service.create(ALICE, format.readCreate(request));

        assertThat(task.status()).isEqualTo(status);
        assertThat(tree(format.writeTask(task)).at("/fields/$status/value").asText()).isEqualTo(status.name());
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                // not JSON, or not an object
                Arguments.of("", "invalid_json", null),
                Arguments.of("{'fields': ", "invalid_json", null),
                Arguments.of("{'fields': {}, 'fields': {}}", "invalid_json", null),
                Arguments.of("[]", "invalid_type", null),
                Arguments.of("null", "invalid_type", null),
                // top level
                Arguments.of("{}", "parameter_missing", "fields"),
                Arguments.of("{'fields': {'$title': 't', '$status': 'TODO'}}", "parameter_missing", "relationships"),
                Arguments.of("{'relationships': {'$assignedTo': 'm'}}", "parameter_missing", "fields"),
                Arguments.of("{'title': 't'}", "parameter_unknown", "title"),
                Arguments.of("{'externalId': 'x', 'fields': {}}", "parameter_unknown", "externalId"),
                Arguments.of("{'fields': [], 'relationships': {}}", "invalid_type", "fields"),
                Arguments.of("{'fields': null, 'relationships': {}}", "invalid_type", "fields"),
                Arguments.of("{'fields': {'$title': 't', '$status': 'TODO'}, 'relationships': 'm'}", "invalid_type", "relationships"),
                // fields
                Arguments.of("{'fields': {'$status': 'TODO'}, 'relationships': {'$assignedTo': 'm'}}", "parameter_missing", "fields.$title"),
                Arguments.of("{'fields': {'$title': 't'}, 'relationships': {'$assignedTo': 'm'}}", "parameter_missing", "fields.$status"),
                Arguments.of("{'fields': {'$title': null, '$status': 'TODO'}, 'relationships': {}}", "invalid_type", "fields.$title"),
                Arguments.of("{'fields': {'$title': 5, '$status': 'TODO'}, 'relationships': {}}", "invalid_type", "fields.$title"),
                Arguments.of("{'fields': {'$title': 't', '$status': null}, 'relationships': {}}", "invalid_type", "fields.$status"),
                Arguments.of("{'fields': {'$title': 't', '$status': true}, 'relationships': {}}", "invalid_type", "fields.$status"),
                Arguments.of("{'fields': {'$title': 't', '$status': 'DONE'}, 'relationships': {}}", "invalid_type", "fields.$status"),
                Arguments.of("{'fields': {'$title': 't', '$status': 'todo'}, 'relationships': {}}", "invalid_type", "fields.$status"),
                Arguments.of("{'fields': {'$title': 't', '$status': 'TODO', '$description': []}, 'relationships': {}}", "invalid_type", "fields.$description"),
                Arguments.of("{'fields': {'$title': 't', '$status': 'TODO', '$dueAt': 1767225600}, 'relationships': {}}", "invalid_type", "fields.$dueAt"),
                Arguments.of("{'fields': {'$title': 't', '$status': 'TODO', '$dueAt': 'tomorrow'}, 'relationships': {}}", "invalid_type", "fields.$dueAt"),
                Arguments.of("{'fields': {'$title': 't', '$status': 'TODO', '$dueAt': '2026-12-01T10:00:00'}, 'relationships': {}}", "invalid_type", "fields.$dueAt"),
                Arguments.of("{'fields': {'$title': 't', '$status': 'TODO', '$priority': 'high'}, 'relationships': {}}", "unknown_field", "fields.$priority"),
                Arguments.of("{'fields': {'title': 't'}, 'relationships': {}}", "unknown_field", "fields.title"),
                Arguments.of("{'fields': {'$completedAt': null}, 'relationships': {}}", "unknown_field", "fields.$completedAt"),
                // relationships
                Arguments.of("{'fields': {'$title': 't', '$status': 'TODO'}, 'relationships': {}}", "parameter_missing", "relationships.$assignedTo"),
                Arguments.of("{'fields': {'$title': 't', '$status': 'TODO'}, 'relationships': {'$assignedTo': []}}", "parameter_missing", "relationships.$assignedTo"),
                Arguments.of("{'fields': {'$title': 't', '$status': 'TODO'}, 'relationships': {'$assignedTo': null}}", "invalid_type", "relationships.$assignedTo"),
                Arguments.of("{'fields': {'$title': 't', '$status': 'TODO'}, 'relationships': {'$assignedTo': 7}}", "invalid_type", "relationships.$assignedTo"),
                Arguments.of("{'fields': {'$title': 't', '$status': 'TODO'}, 'relationships': {'$assignedTo': ['m', 7]}}", "invalid_type", "relationships.$assignedTo"),
                Arguments.of("{'fields': {'$title': 't', '$status': 'TODO'}, 'relationships': {'$assignedTo': {'add': 'm'}}}", "invalid_type", "relationships.$assignedTo"),
                Arguments.of("{'fields': {'$title': 't', '$status': 'TODO'}, 'relationships': {'foo': 'x', '$assignedTo': 'm'}}", "unknown_relationship", "relationships.foo"),
                Arguments.of("{'fields': {'$title': 't', '$status': 'TODO'}, 'relationships': {'assignedTo': 'm'}}", "unknown_relationship", "relationships.assignedTo"),
                Arguments.of("{'fields': {'$title': 't', '$status': 'TODO'}, 'relationships': {'a/b~c': 'm'}}", "unknown_relationship", "relationships.a/b~c"));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("badBodies")
    void a_bad_body_is_a_400_naming_the_member(String body, String code, String param) {
        assertError(bodyError(() -> format.readCreate(body(body))), 400, "bad_request", code, param);
    }

    static Stream<Arguments> bodyOrder() {
        return Stream.of(
                // the first problem met walking the body, whatever its kind
                Arguments.of("{'fields': {'$bad': 1, '$title': 5}, 'relationships': {'foo': 'x'}}", "fields.$bad"),
                Arguments.of("{'fields': {'$title': 5, '$bad': 1}, 'relationships': {'foo': 'x'}}", "fields.$title"),
                Arguments.of("{'relationships': {'foo': 'x'}, 'fields': {'$bad': 1}}", "relationships.foo"),
                Arguments.of("{'extra': 1, 'fields': {'$bad': 1}}", "extra"),
                Arguments.of("{'fields': {'$bad': 1}, 'extra': 1}", "fields.$bad"),
                // a missing member is met where its object ends
                Arguments.of("{'fields': {'$status': 'TODO'}, 'relationships': {'foo': 'x'}}", "fields.$title"),
                Arguments.of("{'fields': {}, 'relationships': {'foo': 'x'}}", "fields.$title"),
                Arguments.of("{'relationships': {'foo': 'x'}}", "relationships.foo"),
                Arguments.of("{'relationships': {}, 'fields': {'$title': 't', '$status': 'TODO'}}", "relationships.$assignedTo"),
                Arguments.of("{'fields': {'$title': 't', '$status': 'TODO'}, 'relationships': {'$account': 'a', 'foo': 'x'}}", "relationships.foo"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("bodyOrder")
    void the_first_problem_in_body_order_is_reported(String body, String param) {
        LightfieldError error = bodyError(() -> format.readCreate(body(body)));
        assertThat(Fixtures.inner(error).path("param").asText()).isEqualTo(param);
    }

    @Test
    void a_well_formed_body_that_breaks_a_rule_is_the_service_s_422() {
        assertError(serviceError(() -> service.create(ALICE, format.readCreate(body(
                        "{'fields': {'$title': '   ', '$status': 'TODO'}, 'relationships': {'$assignedTo': 'mem_1'}}")))),
                422, "unprocessable_content", "blank", "fields.$title");
        assertError(serviceError(() -> service.create(ALICE, format.readCreate(body(
                        "{'fields': {'$title': 't', '$status': 'TODO'}, 'relationships': {'$assignedTo': ['mem_1', 'mem_2']}}")))),
                422, "unprocessable_content", "cardinality", "relationships.$assignedTo");
        assertError(serviceError(() -> service.create(ALICE, format.readCreate(body(
                        "{'fields': {'$title': 't', '$status': 'TODO'}, 'relationships': {'$assignedTo': 'mem 1'}}")))),
                422, "unprocessable_content", "invalid_format", "relationships.$assignedTo");
        assertError(serviceError(() -> service.create(ALICE, format.readCreate(body(
                        "{'fields': {'$title': 't', '$status': 'TODO'}, 'relationships': {'$assignedTo': 'mem_1', '$note': 'note_1'}}")))),
                422, "unprocessable_content", "read_only", "relationships.$note");
        assertError(serviceError(() -> service.create(ALICE, format.readCreate(body(
                        "{'fields': {'$title': 't', '$status': 'TODO', '$dueAt': '+10000-01-01T00:00:00Z'}, 'relationships': {'$assignedTo': 'mem_1'}}")))),
                422, "unprocessable_content", "out_of_range", "fields.$dueAt");
    }

    @Test
    void related_entities_that_are_missing_or_inactive_are_400s_as_lightfield_answers_them() {
        assertError(serviceError(() -> service.create(ALICE, format.readCreate(body(
                        "{'fields': {'$title': 't', '$status': 'TODO'}, 'relationships': {'$assignedTo': 'gone_1'}}")))),
                400, "bad_request", "relationship_entity_missing", "relationships.$assignedTo");
        assertError(serviceError(() -> service.create(ALICE, format.readCreate(body(
                        "{'fields': {'$title': 't', '$status': 'TODO'}, 'relationships': {'$assignedTo': 'mem_1', '$account': 'old_1'}}")))),
                400, "bad_request", "relationship_entity_inactive", "relationships.$account");
    }

    @Test
    void a_400_class_violation_wins_over_a_422_one() {
        // The service finds both at once: the blank title (422) and the unknown relationship (400). The
        // format refuses unknown names itself, so the request is made without it.
        NewTask request = NewTask.builder(" ").status(TaskStatus.TODO).assignee("mem_1").relationship("foo", List.of("x")).build();

        LightfieldError error = serviceError(() -> service.create(ALICE, request));

        assertError(error, 400, "bad_request", "unknown_relationship", "relationships.foo");
        assertThat(Fixtures.inner(error).path("message").asText()).doesNotContain("$title");
    }

    @Test
    void nothing_that_lightfield_has_no_member_for_is_set() {
        NewTask request = format.readCreate(body("{'fields': {'$title': 't', '$status': 'OPEN'}, 'relationships': {'$assignedTo': 'm'}}"));

        assertThat(request).isEqualTo(new NewTask("t", Optional.empty(), TaskStatus.OPEN, Optional.empty(), Optional.empty(),
                Map.of(), Map.of("$assignedTo", List.of("m"))));
    }
}
