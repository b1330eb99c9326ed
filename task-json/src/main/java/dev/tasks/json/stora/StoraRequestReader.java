package dev.tasks.json.stora;

import dev.tasks.core.Text;
import dev.tasks.core.FieldPatch;
import dev.tasks.core.NewTask;
import dev.tasks.core.RelationshipPatch;
import dev.tasks.core.SystemRelationship;
import dev.tasks.core.TaskPatch;
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
 * Reads Stora's create and update bodies into the library's requests. Only the shape is checked here
 * (JSON types, known members, spellings); the rules (lengths, formats, characters) are the service's, and
 * their violations are translated back to these members by {@link DomainPointers}.
 */
final class StoraRequestReader {

    /** The members a create or an update may send. */
    private static final Set<String> MEMBERS = Set.of(
            "title", "description", "status", "due_at", "assignee", "resource", "site", "metadata");

    /** Members of a task that a client may echo back but never set. */
    private static final Set<String> READ_ONLY = Set.of("id", "creator", "completed_at", "created_at", "updated_at");

    /** The request members that hold a system relationship as {@code {"id": …}}, in reading order. */
    private static final Map<String, SystemRelationship> RELATIONSHIPS = relationships();

    private StoraRequestReader() {
    }

    private static Map<String, SystemRelationship> relationships() {
        Map<String, SystemRelationship> members = new LinkedHashMap<>();
        members.put("assignee", SystemRelationship.ASSIGNED_TO);
        members.put("resource", SystemRelationship.RESOURCE);
        members.put("site", SystemRelationship.SITE);
        return members;
    }

    static NewTask create(byte[] bytes) {
        BodyObject body = root(bytes);
        NewTask.Builder task = NewTask.builder(body.requiredString("title"));
        // On create, null is the same as absent: there is nothing to clear yet.
        if (body.nullableString("description") instanceof FieldPatch.SetTo<String> description) {
            task.description(description.value());
        }
        if (body.nullableString("status") instanceof FieldPatch.SetTo<String> status) {
            task.status(status(body, status.value()));
        }
        if (body.nullableInstant("due_at") instanceof FieldPatch.SetTo<Instant> dueAt) {
            task.dueAt(dueAt.value());
        }
        RELATIONSHIPS.forEach((member, relationship) -> {
            if (body.nullableObject(member) instanceof FieldPatch.SetTo<BodyObject> entity) {
                task.relationship(relationship, entityId(entity.value()));
            }
        });
        if (body.nullableObject("metadata") instanceof FieldPatch.SetTo<BodyObject> metadata) {
            Map<String, String> values = metadata.value().nullableStrings();
            values.forEach((key, value) -> {
                if (value == null) {
                    throw new BodyException(BodyException.Problem.WRONG_TYPE, metadata.value().pointerOf(key),
                            "'" + Text.quoted(key) + "' must be a string, not null (null removes a key only in an update)");
                }
            });
            task.metadata(values);
        }
        return task.build();
    }

    static TaskPatch update(byte[] bytes) {
        BodyObject body = root(bytes);
        TaskPatch.Builder patch = TaskPatch.builder();
        if (body.has("title")) {
            refuseNull(body, "title", "a title cannot be removed");
            patch.title(body.requiredString("title"));
        }
        patch.description(body.nullableString("description"));
        if (body.has("status")) {
            refuseNull(body, "status", "a task always has a status");
            patch.status(status(body, body.requiredString("status")));
        }
        patch.dueAt(body.nullableInstant("due_at"));
        RELATIONSHIPS.forEach((member, relationship) -> {
            FieldPatch<BodyObject> entity = body.nullableObject(member);
            if (entity instanceof FieldPatch.SetTo<BodyObject> set) {
                patch.relationship(relationship, RelationshipPatch.replace(List.of(entityId(set.value()))));
            } else if (entity instanceof FieldPatch.Cleared<BodyObject>) {
                patch.relationship(relationship, RelationshipPatch.clear());
            }
        });
        if (body.has("metadata")) {
            refuseNull(body, "metadata", "send {} to remove every key, or a key set to null to remove it");
            Map<String, String> values = body.object("metadata").orElseThrow().nullableStrings();
            if (values.isEmpty()) {
                patch.clearMetadata();
            } else {
                patch.metadata(values);
            }
        }
        return patch.build();
    }

    private static BodyObject root(byte[] bytes) {
        BodyObject body = BodyObject.root(JsonBody.parse(bytes));
        for (String name : body.names()) {
            if (READ_ONLY.contains(name)) {
                throw new BodyException(BodyException.Problem.UNKNOWN_MEMBER, body.pointerOf(name),
                        "'" + Text.quoted(name) + "' is read-only and cannot be sent");
            }
            if (!MEMBERS.contains(name)) {
                body.onlyMembers(MEMBERS);
            }
        }
        return body;
    }

    private static TaskStatus status(BodyObject body, String name) {
        return StatusNames.status(name).orElseThrow(() -> new BodyException(BodyException.Problem.INVALID_VALUE,
                body.pointerOf("status"), "'status' must be one of " + String.join(", ", StatusNames.ALL)));
    }

    private static String entityId(BodyObject entity) {
        entity.onlyMembers(Set.of("id"));
        return entity.requiredString("id");
    }

    private static void refuseNull(BodyObject body, String name, String why) {
        if (body.raw(name).orElseThrow().isNull()) {
            String expected = name.equals("metadata") ? "an object" : "a string";
            throw new BodyException(BodyException.Problem.WRONG_TYPE, body.pointerOf(name),
                    "'" + Text.quoted(name) + "' must be " + expected + ", not null: " + why);
        }
    }
}
