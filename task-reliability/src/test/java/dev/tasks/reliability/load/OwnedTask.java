package dev.tasks.reliability.load;

import dev.tasks.core.NewTask;
import dev.tasks.core.Task;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskStatus;

/**
 * A task one thread created and that no other thread changes: its owner therefore knows its exact
 * state at every moment, and checks every answer about it (versions, status, trash, lists, counts)
 * against this model rather than against "something plausible".
 */
final class OwnedTask {

    final TaskId id;
    /** The idempotency key it was created with, or null. */
    final String key;
    /** The create request, kept to retry it with its key (after a delete too). */
    final NewTask request;
    long version;
    TaskStatus status;
    boolean trashed;
    /** The last value of metadata {@code note}, or null. */
    String note;

    OwnedTask(Task created, String key, NewTask request) {
        this.id = created.id();
        this.key = key;
        this.request = request;
        this.version = created.version();
        this.status = created.status();
        this.trashed = created.isTrashed();
    }

    @Override
    public String toString() {
        return id.value() + " v" + version + " " + status + (trashed ? " trashed" : "") + (key == null ? "" : " key " + key);
    }
}
