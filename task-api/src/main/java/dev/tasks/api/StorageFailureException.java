package dev.tasks.api;

/**
 * The store failed. The message says no more than that (no SQL, no driver detail); the cause holds
 * the store's exception for logs. The request may be retried. HTTP 503.
 */
public final class StorageFailureException extends TaskException {
    private static final long serialVersionUID = 1L;

    /**
     * Wraps a store failure.
     *
     * @param cause the store's exception, for logs
     */
    public StorageFailureException(Throwable cause) {
        super(ErrorCode.STORAGE_FAILURE, "the task store failed; try again later", cause);
    }
}
