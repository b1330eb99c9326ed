package dev.tasks.json.lightfield;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasks.api.TaskException;
import dev.tasks.json.BodyException;
import dev.tasks.json.JsonBody;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An error response of the Lightfield format: the HTTP status and the JSON body
 * {@code {"error": {"type", "message", "code"?, "param"?}}}.
 *
 * <p>{@code type} follows from the status, as Lightfield's OpenAPI document fixes it ({@code 400}
 * {@code bad_request}, {@code 401} {@code unauthorized}, {@code 403} {@code forbidden}, {@code 404}
 * {@code not_found}, {@code 409} {@code conflict}, {@code 415} {@code unsupported_media_type},
 * {@code 422} {@code unprocessable_content}, {@code 429} {@code too_many_requests}, {@code 500}
 * {@code internal_server_error}, {@code 503} {@code service_unavailable}, {@code 504}
 * {@code gateway_timeout}); no other status can be answered. {@code code} is stable for clients to branch
 * on; {@code param} names the request member at fault ({@code fields.$title},
 * {@code relationships.$account}, a header such as {@code Idempotency-Key}, a query parameter such as
 * {@code limit}); {@code message} is for people and never holds parser or Java internals.
 *
 * <pre>{@code
 * try {
 *     Task task = service.create(actor, format.readCreate(body));
 *     respond(200, format.writeTask(task));
 * } catch (BodyException e) {
 *     LightfieldError error = LightfieldError.from(e);
 *     respond(error.httpStatus(), error.body());
 * } catch (TaskException e) {
 *     LightfieldError error = LightfieldError.from(e);
 *     respond(error.httpStatus(), error.body());
 * }
 * }</pre>
 *
 * @param httpStatus the status to answer, one the OpenAPI document lists
 * @param body the UTF-8 JSON body
 */
public record LightfieldError(int httpStatus, byte[] body) {

    /**
     * Checks the status and copies the body.
     *
     * @param httpStatus the status to answer, one the OpenAPI document lists
     * @param body the UTF-8 JSON body
     * @throws IllegalArgumentException if Lightfield's document has no error of this status
     * @throws NullPointerException if {@code body} is null
     */
    public LightfieldError {
        type(httpStatus);
        body = Objects.requireNonNull(body, "body").clone();
    }

