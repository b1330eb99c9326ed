package dev.tasks.json;

import dev.tasks.core.Text;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasks.core.FieldPatch;
import dev.tasks.core.validation.Violation;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A JSON object of a request body, read member by member with the JSON Pointer of each at hand, so that
 * every problem is reported as a {@link BodyException} naming its exact place.
 *
 * <p>Example: reading {@code {"title": "Call", "metadata": {"k": null}}}
 * <pre>{@code
 * BodyObject body = BodyObject.root(JsonBody.parse(bytes));
 * body.onlyMembers(Set.of("title", "metadata"));
 * String title = body.requiredString("title");             // "Call"
 * FieldPatch<String> due = body.nullableString("due_at");  // absent
 * Optional<BodyObject> metadata = body.object("metadata"); // pointer "/metadata"
 * }</pre>
 */
public final class BodyObject {

    private final ObjectNode node;
    private final String pointer;

    private BodyObject(ObjectNode node, String pointer) {
        this.node = node;
        this.pointer = pointer;
    }

    /**
     * The body's top-level object.
     *
     * @param body a parsed body
     * @return it, as an object
     * @throws BodyException ({@code WRONG_TYPE}, pointer {@code ""}) if the body is not a JSON object
     */
    public static BodyObject root(JsonNode body) {
        Objects.requireNonNull(body, "body");
        if (!body.isObject()) {
            throw new BodyException(BodyException.Problem.WRONG_TYPE, "", "the request body must be a JSON object, not "
                    + typeName(body));
        }
        return new BodyObject((ObjectNode) body, "");
    }

    /**
     * This object's JSON Pointer.
     *
     * @return e.g. {@code /fields}; {@code ""} for the body
     */
    public String pointer() {
        return pointer;
    }

    /**
     * The pointer of one of this object's members.
     *
     * @param name a member name
     * @return e.g. {@code /metadata/region}
     */
    public String pointerOf(String name) {
        return pointer + Violation.pointerOf(name);
    }

    /**
     * The member names, in the order they came.
     *
     * @return the names; unmodifiable
     */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return Collections.unmodifiableList(names);
    }

    /**
     * Tells whether a member is present (null included).
     *
     * @param name a member name
     * @return true if present
     */
    public boolean has(String name) {
        return node.has(name);
    }

    /**
     * Refuses members that the format does not know; the first unknown one, in body order, is reported.
     *
     * @param known the member names allowed here
     * @throws BodyException ({@code UNKNOWN_MEMBER}) naming the first unknown member
     */
    public void onlyMembers(Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw new BodyException(BodyException.Problem.UNKNOWN_MEMBER, pointerOf(name), "unknown member '" + Text.quoted(name) + "'");
            }
        }
    }

    /**
     * A member that must be a string.
     *
     * @param name the member's name
     * @return its value
     * @throws BodyException {@code MISSING} if absent or null, {@code WRONG_TYPE} if not a string
     */
    public String requiredString(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new BodyException(BodyException.Problem.MISSING, pointerOf(name), "'" + Text.quoted(name) + "' is required");
        }
        return string(name, value);
    }

    /**
     * A member that may be absent, null or a string: the three states of a patch.
     *
     * @param name the member's name
     * @return absent, cleared (JSON null) or set
     * @throws BodyException {@code WRONG_TYPE} if present and neither null nor a string
     */
    public FieldPatch<String> nullableString(String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            return FieldPatch.absent();
        }
        if (value.isNull()) {
            return FieldPatch.cleared();
        }
        return FieldPatch.set(string(name, value));
    }

    /**
     * A member that may be absent, null or an ISO 8601 date-time with an offset ({@code Z} or
     * {@code +02:00}); the domain truncates it to the millisecond.
     *
     * @param name the member's name
     * @return absent, cleared or set
     * @throws BodyException {@code WRONG_TYPE} if not a string, {@code INVALID_VALUE} if not a date-time
     */
    public FieldPatch<Instant> nullableInstant(String name) {
        FieldPatch<String> text = nullableString(name);
        if (text instanceof FieldPatch.SetTo<String> set) {
            return FieldPatch.set(instant(name, set.value()));
        }
        return text instanceof FieldPatch.Cleared ? FieldPatch.cleared() : FieldPatch.absent();
    }

    /**
     * A member that must be an object, if present.
     *
     * @param name the member's name
     * @return the object, empty if absent
     * @throws BodyException {@code WRONG_TYPE} if present and not an object (null included)
     */
    public Optional<BodyObject> object(String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw wrongType(name, value, "an object");
        }
        return Optional.of(new BodyObject((ObjectNode) value, pointerOf(name)));
    }

    /**
     * A member that may be absent, null or an object.
     *
     * @param name the member's name
     * @return absent, cleared or the object
     * @throws BodyException {@code WRONG_TYPE} if present and neither null nor an object
     */
    public FieldPatch<BodyObject> nullableObject(String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            return FieldPatch.absent();
        }
        if (value.isNull()) {
            return FieldPatch.cleared();
        }
        return FieldPatch.set(object(name).orElseThrow());
    }

    /**
     * A member that is one string or an array of strings (Lightfield's relationship values), in order.
     *
     * @param name the member's name
     * @return the strings, empty if absent
     * @throws BodyException {@code WRONG_TYPE} naming the member, or the array element, of another type
     */
    public Optional<List<String>> stringOrStrings(String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(stringOrStrings(name, value));
    }

    /**
     * Every member as a string or null, in body order (Stora's metadata: null removes a key).
     *
     * @return member name to value, null values kept; unmodifiable
     * @throws BodyException {@code WRONG_TYPE} naming the first member that is neither a string nor null
     */
    public Map<String, String> nullableStrings() {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            JsonNode value = member.getValue();
            values.put(member.getKey(), value.isNull() ? null : string(member.getKey(), value));
        }
        return Collections.unmodifiableMap(values);
    }

    /**
     * The raw value of a member, for what this class does not read.
     *
     * @param name the member's name
     * @return the value, empty if absent
     */
    public Optional<JsonNode> raw(String name) {
        return Optional.ofNullable(node.get(name));
    }

    List<String> stringOrStrings(String name, JsonNode value) {
        if (value.isTextual()) {
            return List.of(value.textValue());
        }
        if (!value.isArray()) {
            throw wrongType(name, value, "a string or an array of strings");
        }
        List<String> strings = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            if (!element.isTextual()) {
                throw new BodyException(BodyException.Problem.WRONG_TYPE, pointerOf(name) + "/" + i,
                        "'" + Text.quoted(name) + "[" + i + "]' must be a string, not " + typeName(element));
            }
            strings.add(element.textValue());
        }
        return Collections.unmodifiableList(strings);
    }

    private String string(String name, JsonNode value) {
        if (!value.isTextual()) {
            throw wrongType(name, value, "a string");
        }
        return value.textValue();
    }

    private Instant instant(String name, String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            throw new BodyException(BodyException.Problem.INVALID_VALUE, pointerOf(name),
                    "'" + Text.quoted(name) + "' must be an ISO 8601 date-time with an offset, e.g. 2025-02-27T14:41:00Z");
        }
    }

    private BodyException wrongType(String name, JsonNode value, String expected) {
        return new BodyException(BodyException.Problem.WRONG_TYPE, pointerOf(name),
                "'" + Text.quoted(name) + "' must be " + expected + ", not " + typeName(value));
    }

    /** The JSON type of a value as a client would name it. */
    static String typeName(JsonNode value) {
        JsonNodeType type = value.getNodeType();
        return switch (type) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case NULL -> "null";
            default -> "a " + type.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
