package dev.tasks.core;

/** Which tasks a query sees with respect to the trash. */
public enum TrashFilter {
    /** Only tasks not in the trash (the default). */
    EXCLUDE,
    /** Only tasks in the trash. */
    ONLY,
    /** Every task. */
    INCLUDE
}
