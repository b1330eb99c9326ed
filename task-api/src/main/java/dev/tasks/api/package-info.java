/**
 * What applications call: {@link dev.tasks.api.TaskService}, built with
 * {@link dev.tasks.api.TaskService#builder(dev.tasks.core.store.TaskStore)}.
 *
 * <p>Every call names its caller ({@link dev.tasks.api.Actor}: tenant, principal, scopes); every
 * failure is a {@link dev.tasks.api.TaskException} with a stable {@link dev.tasks.api.ErrorCode} and
 * the HTTP status a server would answer.
 */
package dev.tasks.api;
