/**
 * Stora's wire format (API version {@code 2025-09}): request bodies to the library's types, tasks, lists
 * and errors to JSON. No HTTP: a server reads the bytes it received with {@link dev.tasks.json.stora.StoraFormat},
 * calls the {@code TaskService}, and answers the bytes and status this package gives it.
 *
 * <pre>{@code
 * StoraFormat stora = new StoraFormat();
 * try {
 *     Task task = service.create(actor, stora.readCreate(body));
 *     respond(201, stora.writeTask(task, requestId));
 * } catch (BodyException e) {
 *     StoraError error = StoraError.from(e, requestId);
 *     respond(error.httpStatus(), error.body());
 * } catch (TaskException e) {
 *     StoraError error = StoraError.from(e, requestId);
 *     respond(error.httpStatus(), error.body());
 * }
 * }</pre>
 *
 * <p>Every type here is immutable and thread-safe. The decisions taken where Stora's documentation is
 * silent (status spellings, {@code PATCH} nulls, pagination, error codes and types) are listed in
 * {@code docs/wire-formats-stora.md}.
 */
package dev.tasks.json.stora;
