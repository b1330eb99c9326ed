package dev.tasks.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a page ended: the sort value and id of its last task. The next page starts strictly after it
 * (keyset pagination), so tasks created or deleted meanwhile shift nothing.
 *
 * @param value the last task's sort value; empty for a task without a due time under {@link SortField#DUE_AT}
 * @param id the last task's id, which breaks ties
 */
public record SortPosition(Optional<Instant> value, TaskId id) {

    /**
     * Refuses nulls.
     *
     * @param value the last task's sort value; empty for a task without a due time under {@link SortField#DUE_AT}
     * @param id the last task's id, which breaks ties
     */
    public SortPosition {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(id, "id");
    }

    /**
     * The position of a task under a sort.
     *
     * @param task the task
     * @param sort the sort
     * @return the task's position
     */
    public static SortPosition of(Task task, TaskSort sort) {
        return new SortPosition(sort.valueOf(task), task.id());
    }
}
