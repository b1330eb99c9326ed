package dev.tasks.core.validation;

import dev.tasks.core.Text;
import java.util.Comparator;
import java.util.Objects;

/**
 * One problem with a request.
 *
 * @param pointer a JSON Pointer (RFC 6901) into the request, e.g. {@code /title},
 *     {@code /metadata/region}, {@code /relationships/$assignedTo/0}; the empty string is the whole request
 * @param code what is wrong, stable
 * @param message what is wrong, for people
 */
public record Violation(String pointer, ViolationCode code, String message) implements Comparable<Violation> {

    /** The most characters of a pointer that {@link #toString()} shows; a pointer the library builds is shorter. */
    private static final int MAX_POINTER_SHOWN = 100;

    private static final Comparator<Violation> ORDER =
            Comparator.comparing((Violation v) -> v.pointer())
                    .thenComparing(Violation::code, Comparator.naturalOrder())
                    .thenComparing(Violation::message, Comparator.naturalOrder());

    /**
     * Refuses nulls.
     *
     * @param pointer a JSON Pointer (RFC 6901) into the request, e.g. {@code /title}, {@code /metadata/region}, {@code /relationships/$assignedTo/0}; the empty string is the whole request
     * @param code what is wrong, stable
     * @param message what is wrong, for people
     */
    public Violation {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Builds a pointer from unescaped reference tokens.
     *
     * @param tokens the path's parts, e.g. {@code "metadata", "region"}
     * @return the JSON Pointer, {@code ~} and {@code /} escaped
     */
    public static String pointerOf(Object... tokens) {
        StringBuilder sb = new StringBuilder();
        for (Object token : tokens) {
            sb.append('/').append(escape(String.valueOf(token)));
        }
        return sb.toString();
    }

    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    @Override
    public int compareTo(Violation other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        // The pointer holds the caller's names (metadata keys, relationship names): quoted, as in a message.
        return (pointer.isEmpty() ? "/" : Text.quoted(pointer, MAX_POINTER_SHOWN)) + ": " + code + " (" + message + ")";
    }
}
