package dev.tasks.core;

/** The direction of a sort. */
public enum SortDirection {
    /** Earliest first. */
    ASC,
    /** Latest first. */
    DESC
}
