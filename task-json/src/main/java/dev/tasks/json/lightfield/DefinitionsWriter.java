package dev.tasks.json.lightfield;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasks.core.FieldDefinition;
import dev.tasks.core.RelationshipDefinition;
import dev.tasks.core.TaskDefinitions;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.ValueType;
import dev.tasks.core.Writability;
import dev.tasks.json.JsonBody;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code GET /v1/tasks/definitions}: Lightfield's {@code TaskDefinitionsResponse}. Each definition's
 * {@code id} is its name (names are unique and stable, and Lightfield's ids are opaque); labels and
 * descriptions of the system fields and relationships are the library's, a custom relationship's label
 * is its slug in words and its description null.
 */
final class DefinitionsWriter {

    /** Label and description of each system field and relationship. */
    private record Text(String label, String description) {
    }

    private static final Map<String, Text> FIELDS = Map.of(
            "$title", new Text("Title", "Title of the task."),
            "$status", new Text("Status", "Task status. One of: TODO, IN_PROGRESS, COMPLETE, CANCELLED; OPEN is this "
                    + "service's default for tasks created without a status."),
            "$description", new Text("Description", "Description of the task in markdown format."),
            "$dueAt", new Text("Due date", "Due date as an ISO 8601 datetime string."));

    private static final Map<String, Text> RELATIONSHIPS = Map.of(
            "$assignedTo", new Text("Assigned to", "The member this task is assigned to. Required on create."),
            "$createdBy", new Text("Created by", "The member who created this task. Defaults to the authenticated "
                    + "user; set on create only."),
            "$account", new Text("Account", "The account this task belongs to."),
            "$opportunity", new Text("Opportunity", "The opportunity this task is associated with."),
            "$resource", new Text("Resource", "The contact or unit this task concerns."),
            "$site", new Text("Site", "The site this task belongs to."),
            "$note", new Text("Notes", "Notes about this task. Read-only: manage notes via their own relationships."));

    private static final Map<TaskStatus, String> STATUS_LABELS = Map.of(
            TaskStatus.OPEN, "Open",
            TaskStatus.TODO, "To do",
            TaskStatus.IN_PROGRESS, "In progress",
            TaskStatus.COMPLETE, "Complete",
            TaskStatus.CANCELLED, "Cancelled");

    private DefinitionsWriter() {
    }

    static ObjectNode definitions(TaskDefinitions definitions) {
        ObjectNode node = JsonBody.mapper().createObjectNode();
        node.put("objectType", "task");
        ObjectNode fields = node.putObject("fieldDefinitions");
        for (FieldDefinition field : definitions.fields()) {
            field(fields.putObject(field.name()), field);
        }
        ObjectNode relationships = node.putObject("relationshipDefinitions");
        for (RelationshipDefinition relationship : definitions.relationships()) {
            relationship(relationships.putObject(relationship.name()), relationship);
        }
        return node;
    }

    private static void field(ObjectNode node, FieldDefinition field) {
        Text text = FIELDS.getOrDefault(field.name(), new Text(words(field.name()), null));
        node.put("id", field.name());
        node.put("label", text.label());
        node.put("description", text.description());
        node.put("valueType", field.valueType().name());
        node.put("readOnly", false);
        ObjectNode configuration = node.putObject("typeConfiguration");
        if (field.valueType() == ValueType.SINGLE_SELECT) {
            ArrayNode options = configuration.putArray("options");
            for (String option : field.options()) {
                ObjectNode entry = options.addObject();
                entry.put("id", option);
                entry.put("label", optionLabel(option));
                entry.putNull("description");
            }
        }
    }

    private static void relationship(ObjectNode node, RelationshipDefinition relationship) {
        Text text = RELATIONSHIPS.getOrDefault(relationship.name(), new Text(words(relationship.name()), null));
        node.put("id", relationship.name());
        node.put("label", text.label());
        String description = text.description();
        if (description == null && relationship.writability() != Writability.WRITABLE) {
            description = relationship.writability() == Writability.READ_ONLY ? "Read-only." : "Set on create only.";
        }
        node.put("description", description);
        node.put("cardinality", relationship.cardinality().name());
        node.put("objectType", relationship.objectType());
    }

    /** A status option's label; an option that is no status (a caller's own definitions) is its own label. */
    private static String optionLabel(String option) {
        for (TaskStatus status : TaskStatus.values()) {
            if (status.name().equals(option)) {
                return STATUS_LABELS.get(status);
            }
        }
        return option;
    }

    /** {@code work_order} → {@code Work order}: a label for a name the library has none for. */
    private static String words(String name) {
        String plain = name.replace('$', ' ').replace('_', ' ').trim();
        if (plain.isEmpty()) {
            return name;
        }
        return plain.substring(0, 1).toUpperCase(Locale.ROOT) + plain.substring(1);
    }
}
