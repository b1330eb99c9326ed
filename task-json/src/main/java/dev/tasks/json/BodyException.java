package dev.tasks.json;

import java.util.Objects;

/**
 * A request body that cannot be read as the format's request: not JSON, a member of the wrong JSON type,
 * a required member missing, an unknown member, or a value of the right type that is not a value of the
 * field (an unknown status, a date-time that does not parse).
 *
 * <p>Each format turns it into its own error response ({@code pointer} for Stora, {@code param} for
 * Lightfield). The message is fit for an API client: it names the member and what was expected, and it
 * never quotes the parser's internals.
 */
public final class BodyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the body. */
    public enum Problem {
        /** The body is not one well-formed JSON value (empty, truncated, not UTF-8, a duplicate key, too deep). */
        MALFORMED,
        /** A member has another JSON type than the format expects (a number for a string, …). */
        WRONG_TYPE,
        /** A required member is missing. */
        MISSING,
        /** A member that the format does not know. */
        UNKNOWN_MEMBER,
        /** A value of the right JSON type that is not one of the field's values. */
        INVALID_VALUE
    }

    private final Problem problem;
    private final String pointer;

    /**
     * Creates the exception.
     *
     * @param problem what is wrong
     * @param pointer the JSON Pointer (RFC 6901) of the member, {@code ""} for the whole body
     * @param message a message fit for an API client
     */
    public BodyException(Problem problem, String pointer, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.problem = Objects.requireNonNull(problem, "problem");
        this.pointer = Objects.requireNonNull(pointer, "pointer");
    }

    /**
     * What is wrong.
     *
     * @return the problem
     */
    public Problem problem() {
        return problem;
    }

    /**
     * Where it is wrong.
     *
     * @return the JSON Pointer of the member, e.g. {@code /fields/$title}; {@code ""} for the whole body
     */
    public String pointer() {
        return pointer;
    }
}
