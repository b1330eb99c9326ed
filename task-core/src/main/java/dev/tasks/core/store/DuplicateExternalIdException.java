package dev.tasks.core.store;

/** Thrown by a write when another task of the tenant has this external id; nothing was written. */
public final class DuplicateExternalIdException extends TaskStoreException {
    private static final long serialVersionUID = 1L;

    /**
     * Describes the clash.
     *
     * @param message what clashed, naming the external id
     */
    public DuplicateExternalIdException(String message) {
        super(message);
    }
}
