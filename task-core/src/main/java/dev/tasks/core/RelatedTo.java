package dev.tasks.core;

import dev.tasks.core.validation.ValidEntityId;
import java.util.Objects;
import java.util.Optional;

/**
 * A list filter on relationships: the task holds an entity id, in a named relationship or in any.
 *
 * @param relationship the relationship's name; empty for "any relationship"
 * @param entityId the entity id the relationship must contain
 */
public record RelatedTo(Optional<String> relationship, @ValidEntityId String entityId) {

    /**
     * Refuses a null relationship; a bad entity id is reported by validation.
     *
     * @param relationship the relationship's name; empty for "any relationship"
     * @param entityId the entity id the relationship must contain
     */
    public RelatedTo {
        Objects.requireNonNull(relationship, "relationship");
    }

    /**
     * Tasks whose relationship {@code name} contains {@code entityId}.
     *
     * @param name the relationship's name
     * @param entityId the entity id
     * @return the criterion
     */
    public static RelatedTo in(String name, String entityId) {
        return new RelatedTo(Optional.of(name), entityId);
    }

    /**
     * Tasks with any relationship containing {@code entityId}.
     *
     * @param entityId the entity id
     * @return the criterion
     */
    public static RelatedTo any(String entityId) {
        return new RelatedTo(Optional.empty(), entityId);
    }

    /**
     * Tells whether a task meets this criterion.
     *
     * @param task a task
     * @return true if the relationship (or any) holds the id
     */
    public boolean matches(Task task) {
        if (relationship.isPresent()) {
            return task.relationship(relationship.get()).contains(entityId);
        }
        for (var ids : task.relationships().values()) {
            if (ids.contains(entityId)) {
                return true;
            }
        }
        return false;
    }
}
