package dev.tasks.api;

import dev.tasks.core.validation.Violation;
import java.util.List;
import java.util.Objects;

/**
 * The one exception family of {@link TaskService}. Each carries a stable {@link #code()}, the HTTP
 * status a server would answer ({@link #httpStatus()}) and a message fit to return to an API client:
 * it never holds SQL, driver classes, stack traces or another tenant's data.
 *
 * <pre>{@code
 * try {
 *     service.update(actor, id, patch);
 * } catch (TaskException e) {
 *     respond(e.httpStatus(), e.code().code(), e.getMessage(), e.violations());
 * }
 * }</pre>
 */
public abstract sealed class TaskException extends RuntimeException
        permits TaskValidationException, ForbiddenException, TaskNotFoundException, VersionConflictException,
                TaskTrashedException, ExternalIdConflictException, IdempotencyKeyReusedException, StorageFailureException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    TaskException(ErrorCode code, String message, Throwable cause) {
        super(message, cause, false, true);
        this.code = Objects.requireNonNull(code);
    }

    /**
     * What went wrong, stable.
     *
     * @return the code
     */
    public ErrorCode code() {
        return code;
    }

    /**
     * The HTTP status a server would answer.
     *
     * @return the status, e.g. 404
     */
    public int httpStatus() {
        return code.httpStatus();
    }

    /**
     * The problems with the request, for {@link ErrorCode#VALIDATION_FAILED}.
     *
     * @return the violations, sorted by pointer; empty for other codes
     */
    public List<Violation> violations() {
        return List.of();
    }
}
