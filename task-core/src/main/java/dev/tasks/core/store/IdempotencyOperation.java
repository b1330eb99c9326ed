package dev.tasks.core.store;

/** The kind of operation an idempotency key belongs to: keys are scoped to tenant and operation. */
public enum IdempotencyOperation {
    /** Creating a task. */
    CREATE,
    /** Updating a task. */
    UPDATE
}
