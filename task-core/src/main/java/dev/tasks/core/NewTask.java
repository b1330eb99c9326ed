package dev.tasks.core;

import dev.tasks.core.validation.SupportedInstant;
import dev.tasks.core.validation.ValidDescription;
import dev.tasks.core.validation.ValidEntityId;
import dev.tasks.core.validation.ValidExternalId;
import dev.tasks.core.validation.ValidMetadataKey;
import dev.tasks.core.validation.ValidMetadataValue;
import dev.tasks.core.validation.ValidTitle;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to create a task. Only the title is required; the rules are checked by the service
 * (through the validator) and every problem is reported at once, with a path such as {@code /title}.
 *
 * <pre>{@code
 * NewTask minimal = NewTask.titled("Call the customer back");
 * NewTask full = NewTask.builder("Inspect unit 12")
 *         .status(TaskStatus.TODO)
 *         .dueAt(Instant.parse("2026-12-01T09:00:00Z"))
 *         .assignee("mem_42")
 *         .metadata("region", "north")
 *         .build();
 * }</pre>
 *
 * <p>Collections are copied but not checked for nulls here, so that a null inside them is reported
 * as a violation with its path rather than as an exception.
 *
 * @param title the title; required, 1 to 500 characters
 * @param description the description, if any; at most 20,000 characters
 * @param status the status; {@link TaskStatus#OPEN} if the builder is not told otherwise
 * @param dueAt when the task is due, if ever; truncated to milliseconds
 * @param externalId the application's own id for the task, unique in the tenant, if any
 * @param metadata keys to values; at most 20 keys
 * @param relationships relationship names to entity ids; {@code $createdBy} defaults to the caller
 */
public record NewTask(
        @NotNull(message = "is required") @ValidTitle String title,
        Optional<@ValidDescription String> description,
        @NotNull(message = "is required") TaskStatus status,
        Optional<@SupportedInstant Instant> dueAt,
        Optional<@ValidExternalId String> externalId,
        Map<@ValidMetadataKey String, @NotNull(message = "must not be null") @ValidMetadataValue String> metadata,
        Map<String, List<@ValidEntityId String>> relationships) {

    /**
     * Copies the collections, keeping their order.
     *
     * @param title the title; required, 1 to 500 characters
     * @param description the description, if any; at most 20,000 characters
     * @param status the status; {@link TaskStatus#OPEN} if the builder is not told otherwise
     * @param dueAt when the task is due, if ever; truncated to milliseconds
     * @param externalId the application's own id for the task, unique in the tenant, if any
     * @param metadata keys to values; at most 20 keys
     * @param relationships relationship names to entity ids; {@code $createdBy} defaults to the caller
     */
    public NewTask {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(externalId, "externalId");
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(metadata, "metadata")));
        Map<String, List<String>> rels = new LinkedHashMap<>();
        Objects.requireNonNull(relationships, "relationships")
                .forEach((name, ids) -> rels.put(name, ids == null ? null : Collections.unmodifiableList(new ArrayList<>(ids))));
        relationships = Collections.unmodifiableMap(rels);
    }

    /**
     * A task with a title and nothing else: status {@code OPEN}, created by the caller.
     *
     * @param title the title
     * @return the request
     */
    public static NewTask titled(String title) {
        return builder(title).build();
    }

    /**
     * A builder for a task with this title.
     *
     * @param title the title
     * @return the builder
     */
    public static Builder builder(String title) {
        return new Builder(title);
    }

    /** Builds a {@link NewTask}; every setter returns the builder. */
    public static final class Builder {
        private final String title;
        private String description;
        private TaskStatus status = TaskStatus.DEFAULT;
        private Instant dueAt;
        private String externalId;
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private final Map<String, List<String>> relationships = new LinkedHashMap<>();

        private Builder(String title) {
            this.title = title;
        }

        /**
         * Sets the description.
         *
         * @param description the description, or null for none
         * @return this builder
         */
        public Builder description(String description) { this.description = description; return this; }

        /**
         * Sets the status; null is reported by validation.
         *
         * @param status the status; null is reported by validation
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
         * Sets the external id.
         *
         * @param externalId the external id, or null for none
         * @return this builder
         */
        public Builder externalId(String externalId) { this.externalId = externalId; return this; }

        /**
         * Adds one metadata entry.
         *
         * @param key the key
         * @param value the value
         * @return this builder
         */
        public Builder metadata(String key, String value) { metadata.put(key, value); return this; }

        /**
         * Sets entries to add.
         *
         * @param entries entries to add
         * @return this builder
         */
        public Builder metadata(Map<String, String> entries) { metadata.putAll(entries); return this; }

        /**
         * Sets a relationship.
         *
         * @param name the relationship's name, e.g. {@code $account} or a custom slug
         * @param ids the entity ids, in order
         * @return this builder
         */
        public Builder relationship(String name, List<String> ids) { relationships.put(name, ids); return this; }

        /**
         * Sets a system relationship to one id.
         *
         * @param relationship the relationship
         * @param id the entity id
         * @return this builder
         */
        public Builder relationship(SystemRelationship relationship, String id) {
            return relationship(relationship.relationshipName(), java.util.Arrays.asList(id));
        }

        /**
         * Sets who the task is assigned to.
         *
         * @param memberId who the task is assigned to
         * @return this builder
         */
        public Builder assignee(String memberId) { return relationship(SystemRelationship.ASSIGNED_TO, memberId); }

        /**
         * Builds the request; nothing is validated yet.
         *
         * @return the request
         */
        public NewTask build() {
            return new NewTask(title, Optional.ofNullable(description), status, Optional.ofNullable(dueAt),
                    Optional.ofNullable(externalId), metadata, relationships);
        }
    }
}
