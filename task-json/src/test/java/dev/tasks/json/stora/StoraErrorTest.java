package dev.tasks.json.stora;

import static dev.tasks.json.stora.StoraFixture.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasks.api.ErrorCode;
import dev.tasks.api.ExternalIdConflictException;
import dev.tasks.api.ForbiddenException;
import dev.tasks.api.IdempotencyKeyReusedException;
import dev.tasks.api.Scope;
import dev.tasks.api.StorageFailureException;
import dev.tasks.api.TaskException;
import dev.tasks.api.TaskNotFoundException;
import dev.tasks.api.TaskTrashedException;
import dev.tasks.api.TaskValidationException;
import dev.tasks.api.VersionConflictException;
import dev.tasks.core.TaskId;
import dev.tasks.core.validation.Violation;
import dev.tasks.core.validation.ViolationCode;
import dev.tasks.json.BodyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.quicktheories.generators.SourceDSL;

class StoraErrorTest {

    private static final TaskId ID = new TaskId("task_195h6kfm9ro15lof");
    private static final String REQUEST_ID = "01563646-58c1-4607-8fe0-cae3e92c4477";

    /** One exception of the library per code, as the service throws them. */
    private static TaskException exceptionFor(ErrorCode code) {
        return switch (code) {
            case VALIDATION_FAILED ->
                    new TaskValidationException(List.of(new Violation("/title", ViolationCode.BLANK, "must not be blank")));
            case FORBIDDEN -> new ForbiddenException(Scope.CREATE);
            case NOT_FOUND -> new TaskNotFoundException(ID.value());
            case VERSION_CONFLICT -> new VersionConflictException(ID, 2, 3);
            case TASK_TRASHED -> new TaskTrashedException(ID);
            case EXTERNAL_ID_CONFLICT -> new ExternalIdConflictException();
            case IDEMPOTENCY_KEY_REUSED -> new IdempotencyKeyReusedException();
            case STORAGE_FAILURE -> new StorageFailureException(new IllegalStateException("SQLSTATE 08006 at jdbc:postgresql://db/secret"));
        };
    }

