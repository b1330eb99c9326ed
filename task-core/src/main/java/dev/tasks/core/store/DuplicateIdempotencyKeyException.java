package dev.tasks.core.store;

/** Thrown by a write when an unexpired idempotency record with this tenant, operation and key exists already; nothing was written. */
public final class DuplicateIdempotencyKeyException extends TaskStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Describes the clash.
     *
     * @param message what clashed, naming the key
     */
    public DuplicateIdempotencyKeyException(String message) {
        super(message);
    }
}
