package dev.tasks.api;

import dev.tasks.core.Task;
import java.util.Objects;

/**
 * The outcome of a write made with an idempotency key.
 *
 * @param task the task, in its current state
 * @param replayed true if the key had been used for this same request before: nothing was written
 *     now and {@code task} is what the first request produced, as it is today
 */
public record Written(Task task, boolean replayed) {

    /**
     * Refuses a null task.
     *
     * @param task the task, in its current state
     * @param replayed true if the key had been used for this same request before: nothing was written now and {@code task} is what the first request produced, as it is today
     */
    public Written {
        Objects.requireNonNull(task, "task");
    }
}
