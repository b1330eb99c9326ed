package dev.tasks.reliability.load;

import dev.tasks.core.Task;
import java.util.OptionalLong;

/**
 * One acknowledged effective change of a hot task, as the thread that made it saw it. Every kind of
 * change the scenario makes on a hot task is effective by construction (a new counter value, a value
 * no one wrote before, another status, trash of a live task, restore of a trashed one), so each one
 * must have claimed exactly one version of its own.
 *
 * @param change what the call did
 * @param version the version the call answered
 * @param expectedVersion the version the call expected, if it named one
 * @param value what it wrote: the counter value it read (increment), the value (blind or keyed
 *     update), the new status (status change); empty for trash and restore
 * @param returned the task the call answered
 * @param thread the thread that made it
 */
record HotEvent(Change change, long version, OptionalLong expectedVersion, String value, Task returned, int thread) {

    /** The kinds of change made on hot tasks. */
    enum Change {
        INCREMENT, BLIND, KEYED, STATUS, TRASH, RESTORE
    }
}
