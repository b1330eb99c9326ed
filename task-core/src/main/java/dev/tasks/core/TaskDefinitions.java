package dev.tasks.core;

import java.util.List;

/**
 * Every field and relationship a task of this service has, as Lightfield's
 * {@code GET /v1/tasks/definitions} publishes them.
 *
 * @param fields the fields, with their value types
 * @param relationships the relationship definitions, system ones first
 */
public record TaskDefinitions(List<FieldDefinition> fields, List<RelationshipDefinition> relationships) {

    /**
     * Copies the lists.
     *
     * @param fields the fields, with their value types
     * @param relationships the relationship definitions, system ones first
     */
    public TaskDefinitions {
        fields = List.copyOf(fields);
        relationships = List.copyOf(relationships);
    }

    /**
     * The definitions of a service with these relationships.
     *
     * @param catalog the relationships
     * @return the definitions
     */
    public static TaskDefinitions of(RelationshipCatalog catalog) {
        return new TaskDefinitions(FieldDefinition.ALL, catalog.all());
    }
}
