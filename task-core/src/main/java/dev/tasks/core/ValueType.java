package dev.tasks.core;

/** The data type of a task field, as Lightfield's definitions endpoint reports it. */
public enum ValueType {
    /** Plain text. */
    TEXT,
    /** One of a fixed list of options. */
    SINGLE_SELECT,
    /** Markdown text. */
    MARKDOWN,
    /** An ISO 8601 date and time. */
    DATETIME
}
