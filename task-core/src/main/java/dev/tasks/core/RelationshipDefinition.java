package dev.tasks.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Declares a relationship a task may hold: its name, the type of entity it points at, its
 * cardinality and who may write it.
 *
 * <p>System relationships ({@link SystemRelationship}) have names starting with {@code $}, the
 * Lightfield wire spelling. Applications register custom ones with {@link #custom}; their names are
 * slugs of {@code [a-z][a-z0-9_]{0,62}}.
 *
 * <pre>{@code
 * RelationshipDefinition project = RelationshipDefinition.custom("project", "project", Cardinality.HAS_ONE);
 * }</pre>
 *
 * @param name the relationship's name, as it appears in {@link Task#relationships()}
 * @param objectType the type of entity it points at ({@code member}, {@code account}, …)
 * @param cardinality how many entities it may point at
 * @param writability who may write it
 */
public record RelationshipDefinition(String name, String objectType, Cardinality cardinality, Writability writability) {

    /** The most entity ids a has-many relationship holds. */
    public static final int MAX_IDS = 100;

    /** The shape of a custom relationship's name. */
    public static final Pattern CUSTOM_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    /** The shape of a system relationship's name: {@code $} and a camel-case word. */
    private static final Pattern SYSTEM_NAME = Pattern.compile("\\$[a-z][A-Za-z0-9]{0,62}");

    /** The shape of an entity id: 1 to 128 characters of {@code [A-Za-z0-9_-]}. */
    public static final Pattern ENTITY_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    /** The shape of an object type: like a custom name. */
    public static final Pattern OBJECT_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    /**
     * Checks the parts.
     *
     * @param name the relationship's name, as it appears in {@link Task#relationships()}
     * @param objectType the type of entity it points at ({@code member}, {@code account}, …)
     * @param cardinality how many entities it may point at
     * @param writability who may write it
     * @throws IllegalArgumentException if the name or object type is malformed
     */
    public RelationshipDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(cardinality, "cardinality");
        Objects.requireNonNull(writability, "writability");
        if (!(name.startsWith("$") ? SYSTEM_NAME : CUSTOM_NAME).matcher(name).matches()) {
            throw new IllegalArgumentException("relationship name '" + name + "' is not a slug [a-z][a-z0-9_]{0,62}");
        }
        if (!OBJECT_TYPE.matcher(objectType).matches()) {
            throw new IllegalArgumentException("object type '" + objectType + "' is not [a-z][a-z0-9_]{0,62}");
        }
    }

    /**
     * Declares a writable custom relationship.
     *
     * @param name a slug of {@code [a-z][a-z0-9_]{0,62}}
     * @param objectType the type of entity it points at
     * @param cardinality how many entities it may point at
     * @return the definition
     * @throws IllegalArgumentException if the name is not a slug (a leading {@code $} is reserved)
     */
    public static RelationshipDefinition custom(String name, String objectType, Cardinality cardinality) {
        Objects.requireNonNull(name, "name");
        if (name.startsWith("$")) {
            throw new IllegalArgumentException("names starting with $ are reserved for system relationships: " + name);
        }
        return new RelationshipDefinition(name, objectType, cardinality, Writability.WRITABLE);
    }

    /**
     * Tells whether this is one of the library's own relationships.
     *
     * @return true if the name starts with {@code $}
     */
    public boolean isSystem() {
        return name.startsWith("$");
    }

    /**
     * Tells whether entity ids of this shape are accepted.
     *
     * @param entityId any string
     * @return true if it is 1 to 128 characters of {@code [A-Za-z0-9_-]}
     */
    public static boolean isWellFormedEntityId(String entityId) {
        return entityId != null && ENTITY_ID.matcher(entityId).matches();
    }
}
