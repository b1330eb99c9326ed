package dev.tasks.api;

/**
 * No task with this id exists in the actor's tenant. A task of another tenant is reported this way
 * too: it does not exist for the caller. HTTP 404.
 */
public final class TaskNotFoundException extends TaskException {
    private static final long serialVersionUID = 1L;

    /**
     * Names what was looked for.
     *
     * @param what the id (or external id) the caller gave
     */
    public TaskNotFoundException(String what) {
        super(ErrorCode.NOT_FOUND, "no task " + what, null);
    }
}
