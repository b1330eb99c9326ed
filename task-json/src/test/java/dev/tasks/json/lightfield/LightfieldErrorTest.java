package dev.tasks.json.lightfield;

import static dev.tasks.json.lightfield.Fixtures.ALICE;
import static dev.tasks.json.lightfield.Fixtures.assertError;
import static dev.tasks.json.lightfield.Fixtures.inner;
import static dev.tasks.json.lightfield.Fixtures.serviceError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasks.api.Actor;
import dev.tasks.api.ExternalIdConflictException;
import dev.tasks.api.ForbiddenException;
import dev.tasks.api.IdempotencyKeyReusedException;
import dev.tasks.api.Scope;
import dev.tasks.api.StorageFailureException;
import dev.tasks.api.TaskNotFoundException;
import dev.tasks.api.TaskService;
import dev.tasks.api.TaskTrashedException;
import dev.tasks.api.TaskValidationException;
import dev.tasks.api.VersionConflictException;
import dev.tasks.api.WriteOptions;
import dev.tasks.core.NewTask;
import dev.tasks.core.Task;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.TaskQuery;
import dev.tasks.core.validation.Violation;
import dev.tasks.core.validation.ViolationCode;
import dev.tasks.json.BodyException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Errors: the envelope, the type of each status, and the translation of every library failure. */
class LightfieldErrorTest {

    private static final TaskId SOME_ID = new TaskId("task_0000000000000001");

    private final TaskService service = Fixtures.service();
    private final LightfieldFormat format = Fixtures.format(service);

    @ParameterizedTest
    @CsvSource({
        "400, bad_request", "401, unauthorized", "403, forbidden", "404, not_found", "409, conflict",
        "415, unsupported_media_type", "422, unprocessable_content", "429, too_many_requests",
        "500, internal_server_error", "503, service_unavailable", "504, gateway_timeout"})
    void each_documented_status_has_the_type_of_the_openapi_document(int status, String type) {
        LightfieldError error = LightfieldError.of(status, "some_code", "Something", null);

        assertError(error, status, type, "some_code", null);
        assertThat(Fixtures.tree(error.body()).fieldNames()).toIterable().containsExactly("error");
    }

    @Test
    void the_http_layer_s_own_errors() {
        assertThat(LightfieldError.of(400, "version_header", "the Lightfield-Version header must be 2026-03-01", "Lightfield-Version").bodyText())
                .isEqualTo("{\"error\":{\"type\":\"bad_request\",\"code\":\"version_header\","
                        + "\"message\":\"the Lightfield-Version header must be 2026-03-01\",\"param\":\"Lightfield-Version\"}}");
        assertThat(LightfieldError.of(401, null, "a valid bearer token is required", null).bodyText())
                .isEqualTo("{\"error\":{\"type\":\"unauthorized\",\"message\":\"a valid bearer token is required\"}}");
        assertError(LightfieldError.of(404, "route_not_found", "no route GET /v1/task", null), 404, "not_found", "route_not_found", null);
        assertError(LightfieldError.of(415, null, "the body must be application/json", null), 415, "unsupported_media_type", null, null);
        assertError(LightfieldError.of(429, "rate_limited", "too many requests; retry after 1 s", null), 429, "too_many_requests", "rate_limited", null);
    }

