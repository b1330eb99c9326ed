package dev.tasks.json.lightfield;

import static dev.tasks.json.lightfield.Fixtures.ALICE;
import static dev.tasks.json.lightfield.Fixtures.assertError;
import static dev.tasks.json.lightfield.Fixtures.body;
import static dev.tasks.json.lightfield.Fixtures.bodyError;
import static dev.tasks.json.lightfield.Fixtures.serviceError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasks.api.TaskService;
import dev.tasks.core.FieldPatch;
import dev.tasks.core.RelationshipPatch;
import dev.tasks.core.Task;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code POST /v1/tasks/{id}}: only what is sent changes; relationships change by add, remove and replace. */
class LightfieldUpdateTest {

    private final TaskService service = Fixtures.service();
    private final LightfieldFormat format = Fixtures.format(service);
    private Task task;

    @BeforeEach
    void createTask() {
        task = service.create(ALICE, format.readCreate(body("{'fields': {'$title': 'Inspect unit 12', '$status': 'TODO',"
                + " '$description': 'Bring the key', '$dueAt': '2026-12-01T09:00:00Z'},"
                + " 'relationships': {'$assignedTo': 'mem_1', '$account': 'acc_1', 'watchers': ['mem_2', 'mem_3']}}")));
    }

    private Task update(String body) {
        return service.update(ALICE, task.id(), format.readUpdate(body(body)));
    }

    @Test
    void an_empty_body_changes_nothing() {
        assertThat(format.readUpdate(body("{}"))).isEqualTo(TaskPatch.EMPTY);
        assertThat(format.readUpdate(body("{'fields': {}, 'relationships': {}}"))).isEqualTo(TaskPatch.EMPTY);
        assertThat(update("{}")).isEqualTo(task);
    }

    @Test
    void only_the_fields_sent_change() {
        Task updated = update("{'fields': {'$status': 'IN_PROGRESS'}}");

        assertThat(updated.status()).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(updated.title()).isEqualTo(task.title());
        assertThat(updated.description()).isEqualTo(task.description());
        assertThat(updated.dueAt()).isEqualTo(task.dueAt());
        assertThat(updated.relationships()).isEqualTo(task.relationships());
    }

    @Test
    void every_field_can_be_set() {
        Task updated = update("{'fields': {'$title': 'Inspect unit 13', '$status': 'COMPLETE', '$description': 'Done',"
                + " '$dueAt': '2027-01-02T03:04:05.678Z'}}");

        assertThat(updated.title()).isEqualTo("Inspect unit 13");
        assertThat(updated.status()).isEqualTo(TaskStatus.COMPLETE);
        assertThat(updated.description()).contains("Done");
        assertThat(updated.dueAt()).contains(Instant.parse("2027-01-02T03:04:05.678Z"));
    }

    @Test
    void null_clears_the_description_and_the_due_time() {
        assertThat(format.readUpdate(body("{'fields': {'$description': null, '$dueAt': null}}")))
                .isEqualTo(TaskPatch.builder().description(FieldPatch.cleared()).dueAt(FieldPatch.cleared()).build());

        Task updated = update("{'fields': {'$description': null, '$dueAt': null}}");

        assertThat(updated.description()).isEmpty();
        assertThat(updated.dueAt()).isEmpty();
        assertThat(updated.title()).isEqualTo(task.title());
    }

    @Test
    void null_for_the_title_or_the_status_is_refused_by_the_service_as_it_cannot_be_cleared() {
        assertThat(format.readUpdate(body("{'fields': {'$title': null}}")).title()).isEqualTo(FieldPatch.cleared());

        assertError(serviceError(() -> update("{'fields': {'$title': null}}")), 422, "unprocessable_content", "required", "fields.$title");
        assertError(serviceError(() -> update("{'fields': {'$status': null}}")), 422, "unprocessable_content", "required", "fields.$status");
        // Both at once: the title comes first in the body's order.
        assertError(serviceError(() -> update("{'fields': {'$status': null, '$title': null}}")), 422, "unprocessable_content", "required", "fields.$title");
    }

    @Test
    void replace_sets_the_whole_relationship() {
        Task updated = update("{'relationships': {'$assignedTo': {'replace': 'mem_9'}, 'watchers': {'replace': ['mem_7', 'mem_8']}}}");

        assertThat(updated.relationship("$assignedTo")).containsExactly("mem_9");
        assertThat(updated.relationship("watchers")).containsExactly("mem_7", "mem_8");
        assertThat(updated.relationship("$account")).containsExactly("acc_1");
    }

    @Test
    void replace_null_and_replace_empty_clear() {
        assertThat(format.readUpdate(body("{'relationships': {'$account': {'replace': null}}}")).relationships())
                .containsEntry("$account", RelationshipPatch.clear());

        Task updated = update("{'relationships': {'$account': {'replace': null}, 'watchers': {'replace': []}}}");

        assertThat(updated.relationship("$account")).isEmpty();
        assertThat(updated.relationship("watchers")).isEmpty();
        assertThat(updated.relationship("$assignedTo")).containsExactly("mem_1");
    }

