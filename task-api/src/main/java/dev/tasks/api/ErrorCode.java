package dev.tasks.api;

/**
 * The stable code of every {@link TaskException}, with the HTTP status a server would answer.
 * Clients may branch on codes; messages are for people and may change.
 */
public enum ErrorCode {
    /** The request breaks a rule; {@link TaskException#violations()} says which, where. */
    VALIDATION_FAILED("validation_failed", 422),
    /** The actor lacks the scope the operation needs. */
    FORBIDDEN("forbidden", 403),
    /** No task with this id (or external id) exists in the actor's tenant. */
    NOT_FOUND("not_found", 404),
    /** The task's version is not the one the caller expected. */
    VERSION_CONFLICT("version_conflict", 409),
    /** The task is in the trash: it accepts no change but restore (and delete). */
    TASK_TRASHED("task_trashed", 409),
    /** Another task of the tenant has this external id. */
    EXTERNAL_ID_CONFLICT("external_id_conflict", 409),
    /** The idempotency key was used before with a different request. */
    IDEMPOTENCY_KEY_REUSED("idempotency_key_reused", 422),
    /** The store failed; the request may be retried. */
    STORAGE_FAILURE("storage_failure", 503);

    private final String code;
    private final int httpStatus;

    ErrorCode(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /**
     * The code as it appears on the wire.
     *
     * @return e.g. {@code version_conflict}
     */
    public String code() {
        return code;
    }

    /**
     * The HTTP status a server would answer.
     *
     * @return e.g. 409
     */
    public int httpStatus() {
        return httpStatus;
    }

    @Override
    public String toString() {
        return code;
    }
}
