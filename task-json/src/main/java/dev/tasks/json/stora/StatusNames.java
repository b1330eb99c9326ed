package dev.tasks.json.stora;

import dev.tasks.core.TaskStatus;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Stora's spelling of each status. Stora documents only {@code open}; {@code completed} is given by the
 * re-open endpoint's description; the other three follow the same lowercase snake_case style.
 */
final class StatusNames {

    private static final Map<TaskStatus, String> NAMES = new EnumMap<>(TaskStatus.class);
    private static final Map<String, TaskStatus> STATUSES = new LinkedHashMap<>();

    static {
        NAMES.put(TaskStatus.OPEN, "open");
        NAMES.put(TaskStatus.TODO, "todo");
        NAMES.put(TaskStatus.IN_PROGRESS, "in_progress");
        NAMES.put(TaskStatus.COMPLETE, "completed");
        NAMES.put(TaskStatus.CANCELLED, "cancelled");
        for (TaskStatus status : TaskStatus.values()) {
            // A status added to the domain without a spelling must fail at start-up, not lose tasks on the wire.
            String name = Objects.requireNonNull(NAMES.get(status), () -> "no Stora spelling for status " + status);
            STATUSES.put(name, status);
        }
    }

    /** Every spelling, in the order of {@link TaskStatus#values()}. */
    static final List<String> ALL = List.copyOf(STATUSES.keySet());

    private StatusNames() {
    }

    static String name(TaskStatus status) {
        return NAMES.get(Objects.requireNonNull(status, "status"));
    }

    static Optional<TaskStatus> status(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(STATUSES.get(name));
    }
}
