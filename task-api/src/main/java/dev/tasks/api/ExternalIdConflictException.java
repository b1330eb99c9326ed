package dev.tasks.api;

/** Another task of the tenant has the external id; nothing was written. HTTP 409. */
public final class ExternalIdConflictException extends TaskException {
    private static final long serialVersionUID = 1L;

    /** Reports the clash without echoing the value (it may be long or sensitive). */
    public ExternalIdConflictException() {
        super(ErrorCode.EXTERNAL_ID_CONFLICT, "another task has this externalId", null);
    }
}
