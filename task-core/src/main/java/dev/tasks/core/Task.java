package dev.tasks.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A task, as stored: an immutable value.
 *
 * <p>Instants carry millisecond precision. {@link #metadata()} and {@link #relationships()} are
 * unmodifiable and sorted by key; each relationship's ids keep their order and hold no duplicates;
 * a relationship without ids is absent from the map.
 *
 * <p>The constructor checks the invariants that hold for every task whatever the input
 * (completedAt set exactly while {@link TaskStatus#COMPLETE}, version at least 1, millisecond
 * instants); the rules on input (lengths, formats, definitions) are the validator's
 * ({@code dev.tasks.core.validation}) and are checked before a task is built.
 *
 * @param id the task's id
 * @param tenantId the tenant it belongs to
 * @param title the title, 1 to 500 characters
 * @param description the description, markdown or HTML stored as given, if any
 * @param status the status
 * @param dueAt when it is due, if ever
 * @param completedAt when it was completed: present exactly while the status is {@code COMPLETE}
 * @param createdAt when it was created
 * @param updatedAt when it last changed effectively
 * @param trashedAt when it was moved to the trash, if it is there
 * @param version 1 on create, +1 on every effective change
 * @param externalId the embedding application's own id for it, unique within the tenant, if any
 * @param metadata string keys to string values
 * @param relationships relationship names to the ids of related entities
 */
public record Task(
        TaskId id,
        TenantId tenantId,
        String title,
        Optional<String> description,
        TaskStatus status,
        Optional<Instant> dueAt,
        Optional<Instant> completedAt,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> trashedAt,
        long version,
        Optional<String> externalId,
        Map<String, String> metadata,
        Map<String, List<String>> relationships) {

    /**
     * Checks the invariants and copies the collections.
     *
     * @param id the task's id
     * @param tenantId the tenant it belongs to
     * @param title the title, 1 to 500 characters
     * @param description the description, markdown or HTML stored as given, if any
     * @param status the status
     * @param dueAt when it is due, if ever
     * @param completedAt when it was completed: present exactly while the status is {@code COMPLETE}
     * @param createdAt when it was created
     * @param updatedAt when it last changed effectively
     * @param trashedAt when it was moved to the trash, if it is there
     * @param version 1 on create, +1 on every effective change
     * @param externalId the embedding application's own id for it, unique within the tenant, if any
     * @param metadata string keys to string values
     * @param relationships relationship names to the ids of related entities
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if an invariant does not hold
     */
    public Task {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(completedAt, "completedAt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(trashedAt, "trashedAt");
        Objects.requireNonNull(externalId, "externalId");
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1: " + version);
        }
        if (completedAt.isPresent() != (status == TaskStatus.COMPLETE)) {
            throw new IllegalArgumentException("completedAt is set exactly while the status is COMPLETE");
        }
        requireMillis(createdAt, "createdAt");
        requireMillis(updatedAt, "updatedAt");
        dueAt.ifPresent(t -> requireMillis(t, "dueAt"));
        completedAt.ifPresent(t -> requireMillis(t, "completedAt"));
        trashedAt.ifPresent(t -> requireMillis(t, "trashedAt"));
        metadata = copyMetadata(metadata);
        relationships = copyRelationships(relationships);
    }

    private static void requireMillis(Instant instant, String name) {
        if (instant.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException(name + " must be truncated to milliseconds: " + instant);
        }
    }

    private static Map<String, String> copyMetadata(Map<String, String> metadata) {
        Objects.requireNonNull(metadata, "metadata");
        if (metadata.isEmpty()) {
            return Collections.emptySortedMap();
        }
        SortedMap<String, String> copy = new TreeMap<>();
        metadata.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "metadata key"), Objects.requireNonNull(v, "metadata value")));
        return Collections.unmodifiableSortedMap(copy);
    }

    private static Map<String, List<String>> copyRelationships(Map<String, List<String>> relationships) {
        Objects.requireNonNull(relationships, "relationships");
        if (relationships.isEmpty()) {
            return Collections.emptySortedMap();
        }
        SortedMap<String, List<String>> copy = new TreeMap<>();
        relationships.forEach((name, ids) -> {
            Objects.requireNonNull(name, "relationship name");
            Objects.requireNonNull(ids, "relationship ids");
            if (!ids.isEmpty()) {
                List<String> list = List.copyOf(ids);
                if (list.stream().distinct().count() != list.size()) {
                    throw new IllegalArgumentException("relationship " + name + " holds an id twice");
                }
                copy.put(name, list);
            }
        });
        return copy.isEmpty() ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(copy);
    }

    /**
     * The ids a relationship holds.
     *
     * @param name the relationship's name, e.g. {@code $assignedTo}
     * @return its ids in order; empty if it holds none
     */
    public List<String> relationship(String name) {
        return relationships.getOrDefault(name, List.of());
    }

    /**
     * The ids a system relationship holds.
     *
     * @param relationship a system relationship
     * @return its ids in order; empty if it holds none
     */
    public List<String> relationship(SystemRelationship relationship) {
        return relationship(relationship.relationshipName());
    }

    /**
     * The member the task is assigned to.
     *
     * @return the {@code $assignedTo} id, if any
     */
    public Optional<String> assignee() {
        return first(SystemRelationship.ASSIGNED_TO);
    }

    /**
     * The member who created the task.
     *
     * @return the {@code $createdBy} id, if any
     */
    public Optional<String> createdBy() {
        return first(SystemRelationship.CREATED_BY);
    }

    private Optional<String> first(SystemRelationship relationship) {
        List<String> ids = relationship(relationship);
        return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(0));
    }

    /**
     * Tells whether the task is in the trash.
     *
     * @return true if {@link #trashedAt()} is present
     */
    public boolean isTrashed() {
        return trashedAt.isPresent();
    }

    /**
     * A builder that starts from this task's values.
     *
     * @return a new builder holding every component of this task
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * A builder for tasks; stores use it to map rows, tests to make data.
     *
     * @return an empty builder: version 1, status {@code OPEN}, no optional values
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Task}; every setter returns the builder. {@link #build()} checks the invariants. */
    public static final class Builder {
        private TaskId id;
        private TenantId tenantId;
        private String title;
        private String description;
        private TaskStatus status = TaskStatus.DEFAULT;
        private Instant dueAt;
        private Instant completedAt;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant trashedAt;
        private long version = 1;
        private String externalId;
        private Map<String, String> metadata = Map.of();
        private final Map<String, List<String>> relationships = new TreeMap<>();

        private Builder() {
        }

        private Builder(Task task) {
            id = task.id;
            tenantId = task.tenantId;
            title = task.title;
            description = task.description.orElse(null);
            status = task.status;
            dueAt = task.dueAt.orElse(null);
            completedAt = task.completedAt.orElse(null);
            createdAt = task.createdAt;
            updatedAt = task.updatedAt;
            trashedAt = task.trashedAt.orElse(null);
            version = task.version;
            externalId = task.externalId.orElse(null);
            metadata = task.metadata;
            relationships.putAll(task.relationships);
        }

        /**
         * Sets the id.
         *
         * @param id the id
         * @return this builder
         */
        public Builder id(TaskId id) { this.id = id; return this; }

        /**
         * Sets the tenant.
         *
         * @param tenantId the tenant
         * @return this builder
         */
        public Builder tenantId(TenantId tenantId) { this.tenantId = tenantId; return this; }

        /**
         * Sets the title.
         *
         * @param title the title
         * @return this builder
         */
        public Builder title(String title) { this.title = title; return this; }

        /**
         * Sets the description.
         *
         * @param description the description, or null for none
         * @return this builder
         */
        public Builder description(String description) { this.description = description; return this; }

        /**
         * Sets the status.
         *
         * @param status the status
         * @return this builder
         */
        public Builder status(TaskStatus status) { this.status = status; return this; }

        /**
         * Sets the due time.
         *
         * @param dueAt the due time, or null for none
         * @return this builder
         */
        public Builder dueAt(Instant dueAt) { this.dueAt = dueAt; return this; }

        /**
         * Sets the completion time.
         *
         * @param completedAt the completion time, or null for none
         * @return this builder
         */
        public Builder completedAt(Instant completedAt) { this.completedAt = completedAt; return this; }

        /**
         * Sets the creation time.
         *
         * @param createdAt the creation time
         * @return this builder
         */
        public Builder createdAt(Instant createdAt) { this.createdAt = createdAt; return this; }

        /**
         * Sets the time of the last effective change.
         *
         * @param updatedAt the time of the last effective change
         * @return this builder
         */
        public Builder updatedAt(Instant updatedAt) { this.updatedAt = updatedAt; return this; }

        /**
         * Sets the time it was trashed.
         *
         * @param trashedAt the time it was trashed, or null if it is not in the trash
         * @return this builder
         */
        public Builder trashedAt(Instant trashedAt) { this.trashedAt = trashedAt; return this; }

        /**
         * Sets the version, 1 or more.
         *
         * @param version the version, 1 or more
         * @return this builder
         */
        public Builder version(long version) { this.version = version; return this; }

        /**
         * Sets the external id.
         *
         * @param externalId the external id, or null for none
         * @return this builder
         */
        public Builder externalId(String externalId) { this.externalId = externalId; return this; }

        /**
         * Sets the whole metadata map.
         *
         * @param metadata the whole metadata map
         * @return this builder
         */
        public Builder metadata(Map<String, String> metadata) { this.metadata = metadata; return this; }

        /**
         * Sets the ids of one relationship, replacing what it held.
         *
         * @param name the relationship's name
         * @param ids its ids in order; empty removes it
         * @return this builder
         */
        public Builder relationship(String name, List<String> ids) {
            if (ids.isEmpty()) {
                relationships.remove(name);
            } else {
                relationships.put(name, new ArrayList<>(ids));
            }
            return this;
        }

        /**
         * Replaces all relationships.
         *
         * @param relationships names to ids
         * @return this builder
         */
        public Builder relationships(Map<String, List<String>> relationships) {
            this.relationships.clear();
            relationships.forEach(this::relationship);
            return this;
        }

        /**
         * Builds the task.
         *
         * @return the task
         * @throws NullPointerException if a required value is missing
         * @throws IllegalArgumentException if an invariant does not hold
         */
        public Task build() {
            return new Task(id, tenantId, title, Optional.ofNullable(description), status,
                    Optional.ofNullable(dueAt), Optional.ofNullable(completedAt), createdAt, updatedAt,
                    Optional.ofNullable(trashedAt), version, Optional.ofNullable(externalId), metadata, relationships);
        }
    }
}
