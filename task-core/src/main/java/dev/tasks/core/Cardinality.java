package dev.tasks.core;

/** How many entities a relationship may point at. */
public enum Cardinality {
    /** At most one entity. */
    HAS_ONE,
    /** Up to {@link RelationshipDefinition#MAX_IDS} entities, in order, without duplicates. */
    HAS_MANY
}
