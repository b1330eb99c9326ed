package dev.tasks.json.lightfield;

import dev.tasks.core.Text;
import static dev.tasks.json.lightfield.Members.DESCRIPTION;
import static dev.tasks.json.lightfield.Members.DUE_AT;
import static dev.tasks.json.lightfield.Members.FIELDS;
import static dev.tasks.json.lightfield.Members.RELATIONSHIPS;
import static dev.tasks.json.lightfield.Members.STATUS;
import static dev.tasks.json.lightfield.Members.TITLE;

import dev.tasks.core.RelationshipPatch;
import dev.tasks.core.TaskPatch;
import dev.tasks.json.BodyException;
import dev.tasks.json.BodyObject;
import dev.tasks.json.JsonBody;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the body of {@code POST /v1/tasks/{id}}: only what is sent changes. In {@code fields}, JSON null
 * clears a field; for {@code $title} and {@code $status}, which cannot be cleared, it is passed on as a
 * clear so that the service refuses it (422 {@code required}), as the OpenAPI document types both as
 * nullable. In {@code relationships}, each name takes {@code {add, remove, replace}}, each one id or an
 * array of ids; {@code replace: null} clears. Problems are reported as {@link CreateReader} does: the
 * first one in body order.
 */
final class UpdateReader {

    private final Set<String> relationshipNames;

    UpdateReader(Set<String> relationshipNames) {
        this.relationshipNames = relationshipNames;
    }

    TaskPatch read(byte[] body) {
        BodyObject root = BodyObject.root(JsonBody.parse(body));
        TaskPatch.Builder patch = TaskPatch.builder();
        for (String name : root.names()) {
            switch (name) {
                case FIELDS -> fields(root.object(FIELDS).orElseThrow(), patch);
                case RELATIONSHIPS -> relationships(root.object(RELATIONSHIPS).orElseThrow(), patch);
                default -> throw Members.unknownTopLevel(root, name);
            }
        }
        return patch.build();
    }

    private static void fields(BodyObject fields, TaskPatch.Builder patch) {
        for (String name : fields.names()) {
            switch (name) {
                case TITLE -> patch.title(fields.nullableString(TITLE));
                case STATUS -> patch.status(Members.status(fields));
                case DESCRIPTION -> patch.description(fields.nullableString(DESCRIPTION));
                case DUE_AT -> patch.dueAt(Members.dueAt(fields));
                default -> throw Members.unknownField(fields, name);
            }
        }
    }

    private void relationships(BodyObject relationships, TaskPatch.Builder patch) {
        for (String name : relationships.names()) {
            if (!relationshipNames.contains(name)) {
                throw Members.unknownRelationship(relationships, name);
            }
            patch.relationship(name, operation(relationships.object(name).orElseThrow(), name));
        }
    }

    private static RelationshipPatch operation(BodyObject operation, String relationship) {
        List<String> add = List.of();
        List<String> remove = List.of();
        Optional<List<String>> replace = Optional.empty();
        for (String name : operation.names()) {
            switch (name) {
                case "add" -> add = operation.stringOrStrings(name).orElseThrow();
                case "remove" -> remove = operation.stringOrStrings(name).orElseThrow();
                case "replace" -> replace = Optional.of(replacement(operation));
                default -> throw new BodyException(BodyException.Problem.UNKNOWN_MEMBER, operation.pointerOf(name),
                        "unknown operation '" + Text.quoted(name) + "' on '" + Text.quoted(relationship) + "': use add, remove or replace");
            }
        }
        if (operation.names().isEmpty()) {
            // An empty operation is most likely a client's mistake (a misspelt key would have been
            // refused above); the OpenAPI document asks for one of the three.
            throw new BodyException(BodyException.Problem.MISSING, operation.pointer(),
                    "'" + Text.quoted(relationship) + "' needs at least one of add, remove or replace");
        }
        return new RelationshipPatch(add, remove, replace);
    }

    /** {@code replace}: null clears the relationship, as an empty list does. */
    private static List<String> replacement(BodyObject operation) {
        if (operation.raw("replace").orElseThrow().isNull()) {
            return List.of();
        }
        return operation.stringOrStrings("replace").orElseThrow();
    }
}
