/**
 * What the two wire formats share: reading a request body into a tree with strict, bounded parsing, and
 * walking it with the JSON Pointer of every member at hand, so that a malformed or mistyped body becomes a
 * {@link dev.tasks.json.BodyException} naming the exact place, never a Jackson exception.
 *
 * <p>The formats themselves are in {@code dev.tasks.json.stora} and {@code dev.tasks.json.lightfield}.
 */
package dev.tasks.json;
