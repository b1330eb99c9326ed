package dev.tasks.json.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The checker itself: it accepts what the document allows and refuses what it does not, so a passing conformance test means something. */
class OpenApiResponsesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final OpenApiResponses lightfield = OpenApiResponses.lightfield();

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static final String TASK = "{'id': 'task_1', 'createdAt': '2026-01-01T00:00:00Z', 'updatedAt': null,"
            + " 'httpLink': null, 'fields': {'$title': {'value': 't', 'valueType': 'TEXT'}},"
            + " 'relationships': {'$assignedTo': {'cardinality': 'HAS_ONE', 'objectType': 'member', 'values': ['m']}}}";

    @Test
    void a_minimal_task_conforms() throws IOException {
        assertThat(lightfield.validate("/v1/tasks", "post", 200, json(TASK))).isEmpty();
        assertThat(lightfield.validate("/v1/tasks/{id}", "GET", 200, json(TASK))).isEmpty();
    }

    @Test
    void a_task_without_id_or_with_a_member_the_schema_does_not_allow_is_refused() throws IOException {
        assertThat(lightfield.validate("/v1/tasks", "post", 200, json(TASK.replace("'id': 'task_1', ", ""))))
                .singleElement().asString().contains("id");
        assertThat(lightfield.validate("/v1/tasks/{id}", "post", 200, json(TASK.replace("{'id'", "{'version': 1, 'id'"))))
                .singleElement().asString().contains("version");
    }

    @Test
    void references_into_components_are_followed() throws IOException {
        // valueType's enum lives in the referenced TaskCreateResponse schema, not in the operation.
        assertThat(lightfield.validate("/v1/tasks", "post", 200, json(TASK.replace("'TEXT'", "'STRING'"))))
                .isNotEmpty().anySatisfy(p -> assertThat(p).contains("valueType"));
    }

    @Test
    void an_error_is_checked_inside_its_envelope_against_the_schema_of_its_status() throws IOException {
        assertThat(lightfield.validate("/v1/tasks", "post", 400,
                json("{'error': {'type': 'bad_request', 'message': 'm', 'code': 'c', 'param': 'fields.$title'}}"))).isEmpty();
        assertThat(lightfield.validate("/v1/tasks", "post", 400,
                json("{'error': {'type': 'bad_request', 'message': 'm'}}"))).singleElement().asString().contains("code");
        assertThat(lightfield.validate("/v1/tasks", "post", 404,
                json("{'error': {'type': 'bad_request', 'message': 'm'}}"))).singleElement().asString().contains("type");
        assertThat(lightfield.validate("/v1/tasks", "post", 404, json("{'type': 'not_found', 'message': 'm'}")))
                .contains("$: an error body must wrap the documented error in 'error'");
        assertThat(lightfield.validate("/v1/tasks", "post", 404,
                json("{'error': {'type': 'not_found', 'message': 'm'}, 'requestId': 'r'}")))
                .singleElement().asString().contains("requestId");
    }

    @Test
    void an_undocumented_status_is_a_problem_and_an_unknown_operation_a_mistake() throws IOException {
        assertThat(lightfield.validate("/v1/tasks", "post", 201, json(TASK))).containsExactly("POST /v1/tasks documents no 201 response");
        assertThatThrownBy(() -> lightfield.validate("/v1/tasks", "delete", 200, json(TASK)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delete /v1/tasks");
        assertThatThrownBy(() -> lightfield.validate("/v2/tasks", "get", 200, json(TASK)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/v2/tasks");
    }

    @Test
    void the_operations_statuses_are_listed() {
        assertThat(lightfield.statuses("/v1/tasks", "get"))
                .containsExactly(200, 400, 401, 403, 404, 409, 415, 422, 429, 500, 503, 504);
        assertThat(lightfield.responseSchema("/v1/tasks", "get", 200).path("$ref").asText())
                .isEqualTo("#/components/schemas/TaskListResponse");
    }

    @Test
    void the_document_in_the_repository_is_the_one_given_to_the_project() throws Exception {
        // The copy must stay byte for byte what Lightfield published; its SHA-256 is in SOURCE.md.
        try (InputStream copy = getClass().getClassLoader().getResourceAsStream(OpenApiResponses.LIGHTFIELD_DOCUMENT)) {
            assertThat(copy).isNotNull();
            byte[] bytes = copy.readAllBytes();
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            assertThat(sha256).isEqualTo("9db44d8868a47522ebff08a18624b89694abc0e8d97037660f5789480edc27f2");
            assertThat(JSON.readTree(bytes).path("openapi").asText()).isEqualTo("3.1.1");
        }
    }
}
