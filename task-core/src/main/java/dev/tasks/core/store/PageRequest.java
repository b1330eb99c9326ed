package dev.tasks.core.store;

import dev.tasks.core.SortPosition;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskSort;
import java.util.Objects;
import java.util.Optional;

/**
 * What a store is asked for one page: the tasks that {@code filter} selects, in {@code sort} order,
 * strictly after {@code after} if given, skipping {@code offset}, at most {@code limit}.
 *
 * @param filter which tasks
 * @param sort in which order
 * @param after the position the previous page ended at, if any
 * @param offset how many selected tasks to skip (after {@code after})
 * @param limit how many tasks at most; 1 or more
 */
public record PageRequest(TaskFilter filter, TaskSort sort, Optional<SortPosition> after, int offset, int limit) {

    /**
     * Refuses nulls, a negative offset and a limit below 1.
     *
     * @param filter which tasks
     * @param sort in which order
     * @param after the position the previous page ended at, if any
     * @param offset how many selected tasks to skip (after {@code after})
     * @param limit how many tasks at most; 1 or more
     */
    public PageRequest {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(after, "after");
        if (offset < 0) {
            throw new IllegalArgumentException("offset < 0");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit < 1");
        }
    }
}
