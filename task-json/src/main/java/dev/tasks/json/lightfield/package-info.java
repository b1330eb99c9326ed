/**
 * Lightfield's wire format of tasks ({@code Lightfield-Version: 2026-03-01}, paths under {@code /v1/tasks}):
 * {@link dev.tasks.json.lightfield.LightfieldFormat} reads create and update bodies and writes tasks,
 * lists and definitions; {@link dev.tasks.json.lightfield.LightfieldError} is an error response, made from
 * a {@link dev.tasks.json.BodyException}, a {@link dev.tasks.api.TaskException} or what the HTTP layer
 * finds; {@link dev.tasks.json.lightfield.LightfieldPage} reads the list's {@code offset} and
 * {@code limit}.
 *
 * <p>Every body written conforms to Lightfield's published OpenAPI 3.1 document (tested against it); the
 * choices the document leaves open are in {@code docs/wire-formats-lightfield.md}.
 */
package dev.tasks.json.lightfield;