    @ParameterizedTest
    @CsvSource({
            "VALIDATION_FAILED, 422, invalid_content, unprocessable_content",
            "FORBIDDEN, 403, forbidden, forbidden",
            "NOT_FOUND, 404, resource_not_found, not_found",
            "VERSION_CONFLICT, 409, conflict, conflict",
            "TASK_TRASHED, 409, conflict, conflict",
            "EXTERNAL_ID_CONFLICT, 409, conflict, conflict",
            "IDEMPOTENCY_KEY_REUSED, 422, invalid_content, unprocessable_content",
            "STORAGE_FAILURE, 503, service_unavailable, service_unavailable"})
    void everyLibraryCodeHasItsStoraError(ErrorCode code, int status, String storaCode, String type) {
        StoraError error = StoraError.from(exceptionFor(code), REQUEST_ID);

        assertThat(error.httpStatus()).isEqualTo(status);
        assertThat(error.code()).isEqualTo(storaCode);
        assertThat(error.type()).isEqualTo(type);
        assertWellFormed(StoraFixture.error(error), status, storaCode);
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void noLibraryCodeLeaksInternalsOrLibraryVocabulary(ErrorCode code) {
        JsonNode body = StoraFixture.error(StoraError.from(exceptionFor(code), REQUEST_ID)).body();

        String text = body.toString();
        assertThat(text).doesNotContain("SQLSTATE", "jdbc", "Exception", "tasks:create", "validation_failed", "/relationships");
        StoraBadBodyTest.assertClientFit(body.path("error"));
    }

    @Test
    void forbiddenNamesStorasScopes() {
        assertThat(StoraError.from(new ForbiddenException(Scope.READ), "r").message()).contains("public.task:read");
        for (Scope scope : List.of(Scope.CREATE, Scope.UPDATE, Scope.DELETE)) {
            assertThat(StoraError.from(new ForbiddenException(scope), "r").message()).contains("public.task:write");
        }
    }

    @Test
    void aReusedIdempotencyKeyPointsAtTheHeader() {
        JsonNode detail = StoraFixture.error(StoraError.from(new IdempotencyKeyReusedException(), "r")).body()
                .path("error").path("details").get(0);

        assertThat(detail.path("header").asText()).isEqualTo("Idempotency-Key");
        assertThat(detail.path("pointer").isNull()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            // domain pointer | body pointer | parameter | header
            "/title | /title | null | null",
            "/description | /description | null | null",
            "/status | /status | null | null",
            "/dueAt | /due_at | null | null",
            "/metadata | /metadata | null | null",
            "/metadata/region | /metadata/region | null | null",
            "/metadata/a~1b~0c | /metadata/a~1b~0c | null | null",
            "/metadata/ | /metadata/ | null | null",
            "/relationships/$assignedTo | /assignee | null | null",
            "/relationships/$assignedTo/0 | /assignee/id | null | null",
            "/relationships/$assignedTo/replace/0 | /assignee/id | null | null",
            "/relationships/$assignedTo/add/0 | /assignee/id | null | null",
            "/relationships/$resource/0 | /resource/id | null | null",
            "/relationships/$resource/replace/0 | /resource/id | null | null",
            "/relationships/$site | /site | null | null",
            "/relationships/$site/0 | /site/id | null | null",
            "/idempotencyKey | null | null | Idempotency-Key",
            "/limit | null | limit | null",
            "/offset | null | page | null",
            "/id | null | id | null",
            "/externalId | null | null | null",
            "/expectedVersion | null | null | null",
            "/cursor | null | null | null",
            "/relationships/$account/0 | null | null | null",
            "/relationships/$createdBy | null | null | null",
            "/relationships/$note | null | null | null",
            "/relationships/project/0 | null | null | null",
            "/relationships | null | null | null",
            "/filter/statuses/0 | null | null | null",
            "/title/extra | null | null | null"})
    void everyDomainPointerIsTranslated(String domain, String pointer, String parameter, String header) {
        Violation violation = new Violation(domain, ViolationCode.INVALID_FORMAT, "is wrong");

        StoraErrorDetail detail = DomainPointers.detail(violation);

        assertThat(detail.pointer().orElse(null)).isEqualTo(pointer);
        assertThat(detail.parameter().orElse(null)).isEqualTo(parameter);
        assertThat(detail.header().orElse(null)).isEqualTo(header);
        assertThat(detail.message()).endsWith("is wrong");
        if (pointer == null && parameter == null && header == null) {
            assertThat(detail.message()).as("a detail with no place names it").startsWith(domain + ": ");
        }
    }

    @Test
    void theWholeRequestIsTheWholeBody() {
        assertThat(DomainPointers.detail(new Violation("", ViolationCode.REQUIRED, "a request is required")).pointer()).contains("");
    }

    @Test
    void anyMetadataKeyKeepsItsExactPointer() {
        qt().forAll(SourceDSL.strings().allPossible().ofLengthBetween(0, 12)).checkAssert(key -> {
            String pointer = Violation.pointerOf("metadata", key);
            assertThat(DomainPointers.detail(new Violation(pointer, ViolationCode.INVALID_FORMAT, "x")).pointer()).contains(pointer);
        });
    }

    @Test
    void theCodeFollowsWhereTheViolationsAre() {
        Violation inBody = new Violation("/title", ViolationCode.BLANK, "must not be blank");
        Violation inUrl = new Violation("/limit", ViolationCode.OUT_OF_RANGE, "must be at most 100");
        Violation inHeader = new Violation("/idempotencyKey", ViolationCode.TOO_LONG, "must be at most 255 characters");

        assertThat(from(inUrl)).extracting(StoraError::httpStatus, StoraError::code).containsExactly(422, "invalid_url_param");
        assertThat(from(inHeader)).extracting(StoraError::httpStatus, StoraError::code).containsExactly(400, "invalid_request");
        assertThat(from(inBody, inHeader)).extracting(StoraError::httpStatus, StoraError::code).containsExactly(422, "invalid_content");
        assertThat(from(inUrl, inHeader).code()).isEqualTo("invalid_content");
    }

    @Test
    void everyViolationIsADetailAndTheMessageCountsTheRest() {
        StoraError error = from(new Violation("/dueAt", ViolationCode.OUT_OF_RANGE, "must be between 0001 and 9999"),
                new Violation("/title", ViolationCode.BLANK, "must not be blank"),
                new Violation("/metadata/region", ViolationCode.TOO_LONG, "must be at most 500 characters"));

        assertThat(error.details()).extracting(d -> d.pointer().orElseThrow()).containsExactly("/due_at", "/title", "/metadata/region");
        assertThat(error.details()).extracting(StoraErrorDetail::message).containsExactly(
                "due_at: must be between 0001 and 9999", "title: must not be blank", "metadata.region: must be at most 500 characters");
        assertThat(error.message()).startsWith("the request content is invalid: due_at: must be between 0001 and 9999")
                .endsWith("(and 2 more; see details)");
    }

    @ParameterizedTest
    @EnumSource(StoraErrorCode.class)
    void everyStoraCodeMakesAnErrorWithItsStatus(StoraErrorCode code) {
        StoraError error = StoraError.of(code, "something went wrong", REQUEST_ID);

        assertThat(error.httpStatus()).isEqualTo(code.httpStatus());
        assertThat(error.code()).isEqualTo(code.code()).isEqualTo(code.toString());
        assertThat(error.type()).as("every code's status has a reason phrase").isNotIn("client_error", "server_error").matches("[a-z_]+");
        assertWellFormed(StoraFixture.error(error), code.httpStatus(), code.code());
    }

    @ParameterizedTest
    @CsvSource({"400, bad_request", "401, unauthorized", "403, forbidden", "404, not_found", "405, method_not_allowed",
            "409, conflict", "413, content_too_large", "415, unsupported_media_type", "422, unprocessable_content",
            "429, too_many_requests", "500, internal_server_error", "503, service_unavailable",
            "418, client_error", "599, server_error"})
    void theTypeIsTheStatussReasonPhrase(int status, String type) {
        assertThat(StoraError.of(status, "some_code", "m", "r").type()).isEqualTo(type);
    }

    @Test
    void theServersOwnErrorsCanBeBuilt() {
        StoraError tooMany = StoraError.of(429, "too_many_requests", "slow down", "r");
        StoraError noRoute = StoraError.of(StoraErrorCode.RESOURCE_NOT_FOUND, "no route GET /nothing", "r");

        assertWellFormed(StoraFixture.error(tooMany), 429, "too_many_requests");
        assertWellFormed(StoraFixture.error(noRoute), 404, "resource_not_found");
    }

    @Test
    void misuseIsNamed() {
        assertThatThrownBy(() -> StoraError.of(399, "x", "m", "r")).hasMessageContaining("httpStatus");
        assertThatThrownBy(() -> StoraError.of(600, "x", "m", "r")).hasMessageContaining("httpStatus");
        assertThatThrownBy(() -> StoraError.of(400, "Bad Code", "m", "r")).hasMessageContaining("code");
        assertThatThrownBy(() -> StoraError.of(400, "x", " ", "r")).hasMessageContaining("message");
        assertThatThrownBy(() -> StoraError.of(400, "x", "m", null)).hasMessageContaining("requestId");
        assertThatThrownBy(() -> StoraError.of((StoraErrorCode) null, "m", "r")).hasMessageContaining("code");
        assertThatThrownBy(() -> new StoraErrorDetail("m", Optional.of("/a"), Optional.of("p"), Optional.empty()))
                .hasMessageContaining("at most one");
    }

    @Test
    void detailsAreHandedOutUnmodifiable() {
        List<StoraErrorDetail> given = new ArrayList<>(List.of(StoraErrorDetail.general("m")));
        StoraError error = new StoraError(422, "invalid_content", "m", "r", given);
        given.clear();

        assertThat(error.details()).hasSize(1);
        assertThatThrownBy(() -> error.details().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aMalformedBodyIsInvalidRequestWithoutParserInternals() {
        BodyException leaky = new BodyException(BodyException.Problem.MALFORMED, "",
                "the request body is not valid JSON: Unexpected end-of-input (start marker at [Source: REDACTED "
                        + "(`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1]) (line 1, column 2)");

        StoraError error = StoraError.from(leaky, "r");

        assertThat(error.httpStatus()).isEqualTo(400);
        assertThat(error.code()).isEqualTo("invalid_request");
        assertThat(error.message()).isEqualTo("the request body is not valid JSON (line 1, column 2)");
        assertThat(error.details()).isEmpty();
    }

    @Test
    void aBodyProblemNamingAMemberKeepsItsMessage() {
        BodyException unknown = new BodyException(BodyException.Problem.UNKNOWN_MEMBER, "/java.lang", "unknown member 'java.lang'");

        StoraError error = StoraError.from(unknown, "r");

        assertThat(error.details()).containsExactly(StoraErrorDetail.inBody("unknown member 'java.lang'", "/java.lang"));
    }

    private static StoraError from(Violation... violations) {
        return StoraError.from(new TaskValidationException(List.of(violations)), "r");
    }

    /** Stora's documented error shape, with this library's decisions: type from the status, links empty. */
    static void assertWellFormed(StoraFixture.Response response, int status, String code) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(names(response.body())).containsExactly("error");
        JsonNode error = response.body().path("error");
        assertThat(names(error)).containsExactly("code", "type", "message", "request_id", "details", "links");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("type").isTextual()).isTrue();
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(error.path("request_id").isTextual()).isTrue();
        assertThat(error.path("details").isArray()).isTrue();
        assertThat(error.path("links").isArray()).isTrue();
        assertThat(error.path("links")).isEmpty();
        error.path("details").forEach(d -> {
            assertThat(d.path("message").asText()).isNotBlank();
            assertThat(d.has("pointer")).isTrue();
            assertThat(d.path("pointer").isNull() || d.path("pointer").isTextual()).isTrue();
        });
    }
}
