package dev.tasks.store.tck;

import dev.tasks.core.Task;

/**
 * Entry point of the AssertJ assertions on tasks.
 *
 * <pre>{@code
 * import static dev.tasks.store.tck.TaskAssertions.assertThat;
 *
 * assertThat(task).hasVersion(2).isComplete().hasAssignee("mem_1");
 * }</pre>
 */
public final class TaskAssertions {

    private TaskAssertions() {
    }

    /**
     * Starts assertions on a task.
     *
     * @param actual the task, possibly null
     * @return the assertions
     */
    public static TaskAssert assertThat(Task actual) {
        return new TaskAssert(actual);
    }
}
