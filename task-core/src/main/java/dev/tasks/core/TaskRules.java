package dev.tasks.core;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The domain's state changes, as pure functions from a task (or a request) and the current time to
 * the next task. They assume valid input ({@link dev.tasks.core.validation.RequestValidator} runs first).
 *
 * <p>Every change follows the same rules: an effective change adds 1 to the version and sets
 * {@code updatedAt} to now; a change that changes nothing returns the same task, unchanged.
 * {@code completedAt} is set to now when the status becomes {@link TaskStatus#COMPLETE} and cleared
 * when it leaves it. Instants are truncated to milliseconds. If the clock steps back, a change is stamped
 * with the task's last {@code updatedAt} instead of now: no stamp ever precedes an earlier one.
 */
public final class TaskRules {

    private TaskRules() {
    }

    /**
     * The task a valid create request makes.
     *
     * @param request a valid request
     * @param id the new task's id
     * @param tenant the tenant it belongs to
     * @param principal the caller's entity id: the {@code $createdBy} unless the request names one
     * @param now the current time
     * @return the new task, version 1
     */
    public static Task create(NewTask request, TaskId id, TenantId tenant, String principal, Instant now) {
        Instant at = millis(now);
        Map<String, List<String>> relationships = new LinkedHashMap<>();
        request.relationships().forEach((name, ids) -> relationships.put(name, List.copyOf(new LinkedHashSet<>(ids))));
        // No creator given, or an empty list: the caller created it.
        relationships.merge(SystemRelationship.CREATED_BY.relationshipName(), List.of(principal),
                (given, caller) -> given.isEmpty() ? caller : given);
        return Task.builder()
                .id(id)
                .tenantId(tenant)
                .title(request.title())
                .description(request.description().orElse(null))
                .status(request.status())
                .dueAt(request.dueAt().map(TaskRules::millis).orElse(null))
                .completedAt(request.status() == TaskStatus.COMPLETE ? at : null)
                .createdAt(at)
                .updatedAt(at)
                .version(1)
                .externalId(request.externalId().orElse(null))
                .metadata(request.metadata())
                .relationships(relationships)
                .build();
    }

    /**
     * Applies a valid patch.
     *
     * @param current the task as stored
     * @param patch a valid patch
     * @param now the current time
     * @return the changed task, or {@code current} itself if the patch changes nothing
     */
    public static Task apply(Task current, TaskPatch patch, Instant now) {
        Task.Builder next = current.toBuilder()
                .title(patch.title().applyTo(Optional.of(current.title())).orElseThrow())
                .description(patch.description().applyTo(current.description()).orElse(null))
                .dueAt(patch.dueAt().applyTo(current.dueAt()).map(TaskRules::millis).orElse(null))
                .externalId(patch.externalId().applyTo(current.externalId()).orElse(null));
        TaskStatus status = patch.status().applyTo(Optional.of(current.status())).orElseThrow();
        next.status(status).completedAt(completedAt(current, status, changeTime(current, now)).orElse(null));
        if (patch.clearMetadata() || !patch.metadata().isEmpty()) {
            Map<String, String> metadata = new LinkedHashMap<>(patch.clearMetadata() ? Map.of() : current.metadata());
            patch.metadata().forEach((k, v) -> {
                if (v == null) {
                    metadata.remove(k);
                } else {
                    metadata.put(k, v);
                }
            });
            next.metadata(metadata);
        }
        patch.relationships().forEach((name, change) -> next.relationship(name, change.applyTo(current.relationship(name))));
        return effective(current, next.build(), now);
    }

    /**
     * Changes the status.
     *
     * @param current the task as stored
     * @param status the new status
     * @param now the current time
     * @return the changed task, or {@code current} itself if it already has that status
     */
    public static Task changeStatus(Task current, TaskStatus status, Instant now) {
        Objects.requireNonNull(status, "status");
        if (status == current.status()) {
            return current;
        }
        Task next = current.toBuilder().status(status).completedAt(completedAt(current, status, changeTime(current, now)).orElse(null)).build();
        return effective(current, next, now);
    }

    /**
     * Moves the task to the trash.
     *
     * @param current the task as stored
     * @param now the current time
     * @return the trashed task, or {@code current} itself if it is in the trash already
     */
    public static Task trash(Task current, Instant now) {
        return current.isTrashed() ? current : effective(current, current.toBuilder().trashedAt(changeTime(current, now)).build(), now);
    }

    /**
     * Takes the task out of the trash.
     *
     * @param current the task as stored
     * @param now the current time
     * @return the restored task, or {@code current} itself if it is not in the trash
     */
    public static Task restore(Task current, Instant now) {
        return current.isTrashed() ? effective(current, current.toBuilder().trashedAt(null).build(), now) : current;
    }

    /**
     * Truncates an instant to the precision every store keeps.
     *
     * @param instant an instant
     * @return the instant truncated to milliseconds
     */
    public static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * The time a change of {@code current} is stamped with: now, or the task's {@code updatedAt} if the
     * clock stepped back, so that no stamp of a change precedes an earlier one.
     */
    private static Instant changeTime(Task current, Instant now) {
        Instant at = millis(now);
        return at.isAfter(current.updatedAt()) ? at : current.updatedAt();
    }

    private static Optional<Instant> completedAt(Task current, TaskStatus next, Instant now) {
        if (next != TaskStatus.COMPLETE) {
            return Optional.empty();
        }
        return current.status() == TaskStatus.COMPLETE ? current.completedAt() : Optional.of(now);
    }

    /** Returns current if nothing but bookkeeping differs; otherwise the next version, updated now. */
    private static Task effective(Task current, Task next, Instant now) {
        if (next.equals(current)) {
            return current;
        }
        return next.toBuilder().version(current.version() + 1).updatedAt(changeTime(current, now)).build();
    }
}
