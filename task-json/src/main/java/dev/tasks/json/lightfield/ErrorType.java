package dev.tasks.json.lightfield;

import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code type} of a Lightfield error, one per HTTP status: the {@code const} of each error schema in
 * Lightfield's OpenAPI document ({@code BadRequestError} … {@code GatewayTimeoutError}). A status the
 * document does not list has no type, so it cannot be answered in this format.
 */
enum ErrorType {
    BAD_REQUEST(400, "bad_request"),
    UNAUTHORIZED(401, "unauthorized"),
    FORBIDDEN(403, "forbidden"),
    NOT_FOUND(404, "not_found"),
    CONFLICT(409, "conflict"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type"),
    UNPROCESSABLE_CONTENT(422, "unprocessable_content"),
    TOO_MANY_REQUESTS(429, "too_many_requests"),
    INTERNAL_SERVER_ERROR(500, "internal_server_error"),
    SERVICE_UNAVAILABLE(503, "service_unavailable"),
    GATEWAY_TIMEOUT(504, "gateway_timeout");

    private final int httpStatus;
    private final String wireName;

    ErrorType(int httpStatus, String wireName) {
        this.httpStatus = httpStatus;
        this.wireName = wireName;
    }

    int httpStatus() {
        return httpStatus;
    }

    String wireName() {
        return wireName;
    }

    static Optional<ErrorType> forStatus(int httpStatus) {
        return Arrays.stream(values()).filter(t -> t.httpStatus == httpStatus).findFirst();
    }
}