    /**
     * Builds an error, for what the HTTP layer finds itself: {@code 401} (no or bad token), {@code 404}
     * (no such route), {@code 415} (not JSON), {@code 429} (rate limit), {@code 400} {@code version_header}
     * (the {@code Lightfield-Version} header missing or not {@value LightfieldFormat#API_VERSION}), and so
     * on.
     *
     * <pre>{@code
     * LightfieldError.of(400, "version_header", "the Lightfield-Version header must be 2026-03-01", "Lightfield-Version");
     * LightfieldError.of(401, null, "a valid bearer token is required", null);
     * }</pre>
     *
     * @param httpStatus the status, one the OpenAPI document lists (400, 401, 403, 404, 409, 415, 422,
     *     429, 500, 503, 504)
     * @param code the stable code, e.g. {@code version_header}; null for none, but a 400 needs one (the
     *     document requires it)
     * @param message what went wrong, for people; not blank
     * @param param the request member, header or query parameter at fault; null for none
     * @return the error
     * @throws IllegalArgumentException if the status is not one of those, a 400 has no code, the message
     *     is missing or blank, or the code or param is blank
     */
    public static LightfieldError of(int httpStatus, String code, String message, String param) {
        ErrorType type = type(httpStatus);
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("message is required: a Lightfield error always says what went wrong");
        }
        if (code != null && code.isBlank()) {
            throw new IllegalArgumentException("code must not be blank; pass null for no code");
        }
        if (code == null && type == ErrorType.BAD_REQUEST) {
            throw new IllegalArgumentException("code is required for a 400: Lightfield's BadRequestError requires it");
        }
        if (param != null && param.isBlank()) {
            throw new IllegalArgumentException("param must not be blank; pass null for no param");
        }
        ObjectNode root = JsonBody.mapper().createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("type", type.wireName());
        if (code != null) {
            error.put("code", code);
        }
        error.put("message", message);
        if (param != null) {
            error.put("param", param);
        }
        try {
            return new LightfieldError(httpStatus, JsonBody.mapper().writeValueAsBytes(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
    }

    /**
     * The error for a body that cannot be read: always {@code 400}, with {@code param} the member at
     * fault. Codes: not JSON (or too large, or a duplicate key) {@code invalid_json}; a member of the
     * wrong JSON type, or a value that is not one of the field's ({@code "$status": "DONE"}, a date-time
     * that does not parse) {@code invalid_type}; a required member missing {@code parameter_missing}; an
     * unknown member of {@code fields} {@code unknown_field}, of {@code relationships}
     * {@code unknown_relationship}, elsewhere {@code parameter_unknown}.
     *
     * @param e what {@link LightfieldFormat#readCreate} or {@link LightfieldFormat#readUpdate} threw
     * @return the error
     */
    public static LightfieldError from(BodyException e) {
        Objects.requireNonNull(e, "e");
        // An unknown member is named in full (it is a name, never an array index); other problems name
        // the parameter they are in.
        String param = e.problem() == BodyException.Problem.UNKNOWN_MEMBER
                ? Params.ofUnknownMember(e.pointer()) : Params.ofBody(e.pointer());
        return of(400, bodyCode(e), e.getMessage(), Params.shown(param));
    }

    /**
     * The error for a failure of the task service.
     *
     * <p>A validation failure reports one violation as {@code param} (the domain pointer translated:
     * {@code /title} becomes {@code fields.$title}, {@code /relationships/$account/0}
     * {@code relationships.$account}, {@code /idempotencyKey} {@code Idempotency-Key}) and lists up to
     * five in the message. Violations Lightfield answers with {@code 400} win over the others:
     * {@code unknown_relationship}, {@code relationship_entity_missing},
     * {@code relationship_entity_inactive} keep their code, a key longer than 255 characters is
     * {@code idempotency_key_too_long} and another bad key {@code idempotency_key_invalid}; every other
     * violation is {@code 422 unprocessable_content} with the violation's code ({@code required},
     * {@code blank}, {@code too_long}, …). Among violations of one status the first in the body's order
     * is reported: the idempotency key, {@code $title}, {@code $status}, {@code $description},
     * {@code $dueAt}, then relationships.
     *
     * <p>Other failures keep the library's code: {@code forbidden} 403, {@code not_found} 404,
     * {@code version_conflict}, {@code task_trashed}, {@code external_id_conflict} and
     * {@code idempotency_key_reused} 409, {@code storage_failure} 503.
     *
     * @param e what the service threw
     * @return the error
     */
    public static LightfieldError from(TaskException e) {
        return TaskErrors.translate(Objects.requireNonNull(e, "e"));
    }

    /**
     * The body.
     *
     * @return a copy of the UTF-8 JSON body
     */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * The body as text, for logs and tests.
     *
     * @return the JSON body
     */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Compares status and body bytes.
     *
     * @param other another object
     * @return true if it is an error with the same status and body
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof LightfieldError that && httpStatus == that.httpStatus && Arrays.equals(body, that.body);
    }

    /**
     * Hashes status and body bytes.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return 31 * httpStatus + Arrays.hashCode(body);
    }

    /**
     * Shows the status and the body.
     *
     * @return e.g. {@code 404 {"error":{...}}}
     */
    @Override
    public String toString() {
        return httpStatus + " " + bodyText();
    }

    private static ErrorType type(int httpStatus) {
        return ErrorType.forStatus(httpStatus).orElseThrow(() -> new IllegalArgumentException(
                "Lightfield's API documents no error with status " + httpStatus
                        + "; use 400, 401, 403, 404, 409, 415, 422, 429, 500, 503 or 504"));
    }

    private static String bodyCode(BodyException e) {
        return switch (e.problem()) {
            case MALFORMED -> "invalid_json";
            case WRONG_TYPE, INVALID_VALUE -> "invalid_type";
            case MISSING -> "parameter_missing";
            case UNKNOWN_MEMBER -> unknownMemberCode(e.pointer());
        };
    }

    /** {@code /fields/x} is an unknown field, {@code /relationships/x} an unknown relationship. */
    private static String unknownMemberCode(String pointer) {
        var tokens = Params.tokens(pointer);
        if (tokens.size() == 2 && tokens.get(0).equals(Members.FIELDS)) {
            return "unknown_field";
        }
        if (tokens.size() == 2 && tokens.get(0).equals(Members.RELATIONSHIPS)) {
            return "unknown_relationship";
        }
        return "parameter_unknown";
    }
}
