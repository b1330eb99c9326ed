package dev.tasks.core.store;

/**
 * A store could not do what it was asked. Its message is fit for logs and says nothing of SQL or of
 * the driver; the cause, if any, holds the details.
 *
 * <p>The subclasses are the outcomes the service handles: an id, external id or idempotency key that
 * is already taken. Anything else is a failure.
 */
public class TaskStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure.
     *
     * @param message what failed, without SQL or driver details
     * @param cause the underlying exception, or null
     */
    public TaskStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A failure without a cause.
     *
     * @param message what failed
     */
    public TaskStoreException(String message) {
        super(message);
    }
}
