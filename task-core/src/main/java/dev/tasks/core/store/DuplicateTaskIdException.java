package dev.tasks.core.store;

/** Thrown by a write when a task with this id exists already (the service retries with a new id); nothing was written. */
public final class DuplicateTaskIdException extends TaskStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Describes the clash.
     *
     * @param message what clashed, naming the id
     */
    public DuplicateTaskIdException(String message) {
        super(message);
    }
}
