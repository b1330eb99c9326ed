package dev.tasks.api;

import dev.tasks.core.TaskId;

/** The task is in the trash and accepts no change but restore (or delete). HTTP 409. */
public final class TaskTrashedException extends TaskException {
    private static final long serialVersionUID = 1L;

    /**
     * Names the task.
     *
     * @param id the task
     */
    public TaskTrashedException(TaskId id) {
        super(ErrorCode.TASK_TRASHED, "task " + id + " is in the trash; restore it first", null);
    }
}
