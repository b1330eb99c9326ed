/**
 * Validation of requests: Jakarta Validation constraints on {@link dev.tasks.core.NewTask},
 * {@link dev.tasks.core.TaskPatch} and {@link dev.tasks.core.TaskQuery}, run by one cached
 * Hibernate Validator factory, plus the rules that depend on the registered relationship definitions.
 *
 * <p>The factory uses Hibernate Validator's {@code ParameterMessageInterpolator}, so an application
 * needs no Jakarta Expression Language implementation on its class path. Every problem becomes a
 * {@link dev.tasks.core.validation.Violation} with a JSON-Pointer path into the request and a stable
 * {@link dev.tasks.core.validation.ViolationCode}.
 */
package dev.tasks.core.validation;
