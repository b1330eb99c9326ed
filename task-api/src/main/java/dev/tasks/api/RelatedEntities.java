package dev.tasks.api;

import dev.tasks.core.RelationshipDefinition;
import dev.tasks.core.TenantId;

/**
 * The embedding application's answer to "does this related entity exist, and is it active?". Related
 * entities (members, accounts, sites…) live in the application, not in this library. When a service
 * has this hook, every entity id that a create or update adds to a relationship is checked before
 * anything is written; a missing one is refused with {@code relationship_entity_missing}, an inactive
 * one with {@code relationship_entity_inactive}. Without it, every well-formed id is accepted.
 *
 * <pre>{@code
 * RelatedEntities members = (tenant, relationship, id) ->
 *         relationship.objectType().equals("member") && !directory.exists(tenant, id)
 *                 ? EntityState.MISSING : EntityState.ACTIVE;
 * }</pre>
 *
 * <p>Implementations must be thread-safe; they are called on the caller's thread.
 */
@FunctionalInterface
public interface RelatedEntities {

    /** Whether a related entity can be pointed at. */
    enum EntityState {
        /** It exists and is active: accepted. */
        ACTIVE,
        /** It exists but is not active (archived, deactivated): refused. */
        INACTIVE,
        /** It does not exist for the tenant: refused. */
        MISSING
    }

    /**
     * Looks an entity up.
     *
     * @param tenant the tenant of the write
     * @param relationship the relationship the id is added to (its object type says what to look for)
     * @param entityId the entity's id, well-formed
     * @return its state
     */
    EntityState state(TenantId tenant, RelationshipDefinition relationship, String entityId);

    /**
     * The hook used when the application gives none: every entity is active.
     *
     * @return a hook that accepts every id
     */
    static RelatedEntities acceptAll() {
        return (tenant, relationship, entityId) -> EntityState.ACTIVE;
    }
}
