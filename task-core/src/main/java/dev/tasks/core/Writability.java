package dev.tasks.core;

/** Who may write a relationship, and when. */
public enum Writability {
    /** Callers may set it on create and change it by update. */
    WRITABLE,
    /** Callers may set it on create only; afterwards it is read-only ({@code $createdBy}). */
    CREATE_ONLY,
    /** Callers never write it; it is maintained from elsewhere ({@code $note}). */
    READ_ONLY
}
