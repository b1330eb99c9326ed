package dev.tasks.json.stora;

/**
 * The codes of Stora's errors ({@code error.code}), each with the HTTP status it is answered with.
 * Clients branch on codes; messages are for people.
 *
 * <p>Stora documents all but three: {@link #METHOD_NOT_ALLOWED}, {@link #UNSUPPORTED_MEDIA_TYPE} and
 * {@link #SERVICE_UNAVAILABLE} are this library's, spelled in the same style, for what an HTTP server
 * must also be able to answer.
 */
public enum StoraErrorCode {
    /** 400: the request cannot be read (the body is not JSON, a header is malformed). */
    INVALID_REQUEST("invalid_request", 400),
    /** 401: no bearer token, or one that is unknown or expired. */
    INVALID_TOKEN("invalid_token", 401),
    /** 403: the token lacks the scope ({@code public.task:read} or {@code public.task:write}). */
    FORBIDDEN("forbidden", 403),
    /** 404: no such task, or no such route. */
    RESOURCE_NOT_FOUND("resource_not_found", 404),
    /** 405: the route exists but not with this method (not documented by Stora). */
    METHOD_NOT_ALLOWED("method_not_allowed", 405),
    /** 409: the request conflicts with the task's state (a version, the trash). */
    CONFLICT("conflict", 409),
    /** 415: the body is not {@code application/json} (not documented by Stora). */
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415),
    /** 422: the body is JSON but not a valid request; {@code details} point at each problem. */
    INVALID_CONTENT("invalid_content", 422),
    /** 422: a URL parameter ({@code page}, {@code limit}) is not one of its values. */
    INVALID_URL_PARAM("invalid_url_param", 422),
    /** 429: the rate limit is reached. */
    TOO_MANY_REQUESTS("too_many_requests", 429),
    /** 500: the server failed. */
    INTERNAL_SERVER_ERROR("internal_server_error", 500),
    /** 503: the store failed; the request may be retried (not documented by Stora). */
    SERVICE_UNAVAILABLE("service_unavailable", 503);

    private final String code;
    private final int httpStatus;

    StoraErrorCode(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /**
     * The code as written in {@code error.code}.
     *
     * @return e.g. {@code invalid_content}
     */
    public String code() {
        return code;
    }

    /**
     * The HTTP status answered with this code.
     *
     * @return e.g. 422
     */
    public int httpStatus() {
        return httpStatus;
    }

    @Override
    public String toString() {
        return code;
    }
}
