package dev.tasks.json.stora;

import dev.tasks.core.Text;
import dev.tasks.core.SystemRelationship;
import dev.tasks.core.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Translates a violation of the domain, whose pointer is into the library's request
 * ({@code /dueAt}, {@code /relationships/$assignedTo/0}), into a detail whose place is in Stora's request
 * ({@code /due_at}, {@code /assignee/id}), so that a client sees the member it sent.
 */
final class DomainPointers {

    /** The most characters of a member's dotted name that a message shows. */
    private static final int MAX_NAME_SHOWN = 100;

    /** The Stora request members that carry a system relationship, as {@code {"id": …}}. */
    private static final Map<String, String> RELATIONSHIP_MEMBERS = Map.of(
            SystemRelationship.ASSIGNED_TO.relationshipName(), "assignee",
            SystemRelationship.RESOURCE.relationshipName(), "resource",
            SystemRelationship.SITE.relationshipName(), "site");

    /** The Stora body members named differently from the domain's request. */
    private static final Map<String, String> FIELD_MEMBERS = Map.of(
            "title", "title",
            "description", "description",
            "status", "status",
            "dueAt", "due_at");

    static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    private DomainPointers() {
    }

    /**
     * The Stora detail of a violation.
     *
     * @param violation a violation from the service
     * @return the detail: in the body, a URL parameter or a header; or, with no Stora counterpart, a detail
     *     whose message names the domain's pointer
     */
    static StoraErrorDetail detail(Violation violation) {
        List<String> tokens = tokens(violation.pointer());
        String message = violation.message();
        if (tokens.isEmpty()) {
            return StoraErrorDetail.inBody(message, "");
        }
        String first = tokens.get(0);
        String field = FIELD_MEMBERS.get(first);
        if (field != null && tokens.size() == 1) {
            return body(message, List.of(field));
        }
        if (first.equals("metadata")) {
            return body(message, tokens);
        }
        if (first.equals("relationships") && tokens.size() >= 2 && RELATIONSHIP_MEMBERS.containsKey(tokens.get(1))) {
            String member = RELATIONSHIP_MEMBERS.get(tokens.get(1));
            // Whatever part of the relationship's change is at fault (its list, replace/0, add/0), the client
            // sent one id: {"assignee": {"id": …}}.
            return body(message, tokens.size() == 2 ? List.of(member) : List.of(member, "id"));
        }
        if (tokens.size() == 1) {
            switch (first) {
                case "idempotencyKey":
                    return StoraErrorDetail.inHeader(IDEMPOTENCY_KEY_HEADER + " header: " + message, IDEMPOTENCY_KEY_HEADER);
                case "limit":
                    return StoraErrorDetail.inParameter("limit: " + message, "limit");
                case "offset":
                    // A page is an offset of (page - 1) * limit: a bad offset comes from the page asked for.
                    return StoraErrorDetail.inParameter("page: its offset " + message, "page");
                case "id":
                    return StoraErrorDetail.inParameter("id: " + message, "id");
                default:
                    break;
            }
        }
        // Nothing a Stora request sends (an external id, a relationship Stora does not have, a filter).
        return StoraErrorDetail.general(Text.quoted(violation.pointer(), MAX_NAME_SHOWN) + ": " + message);
    }

    private static StoraErrorDetail body(String message, List<String> tokens) {
        // The tokens hold the caller's names (a metadata key): quoted in the message, kept whole in the pointer.
        return StoraErrorDetail.inBody(Text.quoted(String.join(".", tokens), MAX_NAME_SHOWN) + ": " + message,
                Violation.pointerOf(tokens.toArray()));
    }

    /** The unescaped reference tokens of a JSON Pointer (RFC 6901); empty for the whole document. */
    static List<String> tokens(String pointer) {
        List<String> tokens = new ArrayList<>();
        if (pointer.isEmpty()) {
            return tokens;
        }
        String[] parts = pointer.substring(pointer.startsWith("/") ? 1 : 0).split("/", -1);
        for (String part : parts) {
            tokens.add(part.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }
}
