package dev.tasks.core;

/**
 * The status of a task. {@link #OPEN}, {@link #TODO} and {@link #IN_PROGRESS} are active;
 * {@link #COMPLETE} and {@link #CANCELLED} are closed. A new task is {@link #OPEN} unless the
 * caller says otherwise.
 *
 * <p>A task's {@code completedAt} is set exactly while it is {@link #COMPLETE}.
 */
public enum TaskStatus {
    /** Open: the default of a new task (Stora's {@code open}). */
    OPEN,
    /** To do: planned, not started. */
    TODO,
    /** In progress: someone works on it. */
    IN_PROGRESS,
    /** Complete: done; the task carries the moment it was completed. */
    COMPLETE,
    /** Cancelled: closed without being done. */
    CANCELLED;

    /** The status of a task created without one. */
    public static final TaskStatus DEFAULT = OPEN;

    /**
     * Tells whether a task in this status still asks for work.
     *
     * @return true for {@code OPEN}, {@code TODO} and {@code IN_PROGRESS}
     */
    public boolean isActive() {
        return this == OPEN || this == TODO || this == IN_PROGRESS;
    }

    /**
     * Tells whether a task in this status is finished, done or not.
     *
     * @return true for {@code COMPLETE} and {@code CANCELLED}
     */
    public boolean isClosed() {
        return !isActive();
    }
}
