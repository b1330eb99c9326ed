package dev.tasks.core;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The identifier of a task: {@code task_} followed by 16 characters of {@code [0-9a-z]},
 * for example {@code task_195h6kfm9ro15lof} (Stora's shape).
 *
 * <p>Ids are made by a {@link TaskIdGenerator}; parse ids that arrive from outside with
 * {@link #tryParse(String)}, which answers empty for anything malformed so that a server can
 * answer "not found" without an exception.
 *
 * @param value the full id, prefix included
 */
public record TaskId(String value) implements Comparable<TaskId> {

    /** The prefix every task id starts with. */
    public static final String PREFIX = "task_";

    /** How many characters follow the prefix. */
    public static final int BODY_LENGTH = 16;

    private static final Pattern FORMAT = Pattern.compile("task_[0-9a-z]{16}");

    /**
     * Checks the format.
     *
     * @param value the full id, prefix included
     * @throws IllegalArgumentException if {@code value} is not {@code task_} + 16 of {@code [0-9a-z]}
     */
    public TaskId {
        Objects.requireNonNull(value, "value");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("a task id is 'task_' followed by 16 characters of [0-9a-z]");
        }
    }

    /**
     * Parses an id that came from outside.
     *
     * @param value a string, possibly null or malformed
     * @return the id, or empty if {@code value} is not a well-formed task id
     */
    public static Optional<TaskId> tryParse(String value) {
        return value != null && isWellFormed(value) ? Optional.of(new TaskId(value)) : Optional.empty();
    }

    /**
     * Tells whether a string has the shape of a task id.
     *
     * @param value any string
     * @return true if it is {@code task_} + 16 of {@code [0-9a-z]}
     */
    public static boolean isWellFormed(String value) {
        return value.length() == PREFIX.length() + BODY_LENGTH && FORMAT.matcher(value).matches();
    }

    @Override
    public int compareTo(TaskId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
