/**
 * The task domain: immutable values ({@link dev.tasks.core.Task} and its parts), the status lifecycle,
 * relationship definitions, patches, queries and the rules that govern them.
 *
 * <p>Nothing here does I/O, starts threads or reads a clock: time is handed in by the caller
 * (the service), so every rule can be tested as a pure function.
 */
package dev.tasks.core;
