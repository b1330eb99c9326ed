package dev.tasks.core;

import dev.tasks.core.validation.SupportedInstant;
import dev.tasks.core.validation.ValidDescription;
import dev.tasks.core.validation.ValidExternalId;
import dev.tasks.core.validation.ValidMetadataKey;
import dev.tasks.core.validation.ValidMetadataValue;
import dev.tasks.core.validation.ValidTitle;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A change to a task. Each optional field is {@linkplain FieldPatch absent, set or cleared};
 * {@code title} and {@code status} can be set but not cleared.
 *
 * <p>Metadata merges key by key: a key mapped to a value sets it, a key mapped to {@code null}
 * removes it, {@link Builder#clearMetadata()} first removes every key (Stora's {@code {}}).
 * Relationships change through {@link RelationshipPatch}es. Limits (20 metadata keys, 100 ids, one
 * id for a has-one relationship) are checked on the result.
 *
 * <pre>{@code
 * TaskPatch patch = TaskPatch.builder()
 *         .title("Inspect unit 12 and 13")
 *         .clearDescription()
 *         .metadata("region", null)                       // remove one key
 *         .relationship("$assignedTo", RelationshipPatch.replace(List.of("mem_7")))
 *         .build();
 * }</pre>
 *
 * @param title the new title, if changed
 * @param description the new description, if changed or cleared
 * @param status the new status, if changed
 * @param dueAt the new due time, if changed or cleared
 * @param externalId the new external id, if changed or cleared
 * @param clearMetadata whether every metadata key is removed before {@code metadata} is merged
 * @param metadata keys to set (to a value) or remove (to {@code null})
 * @param relationships relationship names to their changes
 */
public record TaskPatch(
        FieldPatch<@ValidTitle String> title,
        FieldPatch<@ValidDescription String> description,
        FieldPatch<TaskStatus> status,
        FieldPatch<@SupportedInstant Instant> dueAt,
        FieldPatch<@ValidExternalId String> externalId,
        boolean clearMetadata,
        Map<@ValidMetadataKey String, @ValidMetadataValue String> metadata,
        Map<String, @Valid RelationshipPatch> relationships) {

    /** A patch that changes nothing. */
    public static final TaskPatch EMPTY = builder().build();

    /**
     * Copies the maps, keeping their order and their null values.
     *
     * @param title the new title, if changed
     * @param description the new description, if changed or cleared
     * @param status the new status, if changed
     * @param dueAt the new due time, if changed or cleared
     * @param externalId the new external id, if changed or cleared
     * @param clearMetadata whether every metadata key is removed before {@code metadata} is merged
     * @param metadata keys to set (to a value) or remove (to {@code null})
     * @param relationships relationship names to their changes
     */
    public TaskPatch {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(externalId, "externalId");
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(metadata, "metadata")));
        relationships = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(relationships, "relationships")));
    }

    /**
     * Tells whether the patch asks for anything at all (an empty patch is a no-op).
     *
     * @return true if some field, metadata or relationship is touched
     */
    public boolean isEmpty() {
        return !title.isPresent() && !description.isPresent() && !status.isPresent() && !dueAt.isPresent()
                && !externalId.isPresent() && !clearMetadata && metadata.isEmpty() && relationships.isEmpty();
    }

    /**
     * A builder for a patch that, until told otherwise, changes nothing.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TaskPatch}; every setter returns the builder. */
    public static final class Builder {
        private FieldPatch<String> title = FieldPatch.absent();
        private FieldPatch<String> description = FieldPatch.absent();
        private FieldPatch<TaskStatus> status = FieldPatch.absent();
        private FieldPatch<Instant> dueAt = FieldPatch.absent();
        private FieldPatch<String> externalId = FieldPatch.absent();
        private boolean clearMetadata;
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private final Map<String, RelationshipPatch> relationships = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Sets the new title.
         *
         * @param title the new title
         * @return this builder
         */
        public Builder title(String title) { return title(FieldPatch.ofNullable(title)); }

        /**
         * Says what to do to the title (clearing it is refused by validation).
         *
         * @param title what to do to the title (clearing it is refused by validation)
         * @return this builder
         */
        public Builder title(FieldPatch<String> title) { this.title = Objects.requireNonNull(title); return this; }

        /**
         * Sets the new description.
         *
         * @param description the new description, or null to clear it
         * @return this builder
         */
        public Builder description(String description) { return description(FieldPatch.ofNullable(description)); }

        /**
         * Says what to do to the description.
         *
         * @param description what to do to the description
         * @return this builder
         */
        public Builder description(FieldPatch<String> description) { this.description = Objects.requireNonNull(description); return this; }

        /**
         * Returns this builder, clearing the description.
         *
         * @return this builder, clearing the description
         */
        public Builder clearDescription() { return description(FieldPatch.cleared()); }

        /**
         * Sets the new status.
         *
         * @param status the new status
         * @return this builder
         */
        public Builder status(TaskStatus status) { return status(FieldPatch.ofNullable(status)); }

        /**
         * Says what to do to the status (clearing it is refused by validation).
         *
         * @param status what to do to the status (clearing it is refused by validation)
         * @return this builder
         */
        public Builder status(FieldPatch<TaskStatus> status) { this.status = Objects.requireNonNull(status); return this; }

        /**
         * Sets the new due time.
         *
         * @param dueAt the new due time, or null to clear it
         * @return this builder
         */
        public Builder dueAt(Instant dueAt) { return dueAt(FieldPatch.ofNullable(dueAt)); }

        /**
         * Says what to do to the due time.
         *
         * @param dueAt what to do to the due time
         * @return this builder
         */
        public Builder dueAt(FieldPatch<Instant> dueAt) { this.dueAt = Objects.requireNonNull(dueAt); return this; }

        /**
         * Sets the new external id.
         *
         * @param externalId the new external id, or null to clear it
         * @return this builder
         */
        public Builder externalId(String externalId) { return externalId(FieldPatch.ofNullable(externalId)); }

        /**
         * Says what to do to the external id.
         *
         * @param externalId what to do to the external id
         * @return this builder
         */
        public Builder externalId(FieldPatch<String> externalId) { this.externalId = Objects.requireNonNull(externalId); return this; }

        /**
         * Returns this builder, removing every metadata key before the merge.
         *
         * @return this builder, removing every metadata key before the merge
         */
        public Builder clearMetadata() { this.clearMetadata = true; return this; }

        /**
         * Sets or removes one metadata key.
         *
         * @param key the key
         * @param value the value, or null to remove the key
         * @return this builder
         */
        public Builder metadata(String key, String value) { metadata.put(key, value); return this; }

        /**
         * Sets keys to values (null removes).
         *
         * @param entries keys to values (null removes)
         * @return this builder
         */
        public Builder metadata(Map<String, String> entries) { metadata.putAll(entries); return this; }

        /**
         * Changes one relationship.
         *
         * @param name the relationship's name
         * @param change what to do to it
         * @return this builder
         */
        public Builder relationship(String name, RelationshipPatch change) { relationships.put(name, change); return this; }

        /**
         * Changes one system relationship.
         *
         * @param relationship the relationship
         * @param change what to do to it
         * @return this builder
         */
        public Builder relationship(SystemRelationship relationship, RelationshipPatch change) {
            return relationship(relationship.relationshipName(), change);
        }

        /**
         * Reassigns the task, or unassigns it.
         *
         * @param memberId the new {@code $assignedTo}, or null to clear it
         * @return this builder
         */
        public Builder assignee(String memberId) {
            return relationship(SystemRelationship.ASSIGNED_TO,
                    memberId == null ? RelationshipPatch.clear() : RelationshipPatch.replace(java.util.Arrays.asList(memberId)));
        }

        /**
         * Returns the patch; nothing is validated yet.
         *
         * @return the patch; nothing is validated yet
         */
        public TaskPatch build() {
            return new TaskPatch(title, description, status, dueAt, externalId, clearMetadata, metadata, relationships);
        }
    }
}
