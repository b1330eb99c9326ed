package dev.tasks.store.tck;

import dev.tasks.core.SystemRelationship;
import dev.tasks.core.Task;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskIdGenerator;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.TenantId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fluent builder of valid test tasks with sensible defaults, so that a test names only what it is
 * about.
 *
 * <pre>{@code
 * Task task = TestTasks.task(tenant).title("Call back").assignee("mem_1").dueAt("2026-01-01T09:00:00Z").build();
 * }</pre>
 *
 * <p>Defaults: a fresh random id, title {@code Task n}, status {@code OPEN}, created and updated at
 * {@link #DEFAULT_TIME}, version 1, nothing else. {@code completedAt} follows the status: a task built
 * {@code COMPLETE} is completed at its {@code updatedAt} unless told otherwise.
 */
public final class TestTasks {

    /** When test tasks are created unless told otherwise: 2025-01-01T00:00:00Z. */
    public static final Instant DEFAULT_TIME = Instant.parse("2025-01-01T00:00:00Z");

    private static final TaskIdGenerator IDS = TaskIdGenerator.random();
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestTasks() {
    }

    /**
     * Starts a task of a tenant.
     *
     * @param tenant the tenant
     * @return a builder holding the defaults
     */
    public static Builder task(TenantId tenant) {
        return new Builder(tenant);
    }

    /**
     * Starts a task of a tenant.
     *
     * @param tenant the tenant's identifier
     * @return a builder holding the defaults
     */
    public static Builder task(String tenant) {
        return new Builder(TenantId.of(tenant));
    }

    /**
     * A fresh random task id.
     *
     * @return an id no other call returns (with overwhelming probability)
     */
    public static TaskId newId() {
        return IDS.next();
    }

    /** Builds a test task; every setter returns the builder. */
    public static final class Builder {
        private final Task.Builder b = Task.builder();
        private TaskStatus status = TaskStatus.DEFAULT;
        private Instant createdAt = DEFAULT_TIME;
        private Instant updatedAt;
        private Instant completedAt;
        private final Map<String, String> metadata = new LinkedHashMap<>();

        private Builder(TenantId tenant) {
            b.id(newId()).tenantId(Objects.requireNonNull(tenant, "tenant")).title("Task " + COUNTER.incrementAndGet()).version(1);
        }

        /**
         * @param id the id
         * @return this builder
         */
        public Builder id(TaskId id) { b.id(id); return this; }

        /**
         * @param id the id, {@code task_} and 16 of {@code [0-9a-z]}
         * @return this builder
         */
        public Builder id(String id) { b.id(new TaskId(id)); return this; }

        /**
         * @param title the title
         * @return this builder
         */
        public Builder title(String title) { b.title(title); return this; }

        /**
         * @param description the description, or null
         * @return this builder
         */
        public Builder description(String description) { b.description(description); return this; }

        /**
         * @param status the status; {@code completedAt} follows it
         * @return this builder
         */
        public Builder status(TaskStatus status) { this.status = Objects.requireNonNull(status, "status"); return this; }

        /**
         * @param completedAt when it was completed (used only while {@code COMPLETE})
         * @return this builder
         */
        public Builder completedAt(Instant completedAt) { this.completedAt = completedAt; return this; }

        /**
         * @param dueAt the due time, or null
         * @return this builder
         */
        public Builder dueAt(Instant dueAt) { b.dueAt(dueAt); return this; }

        /**
         * @param dueAt the due time in ISO 8601, e.g. {@code 2026-01-01T09:00:00Z}
         * @return this builder
         */
        public Builder dueAt(String dueAt) { return dueAt(Instant.parse(dueAt)); }

        /**
         * @param createdAt the creation time; also the update time unless that is set
         * @return this builder
         */
        public Builder createdAt(Instant createdAt) { this.createdAt = Objects.requireNonNull(createdAt, "createdAt"); return this; }

        /**
         * @param createdAt the creation time in ISO 8601
         * @return this builder
         */
        public Builder createdAt(String createdAt) { return createdAt(Instant.parse(createdAt)); }

        /**
         * @param updatedAt the time of the last effective change
         * @return this builder
         */
        public Builder updatedAt(Instant updatedAt) { this.updatedAt = updatedAt; return this; }

        /**
         * @param updatedAt the time of the last effective change in ISO 8601
         * @return this builder
         */
        public Builder updatedAt(String updatedAt) { return updatedAt(Instant.parse(updatedAt)); }

        /**
         * @param trashedAt when it was moved to the trash, or null
         * @return this builder
         */
        public Builder trashedAt(Instant trashedAt) { b.trashedAt(trashedAt); return this; }

        /** @return this builder, trashed at its update time */
        public Builder trashed() { b.trashedAt(updatedAt != null ? updatedAt : createdAt); return this; }

        /**
         * @param version the version
         * @return this builder
         */
        public Builder version(long version) { b.version(version); return this; }

        /**
         * @param externalId the external id, or null
         * @return this builder
         */
        public Builder externalId(String externalId) { b.externalId(externalId); return this; }

        /**
         * Adds a metadata entry.
         *
         * @param key the key
         * @param value the value
         * @return this builder
         */
        public Builder metadata(String key, String value) { metadata.put(key, value); return this; }

        /**
         * @param entries entries to add
         * @return this builder
         */
        public Builder metadata(Map<String, String> entries) { metadata.putAll(entries); return this; }

        /**
         * Sets a relationship's ids.
         *
         * @param name the relationship's name, e.g. {@code $account}
         * @param ids its ids in order; none removes it
         * @return this builder
         */
        public Builder relationship(String name, String... ids) { b.relationship(name, List.of(ids)); return this; }

        /**
         * Sets a system relationship's ids.
         *
         * @param relationship the relationship
         * @param ids its ids in order; none removes it
         * @return this builder
         */
        public Builder relationship(SystemRelationship relationship, String... ids) {
            return relationship(relationship.relationshipName(), ids);
        }

        /**
         * @param memberId the {@code $assignedTo} member
         * @return this builder
         */
        public Builder assignee(String memberId) { return relationship(SystemRelationship.ASSIGNED_TO, memberId); }

        /**
         * @param memberId the {@code $createdBy} member
         * @return this builder
         */
        public Builder createdBy(String memberId) { return relationship(SystemRelationship.CREATED_BY, memberId); }

        /**
         * @param noteIds the {@code $note} ids
         * @return this builder
         */
        public Builder notes(String... noteIds) { return relationship(SystemRelationship.NOTE, noteIds); }

        /**
         * Builds the task.
         *
         * @return the task
         * @throws IllegalArgumentException if an invariant of {@link Task} does not hold
         */
        public Task build() {
            Instant updated = updatedAt != null ? updatedAt : createdAt;
            Instant completed = status == TaskStatus.COMPLETE ? (completedAt != null ? completedAt : updated) : null;
            return b.status(status).createdAt(createdAt).updatedAt(updated).completedAt(completed).metadata(Map.copyOf(metadata)).build();
        }
    }
}
