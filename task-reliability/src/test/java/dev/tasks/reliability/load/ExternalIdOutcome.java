package dev.tasks.reliability.load;

import dev.tasks.core.TaskId;

/**
 * One create (alone or inside a bulk create) racing other threads for the same external id: exactly
 * one of them may make the task, the others are refused with {@code external_id_conflict}.
 *
 * @param externalId the external id
 * @param taskId the task made, or null if refused with {@code external_id_conflict}
 * @param bulk whether it was part of a bulk create
 * @param thread the calling thread
 */
record ExternalIdOutcome(String externalId, TaskId taskId, boolean bulk, int thread) {
}
