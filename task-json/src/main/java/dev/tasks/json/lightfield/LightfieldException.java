package dev.tasks.json.lightfield;

import java.util.Objects;

/**
 * A request that the Lightfield format refuses outside a body (a bad query parameter), carrying the
 * error to answer.
 *
 * <pre>{@code
 * try {
 *     LightfieldPage page = LightfieldPage.parse(query.get("offset"), query.get("limit"));
 * } catch (LightfieldException e) {
 *     respond(e.error().httpStatus(), e.error().body());
 * }
 * }</pre>
 */
public final class LightfieldException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Not serialized: the error is rebuilt from nothing, so a deserialized exception has none. */
    private final transient LightfieldError error;

    /**
     * Wraps an error; the exception's message is the error's body.
     *
     * @param error the error to answer
     */
    public LightfieldException(LightfieldError error) {
        super(Objects.requireNonNull(error, "error").bodyText(), null, false, false);
        this.error = error;
    }

    /**
     * The error to answer.
     *
     * @return the status and body
     */
    public LightfieldError error() {
        return error;
    }
}
