package dev.tasks.core;

/**
 * The relationships every task can hold. Java code names them by these constants; the wire
 * spelling ({@link #relationshipName()}) is Lightfield's, with a {@code $} prefix.
 */
public enum SystemRelationship {
    /** The member the task is assigned to (Stora's {@code assignee}). */
    ASSIGNED_TO("$assignedTo", "member", Cardinality.HAS_ONE, Writability.WRITABLE),
    /** The member who created the task; defaults to the caller (Stora's {@code creator}). */
    CREATED_BY("$createdBy", "member", Cardinality.HAS_ONE, Writability.CREATE_ONLY),
    /** The account the task concerns. */
    ACCOUNT("$account", "account", Cardinality.HAS_ONE, Writability.WRITABLE),
    /** The opportunity the task concerns. */
    OPPORTUNITY("$opportunity", "opportunity", Cardinality.HAS_ONE, Writability.WRITABLE),
    /** The resource the task concerns, a contact or a unit (Stora's {@code resource}). */
    RESOURCE("$resource", "any", Cardinality.HAS_ONE, Writability.WRITABLE),
    /** The site the task belongs to (Stora's {@code site}). */
    SITE("$site", "site", Cardinality.HAS_ONE, Writability.WRITABLE),
    /** Notes about the task; managed from the note side, read-only here. */
    NOTE("$note", "note", Cardinality.HAS_MANY, Writability.READ_ONLY);

    private final RelationshipDefinition definition;

    SystemRelationship(String name, String objectType, Cardinality cardinality, Writability writability) {
        this.definition = new RelationshipDefinition(name, objectType, cardinality, writability);
    }

    /**
     * The name under which a task holds this relationship.
     *
     * @return the name, {@code $} included, e.g. {@code $assignedTo}
     */
    public String relationshipName() {
        return definition.name();
    }

    /**
     * The full definition.
     *
     * @return the definition of this relationship
     */
    public RelationshipDefinition definition() {
        return definition;
    }
}
