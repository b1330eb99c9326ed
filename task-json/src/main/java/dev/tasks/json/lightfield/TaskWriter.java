package dev.tasks.json.lightfield;

import static dev.tasks.json.lightfield.Members.DESCRIPTION;
import static dev.tasks.json.lightfield.Members.DUE_AT;
import static dev.tasks.json.lightfield.Members.STATUS;
import static dev.tasks.json.lightfield.Members.TITLE;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasks.core.FieldDefinition;
import dev.tasks.core.RelationshipDefinition;
import dev.tasks.core.Task;
import dev.tasks.core.TaskDefinitions;
import dev.tasks.core.ValueType;
import dev.tasks.json.JsonBody;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a task as Lightfield's task object: {@code id}, {@code createdAt}, {@code updatedAt},
 * {@code httpLink}, {@code externalId}, every field with its value type, and every defined
 * relationship with its cardinality, object type and ids (an empty list when it holds none), so that a
 * client sees the same shape for every task. What Lightfield's task has no member for (version,
 * metadata, {@code completedAt}, {@code trashedAt}) is not written: the document's task schemas allow
 * no other member.
 */
final class TaskWriter {

    private final Map<String, ValueType> valueTypes;
    private final List<RelationshipDefinition> relationships;
    private final String httpLinkBase;

    TaskWriter(TaskDefinitions definitions, String httpLinkBase) {
        Map<String, ValueType> types = new LinkedHashMap<>();
        for (FieldDefinition field : definitions.fields()) {
            types.put(field.name(), field.valueType());
        }
        for (String name : Members.FIELD_NAMES) {
            if (!types.containsKey(name)) {
                throw new IllegalArgumentException("the definitions have no field " + name
                        + "; use the service's definitions() (TaskDefinitions.of)");
            }
        }
        this.valueTypes = Map.copyOf(types);
        this.relationships = definitions.relationships();
        this.httpLinkBase = httpLinkBase;
    }

    ObjectNode task(Task task) {
        ObjectNode node = JsonBody.mapper().createObjectNode();
        node.put("id", task.id().value());
        node.put("createdAt", JsonBody.instant(task.createdAt()));
        node.put("updatedAt", JsonBody.instant(task.updatedAt()));
        if (httpLinkBase == null) {
            node.putNull("httpLink");
        } else {
            node.put("httpLink", httpLinkBase + "/" + task.id().value());
        }
        node.put("externalId", task.externalId().orElse(null));
        ObjectNode fields = node.putObject("fields");
        field(fields, TITLE, task.title());
        field(fields, STATUS, Statuses.write(task.status()));
        field(fields, DESCRIPTION, task.description().orElse(null));
        field(fields, DUE_AT, task.dueAt().map(JsonBody::instant).orElse(null));
        ObjectNode related = node.putObject("relationships");
        for (RelationshipDefinition definition : relationships) {
            ObjectNode relationship = related.putObject(definition.name());
            relationship.put("cardinality", definition.cardinality().name());
            relationship.put("objectType", definition.objectType());
            ArrayNode values = relationship.putArray("values");
            task.relationship(definition.name()).forEach(values::add);
        }
        return node;
    }

    private void field(ObjectNode fields, String name, String value) {
        ObjectNode field = fields.putObject(name);
        field.put("value", value);
        field.put("valueType", valueTypes.get(name).name());
    }
}
