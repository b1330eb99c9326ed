package dev.tasks.api;

/**
 * The idempotency key was used, within its time to live, for a different request (another body,
 * task, principal or operation parameters); nothing was written. HTTP 422.
 */
public final class IdempotencyKeyReusedException extends TaskException {
    private static final long serialVersionUID = 1L;

    /** Reports the reuse. */
    public IdempotencyKeyReusedException() {
        super(ErrorCode.IDEMPOTENCY_KEY_REUSED, "this idempotency key was used for a different request", null);
    }
}
