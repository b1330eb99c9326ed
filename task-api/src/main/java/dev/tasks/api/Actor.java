package dev.tasks.api;

import dev.tasks.core.RelationshipDefinition;
import dev.tasks.core.TenantId;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who makes a call: the tenant it acts in, its principal (an entity id, recorded as {@code $createdBy}
 * on the tasks it creates) and the scopes it holds. The embedding application builds it from its own
 * authentication.
 *
 * <pre>{@code
 * Actor alice = Actor.of("acme", "mem_alice", Scope.all());
 * Actor reader = new Actor(TenantId.of("acme"), "app_report", Set.of(Scope.READ));
 * }</pre>
 *
 * @param tenantId the tenant every read and write happens in
 * @param principal the caller's entity id: 1 to 128 characters of {@code [A-Za-z0-9_-]}
 * @param scopes what the caller may do
 */
public record Actor(TenantId tenantId, String principal, Set<Scope> scopes) {

    /**
     * Checks the principal and copies the scopes.
     *
     * @param tenantId the tenant every read and write happens in
     * @param principal the caller's entity id: 1 to 128 characters of {@code [A-Za-z0-9_-]}
     * @param scopes what the caller may do
     * @throws IllegalArgumentException if the principal is not a well-formed entity id
     */
    public Actor {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(principal, "principal");
        if (!RelationshipDefinition.isWellFormedEntityId(principal)) {
            throw new IllegalArgumentException("a principal is 1 to 128 characters of [A-Za-z0-9_-]");
        }
        Objects.requireNonNull(scopes, "scopes");
        scopes = scopes.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(scopes));
    }

    /**
     * Shorthand for the constructor.
     *
     * @param tenant the tenant's id
     * @param principal the caller's entity id
     * @param scopes what the caller may do
     * @return the actor
     */
    public static Actor of(String tenant, String principal, Set<Scope> scopes) {
        return new Actor(TenantId.of(tenant), principal, scopes);
    }

    /**
     * Tells whether the actor holds a scope.
     *
     * @param scope a scope
     * @return true if held
     */
    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }
}
