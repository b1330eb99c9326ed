package dev.tasks.api;

import dev.tasks.core.Task;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a list.
 *
 * @param tasks the tasks, in the query's order
 * @param nextCursor the cursor of the next page; empty on the last page
 */
public record TaskPage(List<Task> tasks, Optional<String> nextCursor) {

    /**
     * Copies the list.
     *
     * @param tasks the tasks, in the query's order
     * @param nextCursor the cursor of the next page; empty on the last page
     */
    public TaskPage {
        tasks = List.copyOf(tasks);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }

    /**
     * Tells whether another page follows.
     *
     * @return true if {@link #nextCursor()} is present
     */
    public boolean hasMore() {
        return nextCursor.isPresent();
    }
}
