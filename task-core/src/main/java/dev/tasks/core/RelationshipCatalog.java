package dev.tasks.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every relationship definition a service knows: the system ones and those the application registers.
 * Immutable; built once when the service is built.
 */
public final class RelationshipCatalog {

    private static final RelationshipCatalog SYSTEM = new RelationshipCatalog(List.of());

    private final Map<String, RelationshipDefinition> byName;

    private RelationshipCatalog(Collection<RelationshipDefinition> custom) {
        Map<String, RelationshipDefinition> map = new LinkedHashMap<>();
        for (SystemRelationship s : SystemRelationship.values()) {
            map.put(s.relationshipName(), s.definition());
        }
        for (RelationshipDefinition d : custom) {
            Objects.requireNonNull(d, "relationship definition");
            if (d.isSystem()) {
                throw new IllegalArgumentException("custom relationship names must not start with $: " + d.name());
            }
            if (map.putIfAbsent(d.name(), d) != null) {
                throw new IllegalArgumentException("relationship '" + d.name() + "' is defined twice");
            }
        }
        byName = Collections.unmodifiableMap(map);
    }

    /**
     * The system relationships only.
     *
     * @return the catalog
     */
    public static RelationshipCatalog system() {
        return SYSTEM;
    }

    /**
     * The system relationships and these custom ones.
     *
     * @param custom custom definitions, with distinct slug names
     * @return the catalog
     * @throws IllegalArgumentException if a name repeats or starts with {@code $}
     */
    public static RelationshipCatalog withCustom(Collection<RelationshipDefinition> custom) {
        return custom.isEmpty() ? SYSTEM : new RelationshipCatalog(List.copyOf(custom));
    }

    /**
     * Looks a definition up.
     *
     * @param name a relationship name
     * @return its definition, or empty if no relationship has that name
     */
    public Optional<RelationshipDefinition> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    /**
     * Every definition: system ones first, in {@link SystemRelationship} order, then custom ones in
     * the order registered.
     *
     * @return the definitions, unmodifiable
     */
    public List<RelationshipDefinition> all() {
        return List.copyOf(new ArrayList<>(byName.values()));
    }
}
