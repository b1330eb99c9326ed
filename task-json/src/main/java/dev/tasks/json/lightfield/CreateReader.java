package dev.tasks.json.lightfield;

import static dev.tasks.json.lightfield.Members.DESCRIPTION;
import static dev.tasks.json.lightfield.Members.DUE_AT;
import static dev.tasks.json.lightfield.Members.FIELDS;
import static dev.tasks.json.lightfield.Members.RELATIONSHIPS;
import static dev.tasks.json.lightfield.Members.STATUS;
import static dev.tasks.json.lightfield.Members.TITLE;

import dev.tasks.core.FieldPatch;
import dev.tasks.core.NewTask;
import dev.tasks.core.SystemRelationship;
import dev.tasks.core.TaskStatus;
import dev.tasks.json.BodyException;
import dev.tasks.json.BodyObject;
import dev.tasks.json.JsonBody;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the body of {@code POST /v1/tasks}. The body is walked depth first in the order it came, and
 * the first problem met is reported; a missing member is met when the object that should hold it ends.
 * So {@code {"fields": {"$status": "$status", "$title": "t"}, "relationships": {"foo": "x"}}} is
 * refused for {@code fields.$status} (no status), before the unknown relationship {@code foo} and the
 * missing {@code $assignedTo}.
 */
final class CreateReader {

    private static final String ASSIGNED_TO = SystemRelationship.ASSIGNED_TO.relationshipName();

    private final Set<String> relationshipNames;

    CreateReader(Set<String> relationshipNames) {
        this.relationshipNames = relationshipNames;
    }

    NewTask read(byte[] body) {
        BodyObject root = BodyObject.root(JsonBody.parse(body));
        Fields fields = null;
        Map<String, List<String>> relationships = null;
        for (String name : root.names()) {
            switch (name) {
                case FIELDS -> fields = fields(root.object(FIELDS).orElseThrow());
                case RELATIONSHIPS -> relationships = relationships(root.object(RELATIONSHIPS).orElseThrow());
                default -> throw Members.unknownTopLevel(root, name);
            }
        }
        if (fields == null) {
            throw Members.missing(root, FIELDS);
        }
        if (relationships == null) {
            throw Members.missing(root, RELATIONSHIPS);
        }
        NewTask.Builder builder = NewTask.builder(fields.title)
                .status(fields.status)
                .description(fields.description)
                .dueAt(fields.dueAt);
        relationships.forEach(builder::relationship);
        return builder.build();
    }

    private static Fields fields(BodyObject object) {
        Fields fields = new Fields();
        for (String name : object.names()) {
            switch (name) {
                case TITLE -> fields.title = Members.nonNullString(object, TITLE);
                case STATUS -> fields.status = statusOf(object);
                case DESCRIPTION -> fields.description = Members.valueOrNull(object.nullableString(DESCRIPTION));
                case DUE_AT -> fields.dueAt = Members.valueOrNull(Members.dueAt(object));
                default -> throw Members.unknownField(object, name);
            }
        }
        if (fields.title == null) {
            throw Members.missing(object, TITLE);
        }
        if (fields.status == null) {
            throw Members.missing(object, STATUS);
        }
        return fields;
    }

    private static TaskStatus statusOf(BodyObject fields) {
        FieldPatch<TaskStatus> status = Members.status(fields);
        if (status instanceof FieldPatch.SetTo<TaskStatus> set) {
            return set.value();
        }
        // On create a status cannot be left out, so null is not "no status" but a value of the wrong type.
        throw new BodyException(BodyException.Problem.WRONG_TYPE, fields.pointerOf(STATUS),
                "'" + STATUS + "' must be a string, not null");
    }

    private Map<String, List<String>> relationships(BodyObject object) {
        Map<String, List<String>> relationships = new LinkedHashMap<>();
        for (String name : object.names()) {
            if (!relationshipNames.contains(name)) {
                throw Members.unknownRelationship(object, name);
            }
            relationships.put(name, object.stringOrStrings(name).orElseThrow());
        }
        List<String> assignee = relationships.get(ASSIGNED_TO);
        if (assignee == null || assignee.isEmpty()) {
            // Lightfield requires an assignee on create, although the library does not: an empty list
            // names nobody, so it is as missing as an absent member.
            throw new BodyException(BodyException.Problem.MISSING, object.pointerOf(ASSIGNED_TO),
                    "'" + ASSIGNED_TO + "' is required: the id of the member the task is assigned to");
        }
        return relationships;
    }

    /** The fields read so far; null until met. */
    private static final class Fields {
        private String title;
        private TaskStatus status;
        private String description;
        private Instant dueAt;
    }
}
