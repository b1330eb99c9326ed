package dev.tasks.json.stora;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of an error's {@code details}: a problem and where it is.
 *
 * <p>Stora documents {@code {message, pointer}} with {@code pointer} a JSON Pointer into the request
 * body. A problem that is not in the body is written with {@code "pointer": null} and names its place
 * with one more member: {@code parameter} (a URL parameter, e.g. {@code limit}) or {@code header} (e.g.
 * {@code Idempotency-Key}), as RFC 9457's validation examples do.
 *
 * <pre>{@code
 * StoraErrorDetail.inBody("due_at: must be ...", "/due_at")   // {"message": ..., "pointer": "/due_at"}
 * StoraErrorDetail.inParameter("limit must be ...", "limit")  // {"message": ..., "pointer": null, "parameter": "limit"}
 * }</pre>
 *
 * @param message what is wrong, fit for an API client
 * @param pointer the JSON Pointer into the request body ({@code ""} for the whole body), if the problem is there
 * @param parameter the URL parameter's name, if the problem is there
 * @param header the header's name, if the problem is there
 */
public record StoraErrorDetail(String message, Optional<String> pointer, Optional<String> parameter,
                               Optional<String> header) {

    /**
     * Checks that at most one place is named.
     *
     * @param message what is wrong, fit for an API client
     * @param pointer the JSON Pointer into the request body, if the problem is there
     * @param parameter the URL parameter's name, if the problem is there
     * @param header the header's name, if the problem is there
     * @throws NullPointerException naming the null component
     * @throws IllegalArgumentException if more than one place is named
     */
    public StoraErrorDetail {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(header, "header");
        int places = (pointer.isPresent() ? 1 : 0) + (parameter.isPresent() ? 1 : 0) + (header.isPresent() ? 1 : 0);
        if (places > 1) {
            throw new IllegalArgumentException("a detail names at most one of pointer, parameter and header");
        }
    }

    /**
     * A problem in the request body.
     *
     * @param message what is wrong
     * @param pointer the JSON Pointer of the member, e.g. {@code /assignee/id}; {@code ""} for the whole body
     * @return the detail
     */
    public static StoraErrorDetail inBody(String message, String pointer) {
        return new StoraErrorDetail(message, Optional.of(pointer), Optional.empty(), Optional.empty());
    }

    /**
     * A problem in a URL parameter.
     *
     * @param message what is wrong
     * @param parameter the parameter's name, e.g. {@code page}
     * @return the detail
     */
    public static StoraErrorDetail inParameter(String message, String parameter) {
        return new StoraErrorDetail(message, Optional.empty(), Optional.of(parameter), Optional.empty());
    }

    /**
     * A problem in a header.
     *
     * @param message what is wrong
     * @param header the header's name, e.g. {@code Idempotency-Key}
     * @return the detail
     */
    public static StoraErrorDetail inHeader(String message, String header) {
        return new StoraErrorDetail(message, Optional.empty(), Optional.empty(), Optional.of(header));
    }

    /**
     * A problem with no place in a Stora request (the message names it).
     *
     * @param message what is wrong
     * @return the detail
     */
    public static StoraErrorDetail general(String message) {
        return new StoraErrorDetail(message, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
