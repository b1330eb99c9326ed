package dev.tasks.json.lightfield;

import dev.tasks.core.Text;
import dev.tasks.core.TaskStatus;
import dev.tasks.json.BodyException;
import java.util.Optional;

/**
 * The spelling of statuses on the Lightfield wire: the enum constant's name, exactly ({@code TODO},
 * {@code IN_PROGRESS}, {@code COMPLETE}, {@code CANCELLED}, and {@code OPEN}, the library's default,
 * which Lightfield does not document but which must not be lost when a task created elsewhere is read).
 */
final class Statuses {

    /** The statuses Lightfield documents, then the library's extension; for messages. */
    static final String ACCEPTED = "TODO, IN_PROGRESS, COMPLETE, CANCELLED (or OPEN)";

    private Statuses() {
    }

    /**
     * The wire name of a status.
     *
     * @param status a status
     * @return e.g. {@code IN_PROGRESS}
     */
    static String write(TaskStatus status) {
        return status.name();
    }

    /**
     * Reads a status, case-sensitively (Lightfield's values are upper case; {@code todo} is refused so
     * that one value has one spelling).
     *
     * @param text the member's string value
     * @param name the member's name, for the message
     * @param pointer the member's pointer
     * @return the status
     * @throws BodyException {@code INVALID_VALUE} if the text is no status
     */
    static TaskStatus read(String text, String name, String pointer) {
        return parse(text).orElseThrow(() -> new BodyException(BodyException.Problem.INVALID_VALUE, pointer,
                "'" + Text.quoted(name) + "' must be one of " + ACCEPTED));
    }

    private static Optional<TaskStatus> parse(String text) {
        for (TaskStatus status : TaskStatus.values()) {
            if (status.name().equals(text)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
