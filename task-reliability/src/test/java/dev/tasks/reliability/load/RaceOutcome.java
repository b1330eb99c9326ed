package dev.tasks.reliability.load;

import dev.tasks.core.TaskId;

/**
 * One successful call made with a shared idempotency key: several threads send the same request with
 * the same key, and exactly one of them may write.
 *
 * @param key the idempotency key
 * @param taskId the task the call answered
 * @param replayed whether the service answered it as a replay
 * @param startNanos when the call began ({@link System#nanoTime()})
 * @param endNanos when it returned
 * @param thread the calling thread
 */
record RaceOutcome(String key, TaskId taskId, boolean replayed, long startNanos, long endNanos, int thread) {
}
