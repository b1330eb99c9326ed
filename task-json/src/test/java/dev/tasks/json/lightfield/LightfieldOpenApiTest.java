package dev.tasks.json.lightfield;

import static dev.tasks.json.lightfield.Fixtures.ALICE;
import static dev.tasks.json.lightfield.Fixtures.body;
import static dev.tasks.json.lightfield.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.tasks.core.RelationshipCatalog;
import dev.tasks.core.Task;
import dev.tasks.core.TaskDefinitions;
import dev.tasks.core.TaskId;
import dev.tasks.core.validation.Violation;
import dev.tasks.core.validation.ViolationCode;
import dev.tasks.json.BodyException;
import dev.tasks.json.openapi.OpenApiResponses;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every body the Lightfield format writes validates against Lightfield's published OpenAPI document, for
 * the operation and status it answers. Errors are checked inside their {@code error} envelope against the
 * documented error schema of their status (the document shows the inner object only).
 */
class LightfieldOpenApiTest {

    private static final OpenApiResponses OPENAPI = OpenApiResponses.lightfield();

    /** Every operation of the document, path and method. */
    private static final List<String[]> OPERATIONS = List.of(
            new String[] {"/v1/tasks", "post"}, new String[] {"/v1/tasks", "get"},
            new String[] {"/v1/tasks/{id}", "get"}, new String[] {"/v1/tasks/{id}", "post"},
            new String[] {"/v1/tasks/definitions", "get"});

    private final TaskService service = Fixtures.service();
    private final LightfieldFormat format = Fixtures.format(service);

    private Task fullTask() {
        return service.create(ALICE, format.readCreate(body("{'fields': {'$title': 'Inspect unit 12', '$status': 'COMPLETE',"
                + " '$description': 'Bring the key', '$dueAt': '2026-12-01T09:00:00Z'},"
                + " 'relationships': {'$assignedTo': 'mem_1', '$account': 'acc_1', 'watchers': ['mem_2', 'mem_3'], 'project': 'prj_1'}}")));
    }

    private Task bareTask() {
        return service.create(ALICE, format.readCreate(body("{'fields': {'$title': 't', '$status': 'OPEN'}, 'relationships': {'$assignedTo': 'mem_1'}}")));
    }

    @Test
    void a_created_task_conforms() {
        assertThat(OPENAPI.validate("/v1/tasks", "post", 200, tree(format.writeTask(fullTask())))).isEmpty();
        assertThat(OPENAPI.validate("/v1/tasks", "post", 200, tree(format.writeTask(bareTask())))).isEmpty();
    }

    @Test
    void a_retrieved_or_updated_task_conforms_with_or_without_a_link() {
        Task task = service.update(ALICE, fullTask().id(), format.readUpdate(body(
                "{'fields': {'$description': null, '$dueAt': null}, 'relationships': {'watchers': {'replace': null}}}")));
        for (LightfieldFormat f : List.of(format, new LightfieldFormat(service.definitions()))) {
            assertThat(OPENAPI.validate("/v1/tasks/{id}", "get", 200, tree(f.writeTask(task)))).isEmpty();
            assertThat(OPENAPI.validate("/v1/tasks/{id}", "post", 200, tree(f.writeTask(task)))).isEmpty();
        }
    }

    @Test
    void a_list_conforms_empty_or_not() {
        assertThat(OPENAPI.validate("/v1/tasks", "get", 200, tree(format.writeList(List.of(), 0)))).isEmpty();
        assertThat(OPENAPI.validate("/v1/tasks", "get", 200,
                tree(format.writeList(List.of(fullTask(), bareTask()), 2)))).isEmpty();
    }

    @Test
    void the_definitions_conform_with_and_without_custom_relationships() {
        assertThat(OPENAPI.validate("/v1/tasks/definitions", "get", 200, tree(format.writeDefinitions()))).isEmpty();
        assertThat(OPENAPI.validate("/v1/tasks/definitions", "get", 200,
                tree(format.writeDefinitions(TaskDefinitions.of(RelationshipCatalog.system()))))).isEmpty();
    }

