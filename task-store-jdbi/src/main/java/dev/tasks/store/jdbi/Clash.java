package dev.tasks.store.jdbi;

/** Which uniqueness rule a refused write broke, as the database reported it. */
enum Clash {
    /** The primary key of {@code tasks}: a task with this id exists (in any tenant). */
    TASK_ID,
    /** The unique index on {@code tasks (tenant_id, external_id)}. */
    EXTERNAL_ID,
    /** The primary key of {@code task_idempotency_records}: an unexpired key is held. */
    IDEMPOTENCY_KEY,
    /** Not a clash this store knows. */
    NONE
}