    @Test
    void misuse_of_the_factory_is_refused_with_a_clear_message() {
        assertThatThrownBy(() -> LightfieldError.of(418, "teapot", "m", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("418");
        assertThatThrownBy(() -> LightfieldError.of(400, null, "m", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("code is required for a 400");
        assertThatThrownBy(() -> LightfieldError.of(404, null, " ", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("message");
        assertThatThrownBy(() -> LightfieldError.of(404, null, null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("message");
        assertThatThrownBy(() -> LightfieldError.of(404, "", "m", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("code");
        assertThatThrownBy(() -> LightfieldError.of(404, null, "m", "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("param");
        assertThatThrownBy(() -> new LightfieldError(302, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_error_is_a_value_that_does_not_share_its_bytes() {
        LightfieldError error = LightfieldError.of(404, null, "no task", null);
        byte[] body = error.body();
        body[0] = 'X';

        assertThat(error.body()[0]).isEqualTo((byte) '{');
        assertThat(error).isEqualTo(LightfieldError.of(404, null, "no task", null)).hasSameHashCodeAs(LightfieldError.of(404, null, "no task", null));
        assertThat(error).isNotEqualTo(LightfieldError.of(404, null, "no tasks", null));
        assertThat(error.toString()).startsWith("404 {");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
        "MALFORMED, '', invalid_json, NULL",
        "WRONG_TYPE, '', invalid_type, NULL",
        "WRONG_TYPE, /fields/$title, invalid_type, fields.$title",
        "INVALID_VALUE, /fields/$status, invalid_type, fields.$status",
        "MISSING, /fields, parameter_missing, fields",
        "MISSING, /relationships/$assignedTo, parameter_missing, relationships.$assignedTo",
        "UNKNOWN_MEMBER, /fields/$x, unknown_field, fields.$x",
        "UNKNOWN_MEMBER, /relationships/x, unknown_relationship, relationships.x",
        "UNKNOWN_MEMBER, /relationships/$account/set, parameter_unknown, relationships.$account.set",
        "UNKNOWN_MEMBER, /other, parameter_unknown, other",
        "WRONG_TYPE, /relationships/$account/add/3, invalid_type, relationships.$account.add",
        "WRONG_TYPE, /relationships/$account/2, invalid_type, relationships.$account",
        "WRONG_TYPE, /relationships/a~1b~0c, invalid_type, relationships.a/b~c"})
    void a_body_problem_is_a_400_with_its_code_and_param(BodyException.Problem problem, String pointer, String code, String param) {
        LightfieldError error = LightfieldError.from(new BodyException(problem, pointer, "what is wrong"));

        assertError(error, 400, "bad_request", code, param);
        assertThat(inner(error).path("message").asText()).isEqualTo("what is wrong");
    }

    /** Every pointer the library's validation emits, with the param it becomes. */
    static Stream<Arguments> domainPointers() {
        return Stream.of(
                Arguments.of("", null),
                Arguments.of("/title", "fields.$title"),
                Arguments.of("/status", "fields.$status"),
                Arguments.of("/description", "fields.$description"),
                Arguments.of("/dueAt", "fields.$dueAt"),
                Arguments.of("/relationships", "relationships"),
                Arguments.of("/relationships/$account", "relationships.$account"),
                Arguments.of("/relationships/$account/0", "relationships.$account"),
                Arguments.of("/relationships/$assignedTo/0", "relationships.$assignedTo"),
                Arguments.of("/relationships/watchers/17", "relationships.watchers"),
                Arguments.of("/relationships/watchers/add/0", "relationships.watchers.add"),
                Arguments.of("/relationships/watchers/remove/2", "relationships.watchers.remove"),
                Arguments.of("/relationships/watchers/replace/1", "relationships.watchers.replace"),
                Arguments.of("/relationships/a~1b", "relationships.a/b"),
                Arguments.of("/idempotencyKey", "Idempotency-Key"),
                Arguments.of("/externalId", "externalId"),
                Arguments.of("/metadata", "metadata"),
                Arguments.of("/metadata/region", "metadata.region"),
                Arguments.of("/id", "id"),
                Arguments.of("/expectedVersion", "expectedVersion"),
                Arguments.of("/offset", "offset"),
                Arguments.of("/limit", "limit"),
                Arguments.of("/cursor", "cursor"),
                Arguments.of("/filter/relatedTo/0/relationship", "filter.relatedTo.0.relationship"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("domainPointers")
    void every_domain_pointer_becomes_a_param(String pointer, String param) {
        assertThat(Params.ofDomain(pointer)).isEqualTo(param);
        LightfieldError error = LightfieldError.from(new TaskValidationException(List.of(new Violation(pointer, ViolationCode.REQUIRED, "is required"))));
        assertError(error, pointer.equals("/idempotencyKey") ? 400 : 422,
                pointer.equals("/idempotencyKey") ? "bad_request" : "unprocessable_content",
                pointer.equals("/idempotencyKey") ? "idempotency_key_invalid" : "required", param);
    }

    /** Every violation code, with the status and code it is answered with (at /title, or the key's pointer). */
    static Stream<Arguments> violationCodes() {
        List<Arguments> cases = new ArrayList<>();
        for (ViolationCode code : ViolationCode.values()) {
            boolean badRequest = code == ViolationCode.UNKNOWN_RELATIONSHIP || code == ViolationCode.RELATIONSHIP_ENTITY_MISSING
                    || code == ViolationCode.RELATIONSHIP_ENTITY_INACTIVE;
            cases.add(Arguments.of("/relationships/$account", code, badRequest ? 400 : 422, code.code()));
        }
        cases.add(Arguments.of("/idempotencyKey", ViolationCode.TOO_LONG, 400, "idempotency_key_too_long"));
        cases.add(Arguments.of("/idempotencyKey", ViolationCode.BLANK, 400, "idempotency_key_invalid"));
        cases.add(Arguments.of("/idempotencyKey", ViolationCode.INVALID_CHARACTERS, 400, "idempotency_key_invalid"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @MethodSource("violationCodes")
    void every_violation_code_has_a_status_and_a_code(String pointer, ViolationCode violation, int status, String code) {
        LightfieldError error = LightfieldError.from(new TaskValidationException(List.of(new Violation(pointer, violation, "is wrong"))));

        assertError(error, status, status == 400 ? "bad_request" : "unprocessable_content", code, Params.ofDomain(pointer));
    }

    @Test
    void the_reported_violation_is_the_first_in_body_order_and_the_message_lists_the_others() {
        List<Violation> violations = List.of( // sorted by pointer, as the service hands them out
                new Violation("/description", ViolationCode.TOO_LONG, "must be at most 20000 characters"),
                new Violation("/dueAt", ViolationCode.OUT_OF_RANGE, "is out of range"),
                new Violation("/relationships/$account", ViolationCode.CARDINALITY, "holds at most one id"),
                new Violation("/status", ViolationCode.REQUIRED, "cannot be cleared"),
                new Violation("/title", ViolationCode.BLANK, "must not be blank"));

        LightfieldError error = LightfieldError.from(new TaskValidationException(violations));

        assertError(error, 422, "unprocessable_content", "blank", "fields.$title");
        assertThat(inner(error).path("message").asText()).isEqualTo("fields.$title: must not be blank; "
                + "fields.$status: cannot be cleared; fields.$description: must be at most 20000 characters; "
                + "fields.$dueAt: is out of range; relationships.$account: holds at most one id");
    }

    @Test
    void a_long_list_of_violations_is_cut_at_five() {
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            violations.add(new Violation("/relationships/r" + i, ViolationCode.CARDINALITY, "holds at most one id"));
        }

        String message = inner(LightfieldError.from(new TaskValidationException(violations))).path("message").asText();

        assertThat(message).startsWith("relationships.r0: holds at most one id; ").endsWith("relationships.r4: holds at most one id (and 3 more)");
    }

    @Test
    void an_unknown_member_with_a_blank_or_hostile_name_is_still_a_400() {
        // Found by the hostile suite: {"": 1} made from(...) throw, as its param would have been blank.
        for (String name : List.of("", " ", "\u00a0")) {
            BodyException e = catchBodyException("{" + jsonString(name) + ": 1, 'fields': {}, 'relationships': {}}");
            var error = inner(LightfieldError.from(e));
            assertThat(error.path("code").asText()).isEqualTo("parameter_unknown");
            assertThat(error.has("param")).as("no param for a blank name").isFalse();
        }
        // A long name with line breaks: the param and the message show it on one line, cut.
        String hostile = "x\n".repeat(5_000);
        var error = inner(LightfieldError.from(catchBodyException("{'fields': {" + jsonString(hostile) + ": 1}, 'relationships': {}}")));
        assertThat(error.path("code").asText()).isEqualTo("unknown_field");
        assertThat(error.path("param").asText()).doesNotContain("\n").hasSizeLessThan(200);
        assertThat(error.path("message").asText()).doesNotContain("\n").hasSizeLessThan(300);
    }

    /** A member name for {@link Fixtures#body}: single-quoted, its line breaks as JSON escapes. */
    private static String jsonString(String name) {
        return "'" + name.replace("\n", "\\n") + "'";
    }

    private BodyException catchBodyException(String body) {
        try {
            format.readCreate(Fixtures.body(body));
        } catch (BodyException e) {
            return e;
        }
        throw new AssertionError("the body was read: " + body);
    }

    @Test
    void an_idempotency_key_longer_than_255_characters_is_idempotency_key_too_long() {
        NewTask request = format.readCreate(Fixtures.body("{'fields': {'$title': 't', '$status': 'TODO'}, 'relationships': {'$assignedTo': 'mem_1'}}"));

        assertError(serviceError(() -> service.create(ALICE, request, "k".repeat(256))),
                400, "bad_request", "idempotency_key_too_long", "Idempotency-Key");
        assertError(serviceError(() -> service.create(ALICE, request, "k\u00e9")),
                400, "bad_request", "idempotency_key_invalid", "Idempotency-Key");
        assertThat(service.create(ALICE, request, "k".repeat(255)).task().title()).isEqualTo("t");
    }

    @Test
    void an_idempotency_key_reused_for_another_request_is_a_409() {
        NewTask first = format.readCreate(Fixtures.body("{'fields': {'$title': 'a', '$status': 'TODO'}, 'relationships': {'$assignedTo': 'mem_1'}}"));
        NewTask second = format.readCreate(Fixtures.body("{'fields': {'$title': 'b', '$status': 'TODO'}, 'relationships': {'$assignedTo': 'mem_1'}}"));
        service.create(ALICE, first, "key-1");

        assertError(serviceError(() -> service.create(ALICE, second, "key-1")), 409, "conflict", "idempotency_key_reused", "Idempotency-Key");
    }

    @Test
    void the_service_s_other_failures() {
        Task task = service.create(ALICE, format.readCreate(Fixtures.body(
                "{'fields': {'$title': 't', '$status': 'TODO'}, 'relationships': {'$assignedTo': 'mem_1'}}")));

        assertError(serviceError(() -> service.get(ALICE, SOME_ID)), 404, "not_found", "not_found", null);
        assertError(serviceError(() -> service.get(Actor.of("acme", "mem_bob", Set.of(Scope.CREATE)), task.id())),
                403, "forbidden", "forbidden", null);
        assertError(serviceError(() -> service.update(ALICE, task.id(), TaskPatch.builder().title("u").build(), WriteOptions.expectVersion(7))),
                409, "conflict", "version_conflict", null);
        service.trash(ALICE, task.id());
        assertError(serviceError(() -> service.update(ALICE, task.id(), format.readUpdate(Fixtures.body("{'fields': {'$title': 'u'}}")))),
                409, "conflict", "task_trashed", null);
        assertError(serviceError(() -> service.list(ALICE, TaskQuery.builder().offset(100_001).build())),
                422, "unprocessable_content", "out_of_range", "offset");
    }

    @Test
    void every_error_code_of_the_library_is_translated() {
        assertError(LightfieldError.from(new ForbiddenException(Scope.DELETE)), 403, "forbidden", "forbidden", null);
        assertError(LightfieldError.from(new TaskNotFoundException(SOME_ID.value())), 404, "not_found", "not_found", null);
        assertError(LightfieldError.from(new VersionConflictException(SOME_ID, 2, 3)), 409, "conflict", "version_conflict", null);
        assertError(LightfieldError.from(new TaskTrashedException(SOME_ID)), 409, "conflict", "task_trashed", null);
        assertError(LightfieldError.from(new ExternalIdConflictException()), 409, "conflict", "external_id_conflict", "externalId");
        assertError(LightfieldError.from(new IdempotencyKeyReusedException()), 409, "conflict", "idempotency_key_reused", "Idempotency-Key");
        LightfieldError storage = LightfieldError.from(new StorageFailureException(new SQLException("SELECT secret FROM tasks", "08006")));
        assertError(storage, 503, "service_unavailable", "storage_failure", null);
        assertThat(storage.bodyText()).doesNotContain("SELECT", "08006");
    }
}