    /** One error of every kind the format makes. */
    static Stream<Arguments> errors() {
        List<Arguments> errors = new ArrayList<>();
        LightfieldFormat format = Fixtures.format(Fixtures.service());
        // every kind of bad body, through the readers
        Stream.concat(LightfieldCreateTest.badBodies().map(a -> read(() -> format.readCreate(body((String) a.get()[0])))),
                        LightfieldUpdateTest.badBodies().map(a -> read(() -> format.readUpdate(body((String) a.get()[0])))))
                .forEach(error -> errors.add(Arguments.of("body " + error.bodyText(), error)));
        for (BodyException.Problem problem : BodyException.Problem.values()) {
            errors.add(Arguments.of("body problem " + problem, LightfieldError.from(new BodyException(problem, "", "wrong"))));
        }
        // every failure of the service
        for (ViolationCode code : ViolationCode.values()) {
            errors.add(Arguments.of("violation " + code, LightfieldError.from(new TaskValidationException(
                    List.of(new Violation("/relationships/$account/0", code, "is wrong"))))));
        }
        errors.add(Arguments.of("key too long", LightfieldError.from(new TaskValidationException(
                List.of(new Violation("/idempotencyKey", ViolationCode.TOO_LONG, "must be at most 255 characters"))))));
        errors.add(Arguments.of("whole request", LightfieldError.from(new TaskValidationException(
                List.of(new Violation("", ViolationCode.REQUIRED, "is required"))))));
        TaskId id = new TaskId("task_0000000000000001");
        errors.add(Arguments.of("forbidden", LightfieldError.from(new ForbiddenException(Scope.UPDATE))));
        errors.add(Arguments.of("not found", LightfieldError.from(new TaskNotFoundException(id.value()))));
        errors.add(Arguments.of("version conflict", LightfieldError.from(new VersionConflictException(id, 1, 2))));
        errors.add(Arguments.of("trashed", LightfieldError.from(new TaskTrashedException(id))));
        errors.add(Arguments.of("external id", LightfieldError.from(new ExternalIdConflictException())));
        errors.add(Arguments.of("key reused", LightfieldError.from(new IdempotencyKeyReusedException())));
        errors.add(Arguments.of("storage", LightfieldError.from(new StorageFailureException(new RuntimeException("x")))));
        // the list parameters
        for (String[] bad : new String[][] {{"-1", null}, {"x", null}, {null, "26"}, {null, "y"}}) {
            errors.add(Arguments.of("page " + bad[0] + "/" + bad[1],
                    catchThrowableOfType(LightfieldException.class, () -> LightfieldPage.parse(bad[0], bad[1])).error()));
        }
        // what the HTTP layer makes itself
        errors.add(Arguments.of("version header", LightfieldError.of(400, "version_header", "the Lightfield-Version header must be 2026-03-01", "Lightfield-Version")));
        errors.add(Arguments.of("unauthorized", LightfieldError.of(401, null, "a valid bearer token is required", null)));
        errors.add(Arguments.of("route", LightfieldError.of(404, "route_not_found", "no such route", null)));
        errors.add(Arguments.of("media type", LightfieldError.of(415, null, "the body must be application/json", null)));
        errors.add(Arguments.of("rate limit", LightfieldError.of(429, null, "too many requests", null)));
        errors.add(Arguments.of("idempotency conflict", LightfieldError.of(409, "idempotency_conflict", "a request with this key is in progress", "Idempotency-Key")));
        errors.add(Arguments.of("internal", LightfieldError.of(500, null, "Internal Server Error", null)));
        errors.add(Arguments.of("timeout", LightfieldError.of(504, null, "Gateway Timeout", null)));
        return errors.stream();
    }

    private static LightfieldError read(org.assertj.core.api.ThrowableAssert.ThrowingCallable reading) {
        return LightfieldError.from(catchThrowableOfType(BodyException.class, reading));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void every_error_conforms_for_every_operation(String name, LightfieldError error) {
        JsonNode body = tree(error.body());
        for (String[] operation : OPERATIONS) {
            assertThat(OPENAPI.validate(operation[0], operation[1], error.httpStatus(), body))
                    .as("%s %s %s", operation[1], operation[0], error).isEmpty();
        }
    }

    @Test
    void every_documented_error_status_can_be_answered_and_conforms() {
        for (String[] operation : OPERATIONS) {
            for (int status : OPENAPI.statuses(operation[0], operation[1])) {
                if (status >= 400) {
                    LightfieldError error = LightfieldError.of(status, "some_code", "what went wrong", "fields.$title");
                    assertThat(OPENAPI.validate(operation[0], operation[1], status, tree(error.body()))).as("%s", error).isEmpty();
                }
            }
        }
    }

    @Test
    void the_checker_would_notice_a_body_the_format_got_wrong() {
        JsonNode task = tree(format.writeTask(bareTask()));
        ((com.fasterxml.jackson.databind.node.ObjectNode) task).put("completedAt", "2026-01-01T00:00:00Z");
        assertThat(OPENAPI.validate("/v1/tasks/{id}", "get", 200, task)).isNotEmpty();

        JsonNode error = tree(LightfieldError.of(404, null, "no task", null).body());
        assertThat(OPENAPI.validate("/v1/tasks/{id}", "get", 409, error)).isNotEmpty();
    }
}
