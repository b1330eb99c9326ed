package dev.tasks.store.tck;

import dev.tasks.core.Task;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.assertj.core.api.AbstractObjectAssert;

/**
 * AssertJ assertions on a {@link Task}; start them with {@link TaskAssertions#assertThat(Task)}. Every
 * assertion returns this object, so they chain; a failure names the task and the component.
 */
public final class TaskAssert extends AbstractObjectAssert<TaskAssert, Task> {

    /**
     * Assertions on a task.
     *
     * @param actual the task, possibly null
     */
    public TaskAssert(Task actual) {
        super(actual, TaskAssert.class);
    }

    /**
     * @param expected the id
     * @return this
     */
    public TaskAssert hasId(TaskId expected) {
        return check("id", actual.id(), expected);
    }

    /**
     * @param expected the tenant
     * @return this
     */
    public TaskAssert belongsTo(TenantId expected) {
        return check("tenantId", actual.tenantId(), expected);
    }

    /**
     * @param expected the title
     * @return this
     */
    public TaskAssert hasTitle(String expected) {
        return check("title", actual.title(), expected);
    }

    /**
     * @param expected the status
     * @return this
     */
    public TaskAssert hasStatus(TaskStatus expected) {
        return check("status", actual.status(), expected);
    }

    /**
     * @param expected the version
     * @return this
     */
    public TaskAssert hasVersion(long expected) {
        return check("version", actual.version(), expected);
    }

    /** @return this, if the task is {@code COMPLETE} and carries a completion time */
    public TaskAssert isComplete() {
        check("status", actual.status(), TaskStatus.COMPLETE);
        if (actual.completedAt().isEmpty()) {
            failWithMessage("Expected task %s to carry completedAt", actual.id());
        }
        return this;
    }

    /** @return this, if the task is not {@code COMPLETE} and carries no completion time */
    public TaskAssert isNotComplete() {
        isNotNull();
        if (actual.status() == TaskStatus.COMPLETE || actual.completedAt().isPresent()) {
            failWithMessage("Expected task %s not to be complete but it is %s, completedAt %s",
                    actual.id(), actual.status(), actual.completedAt());
        }
        return this;
    }

    /** @return this, if the task is in the trash */
    public TaskAssert isTrashed() {
        isNotNull();
        if (!actual.isTrashed()) {
            failWithMessage("Expected task %s to be in the trash", actual.id());
        }
        return this;
    }

    /** @return this, if the task is not in the trash */
    public TaskAssert isNotTrashed() {
        isNotNull();
        if (actual.isTrashed()) {
            failWithMessage("Expected task %s not to be in the trash but it was trashed at %s", actual.id(), actual.trashedAt().get());
        }
        return this;
    }

    /**
     * @param expected the due time
     * @return this
     */
    public TaskAssert hasDueAt(Instant expected) {
        return check("dueAt", actual.dueAt(), Optional.of(expected));
    }

    /** @return this, if the task has no due time */
    public TaskAssert hasNoDueAt() {
        return check("dueAt", actual.dueAt(), Optional.empty());
    }

    /**
     * @param expected the external id
     * @return this
     */
    public TaskAssert hasExternalId(String expected) {
        return check("externalId", actual.externalId(), Optional.of(expected));
    }

    /** @return this, if the task has no external id */
    public TaskAssert hasNoExternalId() {
        return check("externalId", actual.externalId(), Optional.empty());
    }

    /**
     * Checks one metadata entry.
     *
     * @param key the key
     * @param value the value it must hold
     * @return this
     */
    public TaskAssert hasMetadata(String key, String value) {
        return check("metadata[" + key + "]", actual.metadata().get(key), value);
    }

    /**
     * @param key a key the metadata must not hold
     * @return this
     */
    public TaskAssert hasNoMetadataKey(String key) {
        isNotNull();
        if (actual.metadata().containsKey(key)) {
            failWithMessage("Expected task %s to have no metadata key <%s> but it maps to <%s>", actual.id(), key, actual.metadata().get(key));
        }
        return this;
    }

    /**
     * @param memberId the {@code $assignedTo} member
     * @return this
     */
    public TaskAssert hasAssignee(String memberId) {
        return check("assignee", actual.assignee(), Optional.of(memberId));
    }

    /**
     * Checks a relationship's ids, in order.
     *
     * @param name the relationship's name
     * @param ids the ids it must hold, in order; none for an absent relationship
     * @return this
     */
    public TaskAssert hasRelationship(String name, String... ids) {
        return check("relationships[" + name + "]", actual.relationship(name), List.of(ids));
    }

    /**
     * Checks that the task equals another ({@link Task#equals}), naming every component that differs
     * rather than printing both tasks whole.
     *
     * @param expected the task it must equal
     * @return this
     */
    public TaskAssert hasSameStateAs(Task expected) {
        isNotNull();
        Objects.requireNonNull(expected, "expected");
        List<String> diffs = new ArrayList<>();
        Task a = actual;
        diff(diffs, "id", a.id(), expected.id());
        diff(diffs, "tenantId", a.tenantId(), expected.tenantId());
        diff(diffs, "title", a.title(), expected.title());
        diff(diffs, "description", a.description(), expected.description());
        diff(diffs, "status", a.status(), expected.status());
        diff(diffs, "dueAt", a.dueAt(), expected.dueAt());
        diff(diffs, "completedAt", a.completedAt(), expected.completedAt());
        diff(diffs, "createdAt", a.createdAt(), expected.createdAt());
        diff(diffs, "updatedAt", a.updatedAt(), expected.updatedAt());
        diff(diffs, "trashedAt", a.trashedAt(), expected.trashedAt());
        diff(diffs, "version", a.version(), expected.version());
        diff(diffs, "externalId", a.externalId(), expected.externalId());
        diff(diffs, "metadata", a.metadata(), expected.metadata());
        diff(diffs, "relationships", a.relationships(), expected.relationships());
        if (!diffs.isEmpty() || !a.equals(expected)) {
            failWithMessage("Expected task %s to equal the expected task, but it differs in:%n%s", a.id(), String.join("\n", diffs));
        }
        return this;
    }

    private static void diff(List<String> diffs, String component, Object actual, Object expected) {
        if (!Objects.equals(actual, expected)) {
            diffs.add("  " + component + ": expected <" + abbreviate(expected) + "> but was <" + abbreviate(actual) + ">");
        }
    }

    private static String abbreviate(Object o) {
        String s = String.valueOf(o);
        return s.length() <= 300 ? s : s.substring(0, 300) + "... (" + s.length() + " chars)";
    }

    private TaskAssert check(String component, Object actualValue, Object expected) {
        isNotNull();
        if (!Objects.equals(actualValue, expected)) {
            failWithMessage("Expected task %s to have %s <%s> but was <%s>", actual.id(), component, expected, actualValue);
        }
        return this;
    }
}
