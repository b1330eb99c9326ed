package dev.tasks.json.lightfield;

import dev.tasks.core.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns JSON Pointers into Lightfield's {@code param}: the dotted name of the request member at fault,
 * e.g. {@code fields.$title}, {@code relationships.$account}, {@code relationships.$account.add}.
 *
 * <p>Array indexes are left out: a param names a parameter, and the message says which element. Two
 * kinds of pointer come in, read differently: pointers into the Lightfield body (made while reading it,
 * so {@code /title} there is an unknown top-level member) and pointers into the domain request
 * ({@code NewTask}, {@code TaskPatch}: {@code /title} is the task's title).
 */
final class Params {

    /** The header that carries the idempotency key; the domain's {@code /idempotencyKey}. */
    static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    private static final Set<String> OPERATIONS = Set.of("add", "remove", "replace");

    /** The domain's names of the four fields; on the wire each is {@code $} + the name. */
    private static final Set<String> DOMAIN_FIELDS = Set.of("title", "status", "description", "dueAt");

    private Params() {
    }

    /** The longest param shown as it is; every param the library itself names is far shorter. */
    private static final int MAX_PARAM = 128;

    /**
     * A param as an error may carry it: null when blank (a member named {@code ""} or {@code " "}), and a
     * param built from an unreasonably long or control-character-laden member name shown the way a
     * message quotes caller text ({@link Text#quoted}).
     *
     * @param param a param, or null
     * @return the param to send, or null for none
     */
    static String shown(String param) {
        if (param == null || Text.isBlank(param)) {
            return null;
        }
        return Text.length(param) <= MAX_PARAM && !Text.hasControlCharacter(param) && Text.isWellFormed(param)
                ? param : Text.quoted(param);
    }

    /**
     * The param of a pointer into a Lightfield request body.
     *
     * @param pointer e.g. {@code /fields/$title} or {@code /relationships/$account/add/0}
     * @return e.g. {@code fields.$title}, {@code relationships.$account.add}; null for the whole body
     */
    static String ofBody(String pointer) {
        List<String> tokens = tokens(pointer);
        if (tokens.isEmpty()) {
            return null;
        }
        return switch (tokens.get(0)) {
            case "fields" -> tokens.size() == 1 ? "fields" : "fields." + tokens.get(1);
            case "relationships" -> relationship(tokens);
            default -> tokens.get(0); // the only other members a body can hold are unknown top-level ones
        };
    }

    /**
     * The param of an unknown member of a Lightfield request body: every token, dotted, as each is a
     * member name.
     *
     * @param pointer e.g. {@code /relationships/$account/set}
     * @return e.g. {@code relationships.$account.set}; null for the whole body
     */
    static String ofUnknownMember(String pointer) {
        List<String> tokens = tokens(pointer);
        return tokens.isEmpty() ? null : String.join(".", tokens);
    }

    /**
     * The param of a pointer into a domain request (a {@code NewTask}, a {@code TaskPatch}, the options
     * of a write), as the service reports it in a violation.
     *
     * @param pointer e.g. {@code /title}, {@code /relationships/$account/0}, {@code /idempotencyKey}
     * @return e.g. {@code fields.$title}, {@code relationships.$account}, {@code Idempotency-Key}; null
     *     for the whole request
     */
    static String ofDomain(String pointer) {
        List<String> tokens = tokens(pointer);
        if (tokens.isEmpty()) {
            return null;
        }
        String first = tokens.get(0);
        if (DOMAIN_FIELDS.contains(first)) {
            return "fields.$" + first;
        }
        if (first.equals("relationships")) {
            return relationship(tokens);
        }
        if (first.equals("idempotencyKey")) {
            return IDEMPOTENCY_KEY_HEADER;
        }
        // Members Lightfield's body does not have (metadata, externalId) and list parameters (offset,
        // limit): named by their own path, dotted.
        return String.join(".", tokens);
    }

    /** {@code relationships.<name>}, plus the operation when the pointer goes into one. */
    private static String relationship(List<String> tokens) {
        if (tokens.size() == 1) {
            return "relationships";
        }
        String param = "relationships." + tokens.get(1);
        if (tokens.size() > 2 && OPERATIONS.contains(tokens.get(2))) {
            param += "." + tokens.get(2);
        }
        return param;
    }

    /** The pointer's reference tokens, unescaped (RFC 6901: {@code ~1} is {@code /}, {@code ~0} is {@code ~}). */
    static List<String> tokens(String pointer) {
        List<String> tokens = new ArrayList<>();
        if (pointer == null || pointer.isEmpty()) {
            return tokens;
        }
        for (String raw : pointer.substring(1).split("/", -1)) {
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }
}
