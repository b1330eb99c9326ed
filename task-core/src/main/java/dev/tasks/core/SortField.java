package dev.tasks.core;

/** What a list is ordered by; ties are broken by task id. */
public enum SortField {
    /** Creation time. */
    CREATED_AT,
    /** Time of the last effective change. */
    UPDATED_AT,
    /** Due time; tasks without one come last, whatever the direction. */
    DUE_AT
}
