package dev.tasks.api;

import dev.tasks.core.TaskId;

/** The task's version is not the one the caller expected; nothing was written. HTTP 409. */
public final class VersionConflictException extends TaskException {
    private static final long serialVersionUID = 1L;

    private final long expectedVersion;
    private final long actualVersion;

    /**
     * Names both versions.
     *
     * @param id the task
     * @param expectedVersion the version the caller expected
     * @param actualVersion the version the task has
     */
    public VersionConflictException(TaskId id, long expectedVersion, long actualVersion) {
        super(ErrorCode.VERSION_CONFLICT, "task " + id + " is at version " + actualVersion + ", not " + expectedVersion, null);
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    /**
     * The version the caller expected.
     *
     * @return the expected version
     */
    public long expectedVersion() {
        return expectedVersion;
    }

    /**
     * The version the task has.
     *
     * @return the actual version
     */
    public long actualVersion() {
        return actualVersion;
    }
}
