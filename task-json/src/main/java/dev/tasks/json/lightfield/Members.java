package dev.tasks.json.lightfield;

import dev.tasks.core.Text;
import dev.tasks.core.FieldPatch;
import dev.tasks.core.TaskStatus;
import dev.tasks.json.BodyException;
import dev.tasks.json.BodyObject;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What both readers need beyond {@link BodyObject}: the Lightfield field names, and the problems they
 * report with Lightfield's wording.
 */
final class Members {

    static final String FIELDS = "fields";
    static final String RELATIONSHIPS = "relationships";

    static final String TITLE = "$title";
    static final String STATUS = "$status";
    static final String DESCRIPTION = "$description";
    static final String DUE_AT = "$dueAt";

    /** Every field a task has, in the order the OpenAPI document lists them. */
    static final List<String> FIELD_NAMES = List.of(TITLE, STATUS, DESCRIPTION, DUE_AT);

    static final Set<String> OPERATIONS = Set.of("add", "remove", "replace");

    private Members() {
    }

    static BodyException unknownTopLevel(BodyObject root, String name) {
        return new BodyException(BodyException.Problem.UNKNOWN_MEMBER, root.pointerOf(name),
                "unknown parameter '" + Text.quoted(name) + "': a task request has only 'fields' and 'relationships'");
    }

    static BodyException unknownField(BodyObject fields, String name) {
        return new BodyException(BodyException.Problem.UNKNOWN_MEMBER, fields.pointerOf(name),
                "tasks have no field '" + Text.quoted(name) + "'; the fields are " + String.join(", ", FIELD_NAMES));
    }

    static BodyException unknownRelationship(BodyObject relationships, String name) {
        return new BodyException(BodyException.Problem.UNKNOWN_MEMBER, relationships.pointerOf(name),
                "no relationship is named '" + Text.quoted(name) + "'; GET /v1/tasks/definitions lists them");
    }

    static BodyException missing(BodyObject parent, String name) {
        return new BodyException(BodyException.Problem.MISSING, parent.pointerOf(name), "'" + Text.quoted(name) + "' is required");
    }

    /** A member that must be a string when present: JSON null is of the wrong type, not a way to clear it. */
    static String nonNullString(BodyObject parent, String name) {
        FieldPatch<String> value = parent.nullableString(name);
        if (value instanceof FieldPatch.SetTo<String> set) {
            return set.value();
        }
        throw new BodyException(BodyException.Problem.WRONG_TYPE, parent.pointerOf(name),
                "'" + Text.quoted(name) + "' must be a string, not null");
    }

    /** {@code $status}: absent, cleared (null, which the service refuses) or a status. */
    static FieldPatch<TaskStatus> status(BodyObject fields) {
        FieldPatch<String> text = fields.nullableString(STATUS);
        if (text instanceof FieldPatch.SetTo<String> set) {
            return FieldPatch.set(Statuses.read(set.value(), STATUS, fields.pointerOf(STATUS)));
        }
        return text instanceof FieldPatch.Cleared ? FieldPatch.cleared() : FieldPatch.absent();
    }

    /** On create, where null and absent both mean "none": the value set, or null. */
    static <T> T valueOrNull(FieldPatch<T> patch) {
        return patch instanceof FieldPatch.SetTo<T> set ? set.value() : null;
    }

    /** {@code $dueAt}: absent, cleared or an ISO 8601 date-time with an offset. */
    static FieldPatch<Instant> dueAt(BodyObject fields) {
        return fields.nullableInstant(DUE_AT);
    }
}
