package dev.tasks.json.stora;

import dev.tasks.api.ErrorCode;
import dev.tasks.api.ForbiddenException;
import dev.tasks.api.Scope;
import dev.tasks.api.TaskException;
import dev.tasks.json.BodyException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Stora error response: the HTTP status and what {@link #body()} writes,
 * {@code {"error": {"code", "type", "message", "request_id", "details": [{"message", "pointer"}], "links": []}}}.
 *
 * <p>Build it from what failed: {@link #from(BodyException, String)} for a body that cannot be read,
 * {@link #from(TaskException, String)} for the service's refusal, {@link #from(StoraParameterException, String)}
 * for a bad {@code page} or {@code limit}, and {@link #of(StoraErrorCode, String, String)} for what the
 * HTTP server itself refuses (a missing token, an unknown route, the rate limit).
 *
 * <pre>{@code
 * StoraError.of(StoraErrorCode.INVALID_TOKEN, "the bearer token is missing or invalid", requestId).body();
 * // {"error": {"code": "invalid_token", "type": "unauthorized", "message": "...", "request_id": "...",
 * //            "details": [], "links": []}}
 * }</pre>
 *
 * <p>{@code type} is the HTTP status's reason phrase (RFC 9110) in snake_case, see {@link #type()};
 * {@code links} is always an empty array (Stora names it without documenting its content).
 *
 * @param httpStatus the HTTP status, 400 to 599
 * @param code the stable code, lowercase snake_case, e.g. {@code invalid_content}
 * @param message what went wrong, fit for an API client
 * @param requestId the request's id, echoed as {@code request_id}
 * @param details the problems and where each is; empty when there is nothing to point at
 */
public record StoraError(int httpStatus, String code, String message, String requestId, List<StoraErrorDetail> details) {

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern PARSER_INTERNALS = Pattern.compile("\\[Source:|Feature|com\\.fasterxml|java\\.|`");
    private static final Pattern LINE_AND_COLUMN = Pattern.compile("\\(line \\d+, column \\d+\\)$");

    /**
     * Checks the values and copies the details.
     *
     * @param httpStatus the HTTP status, 400 to 599
     * @param code the stable code, lowercase snake_case
     * @param message what went wrong, fit for an API client; not blank
     * @param requestId the request's id
     * @param details the problems; unmodifiable once copied
     * @throws NullPointerException naming the null component
     * @throws IllegalArgumentException naming the component out of its range
     */
    public StoraError {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("httpStatus must be an error status from 400 to 599: " + httpStatus);
        }
        Objects.requireNonNull(code, "code");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("code must be lowercase snake_case: " + code);
        }
        Objects.requireNonNull(message, "message");
        if (message.isBlank()) {
            throw new IllegalArgumentException("message must not be blank");
        }
        Objects.requireNonNull(requestId, "requestId");
        details = List.copyOf(Objects.requireNonNull(details, "details"));
    }

    /**
     * An error without details, for what the server refuses itself.
     *
     * <pre>{@code
     * StoraError.of(StoraErrorCode.TOO_MANY_REQUESTS, "too many requests; retry after the reset", requestId)
     * }</pre>
     *
     * @param code the code, which gives the status
     * @param message what went wrong, fit for an API client
     * @param requestId the request's id
     * @return the error
     */
    public static StoraError of(StoraErrorCode code, String message, String requestId) {
        Objects.requireNonNull(code, "code");
        return new StoraError(code.httpStatus(), code.code(), message, requestId, List.of());
    }

    /**
     * An error without details with any status and code, for what {@link StoraErrorCode} does not name.
     *
     * @param httpStatus the HTTP status, 400 to 599
     * @param code the code, lowercase snake_case, e.g. {@code content_too_large}
     * @param message what went wrong, fit for an API client
     * @param requestId the request's id
     * @return the error
     * @throws IllegalArgumentException if the status or the code is out of its range
     */
    public static StoraError of(int httpStatus, String code, String message, String requestId) {
        return new StoraError(httpStatus, code, message, requestId, List.of());
    }

    /**
     * The error for a body that cannot be read as the request: not JSON is 400 {@code invalid_request};
     * a member of the wrong type, missing, unknown or with an invalid value is 422 {@code invalid_content}
     * with one detail pointing at the member.
     *
     * @param e what is wrong with the body
     * @param requestId the request's id
     * @return the error
     */
    public static StoraError from(BodyException e, String requestId) {
        Objects.requireNonNull(e, "e");
        String message = clientMessage(e);
        if (e.problem() == BodyException.Problem.MALFORMED) {
            return of(StoraErrorCode.INVALID_REQUEST, message, requestId);
        }
        return new StoraError(422, StoraErrorCode.INVALID_CONTENT.code(), "the request content is invalid: " + message,
                requestId, List.of(StoraErrorDetail.inBody(message, e.pointer())));
    }

    /**
     * The error for a bad URL parameter: 422 {@code invalid_url_param} naming it.
     *
     * @param e what is wrong with the parameter
     * @param requestId the request's id
     * @return the error
     */
    public static StoraError from(StoraParameterException e, String requestId) {
        Objects.requireNonNull(e, "e");
        return new StoraError(422, StoraErrorCode.INVALID_URL_PARAM.code(), e.getMessage(), requestId,
                List.of(StoraErrorDetail.inParameter(e.getMessage(), e.parameter())));
    }

    /**
     * The error for the service's refusal.
     *
     * <table>
     *   <caption>Codes</caption>
     *   <tr><th>library</th><th>Stora</th></tr>
     *   <tr><td>{@code validation_failed}</td><td>422 {@code invalid_content}, one detail per violation with the
     *       pointer translated into Stora's body ({@code /dueAt} to {@code /due_at},
     *       {@code /relationships/$assignedTo/0} to {@code /assignee/id}); 422 {@code invalid_url_param} if
     *       every violation is in a URL parameter; 400 {@code invalid_request} if every one is in a header</td></tr>
     *   <tr><td>{@code forbidden}</td><td>403 {@code forbidden}, naming Stora's scope</td></tr>
     *   <tr><td>{@code not_found}</td><td>404 {@code resource_not_found}</td></tr>
     *   <tr><td>{@code version_conflict}, {@code task_trashed}, {@code external_id_conflict}</td>
     *       <td>409 {@code conflict}</td></tr>
     *   <tr><td>{@code idempotency_key_reused}</td><td>422 {@code invalid_content}, a detail naming the
     *       {@code Idempotency-Key} header</td></tr>
     *   <tr><td>{@code storage_failure}</td><td>503 {@code service_unavailable}</td></tr>
     * </table>
     *
     * @param e the service's exception
     * @param requestId the request's id
     * @return the error
     */
    public static StoraError from(TaskException e, String requestId) {
        Objects.requireNonNull(e, "e");
        ErrorCode code = e.code();
        return switch (code) {
            case VALIDATION_FAILED -> invalid(e, requestId);
            case FORBIDDEN -> of(StoraErrorCode.FORBIDDEN, forbiddenMessage(e), requestId);
            case NOT_FOUND -> of(StoraErrorCode.RESOURCE_NOT_FOUND, e.getMessage(), requestId);
            case VERSION_CONFLICT, TASK_TRASHED, EXTERNAL_ID_CONFLICT -> of(StoraErrorCode.CONFLICT, e.getMessage(), requestId);
            case IDEMPOTENCY_KEY_REUSED -> {
                String message = "this Idempotency-Key was used for a different request; use a new key";
                yield new StoraError(422, StoraErrorCode.INVALID_CONTENT.code(), message, requestId,
                        List.of(StoraErrorDetail.inHeader(message, DomainPointers.IDEMPOTENCY_KEY_HEADER)));
            }
            case STORAGE_FAILURE -> of(StoraErrorCode.SERVICE_UNAVAILABLE,
                    "the service is temporarily unavailable; try again later", requestId);
        };
    }

    /**
     * The error's type: the reason phrase of its HTTP status (RFC 9110) in snake_case, so that it never
     * disagrees with the status; a status without a registered phrase is {@code client_error} or
     * {@code server_error}.
     *
     * @return e.g. {@code unprocessable_content} for 422, {@code not_found} for 404
     */
    public String type() {
        return switch (httpStatus) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 402 -> "payment_required";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 408 -> "request_timeout";
            case 409 -> "conflict";
            case 410 -> "gone";
            case 411 -> "length_required";
            case 412 -> "precondition_failed";
            case 413 -> "content_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 422 -> "unprocessable_content";
            case 428 -> "precondition_required";
            case 429 -> "too_many_requests";
            case 431 -> "request_header_fields_too_large";
            case 500 -> "internal_server_error";
            case 501 -> "not_implemented";
            case 502 -> "bad_gateway";
            case 503 -> "service_unavailable";
            case 504 -> "gateway_timeout";
            default -> httpStatus < 500 ? "client_error" : "server_error";
        };
    }

    /**
     * The response body.
     *
     * @return the JSON, UTF-8; a new array on every call
     */
    public byte[] body() {
        return StoraJson.error(this);
    }

    private static StoraError invalid(TaskException e, String requestId) {
        List<StoraErrorDetail> details = e.violations().stream().map(DomainPointers::detail).toList();
        if (details.isEmpty()) {
            // A validation failure always names a violation; should one not, the client still gets the message.
            details = List.of(StoraErrorDetail.general(e.getMessage()));
        }
        StoraErrorCode code;
        String lead;
        if (details.stream().allMatch(d -> d.parameter().isPresent())) {
            code = StoraErrorCode.INVALID_URL_PARAM;
            lead = "a URL parameter is invalid: ";
        } else if (details.stream().allMatch(d -> d.header().isPresent())) {
            code = StoraErrorCode.INVALID_REQUEST;
            lead = "a header is invalid: ";
        } else {
            code = StoraErrorCode.INVALID_CONTENT;
            lead = "the request content is invalid: ";
        }
        String message = lead + details.get(0).message()
                + (details.size() > 1 ? " (and " + (details.size() - 1) + " more; see details)" : "");
        return new StoraError(code.httpStatus(), code.code(), message, requestId, details);
    }

    /**
     * The body's problem as a client may read it. Some parser complaints quote the parser's own location
     * text ({@code [Source: REDACTED ...]}); those are replaced by a plain sentence that keeps the line and
     * column, so that no library internals reach a client whatever the parser says.
     */
    private static String clientMessage(BodyException e) {
        String message = e.getMessage();
        // Only the parser's complaints are suspect: the other problems' messages are built from member names.
        if (e.problem() != BodyException.Problem.MALFORMED || !PARSER_INTERNALS.matcher(message).find()) {
            return message;
        }
        Matcher at = LINE_AND_COLUMN.matcher(message);
        return "the request body is not valid JSON" + (at.find() ? " " + at.group() : "");
    }

    private static String forbiddenMessage(TaskException e) {
        if (e instanceof ForbiddenException forbidden) {
            String scope = forbidden.missingScope() == Scope.READ ? "public.task:read" : "public.task:write";
            return "this operation needs the scope " + scope;
        }
        return e.getMessage();
    }
}