    @Test
    void add_appends_and_remove_takes_out_one_id_or_several() {
        assertThat(update("{'relationships': {'watchers': {'add': 'mem_4'}}}").relationship("watchers"))
                .containsExactly("mem_2", "mem_3", "mem_4");
        assertThat(update("{'relationships': {'watchers': {'add': ['mem_5', 'mem_2']}}}").relationship("watchers"))
                .containsExactly("mem_2", "mem_3", "mem_4", "mem_5");
        assertThat(update("{'relationships': {'watchers': {'remove': 'mem_3'}}}").relationship("watchers"))
                .containsExactly("mem_2", "mem_4", "mem_5");
        assertThat(update("{'relationships': {'watchers': {'remove': ['mem_2', 'mem_5', 'mem_nobody']}}}").relationship("watchers"))
                .containsExactly("mem_4");
    }

    @Test
    void replace_then_remove_then_add_in_one_operation() {
        assertThat(format.readUpdate(body("{'relationships': {'watchers': {'add': 'c', 'remove': ['a'], 'replace': ['a', 'b']}}}"))
                .relationships().get("watchers"))
                .isEqualTo(new RelationshipPatch(List.of("c"), List.of("a"), Optional.of(List.of("a", "b"))));

        Task updated = update("{'relationships': {'watchers': {'add': 'mem_c', 'remove': 'mem_a', 'replace': ['mem_a', 'mem_b']}}}");

        assertThat(updated.relationship("watchers")).containsExactly("mem_b", "mem_c");
    }

    @Test
    void a_has_one_relationship_is_reassigned_with_replace_not_add() {
        assertError(serviceError(() -> update("{'relationships': {'$assignedTo': {'add': 'mem_2'}}}")),
                422, "unprocessable_content", "cardinality", "relationships.$assignedTo");
        assertThat(update("{'relationships': {'$assignedTo': {'remove': 'mem_1', 'add': 'mem_2'}}}").assignee()).contains("mem_2");
    }

    @Test
    void what_the_service_refuses_in_a_relationship_operation_names_the_operation() {
        assertError(serviceError(() -> update("{'relationships': {'watchers': {'add': 'mem_x', 'remove': 'mem_x'}}}")),
                422, "unprocessable_content", "conflicting", "relationships.watchers.add");
        assertError(serviceError(() -> update("{'relationships': {'watchers': {'add': ['mem_ok', 'not ok']}}}")),
                422, "unprocessable_content", "invalid_format", "relationships.watchers.add");
        assertError(serviceError(() -> update("{'relationships': {'watchers': {'replace': 'gone_1'}}}")),
                400, "bad_request", "relationship_entity_missing", "relationships.watchers.replace");
        assertError(serviceError(() -> update("{'relationships': {'$createdBy': {'replace': 'mem_2'}}}")),
                422, "unprocessable_content", "read_only", "relationships.$createdBy");
        assertError(serviceError(() -> update("{'relationships': {'$note': {'add': 'note_1'}}}")),
                422, "unprocessable_content", "read_only", "relationships.$note");
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("", "invalid_json", null),
                Arguments.of("[{}]", "invalid_type", null),
                Arguments.of("{'fields': 'x'}", "invalid_type", "fields"),
                Arguments.of("{'relationships': null}", "invalid_type", "relationships"),
                Arguments.of("{'externalId': 'x'}", "parameter_unknown", "externalId"),
                Arguments.of("{'fields': {'$title': 5}}", "invalid_type", "fields.$title"),
                Arguments.of("{'fields': {'$status': 'DONE'}}", "invalid_type", "fields.$status"),
                Arguments.of("{'fields': {'$status': ['TODO']}}", "invalid_type", "fields.$status"),
                Arguments.of("{'fields': {'$description': false}}", "invalid_type", "fields.$description"),
                Arguments.of("{'fields': {'$dueAt': 'soon'}}", "invalid_type", "fields.$dueAt"),
                Arguments.of("{'fields': {'$owner': 'x'}}", "unknown_field", "fields.$owner"),
                Arguments.of("{'relationships': {'foo': {'add': 'x'}}}", "unknown_relationship", "relationships.foo"),
                Arguments.of("{'relationships': {'$account': 'acc_1'}}", "invalid_type", "relationships.$account"),
                Arguments.of("{'relationships': {'$account': ['acc_1']}}", "invalid_type", "relationships.$account"),
                Arguments.of("{'relationships': {'$account': null}}", "invalid_type", "relationships.$account"),
                Arguments.of("{'relationships': {'$account': {}}}", "parameter_missing", "relationships.$account"),
                Arguments.of("{'relationships': {'$account': {'set': 'acc_1'}}}", "parameter_unknown", "relationships.$account.set"),
                Arguments.of("{'relationships': {'$account': {'add': 1}}}", "invalid_type", "relationships.$account.add"),
                Arguments.of("{'relationships': {'$account': {'add': null}}}", "invalid_type", "relationships.$account.add"),
                Arguments.of("{'relationships': {'$account': {'remove': [null]}}}", "invalid_type", "relationships.$account.remove"),
                Arguments.of("{'relationships': {'$account': {'replace': {}}}}", "invalid_type", "relationships.$account.replace"),
                Arguments.of("{'relationships': {'$account': {'replace': ['a', 2]}}}", "invalid_type", "relationships.$account.replace"),
                // body order: the first problem met
                Arguments.of("{'fields': {'$status': 'DONE', '$bad': 1}, 'relationships': {'foo': {}}}", "invalid_type", "fields.$status"),
                Arguments.of("{'relationships': {'$account': {'add': 1}, 'foo': {}}, 'fields': {'$bad': 1}}", "invalid_type", "relationships.$account.add"));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("badBodies")
    void a_bad_body_is_a_400_naming_the_member(String body, String code, String param) {
        assertError(bodyError(() -> format.readUpdate(body(body))), 400, "bad_request", code, param);
    }
}
