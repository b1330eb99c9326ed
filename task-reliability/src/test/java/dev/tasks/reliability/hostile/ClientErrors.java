package dev.tasks.reliability.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tasks.api.ErrorCode;
import dev.tasks.api.TaskException;
import dev.tasks.core.validation.Violation;
import dev.tasks.core.validation.ViolationCode;
import dev.tasks.json.BodyException;
import dev.tasks.json.lightfield.LightfieldError;
import dev.tasks.json.lightfield.LightfieldException;
import dev.tasks.json.stora.StoraError;
import dev.tasks.json.stora.StoraErrorDetail;
import dev.tasks.json.stora.StoraParameterException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Item 5 of the reliability issue: an error a server can return unchanged. Every exception the hostile
 * and isolation properties meet goes through {@link #check(TaskException, Collection, Collection)} (or
 * its siblings for the wire formats' own exceptions), which asserts:
 * <ul>
 *   <li>a stable code and the HTTP status the README's table gives it;</li>
 *   <li>a message fit for an API client: not blank, on one line, at most {@value #MAX_OWN_WORDS}
 *       characters of the library's own words;</li>
 *   <li>no SQL, table or index name, driver, Java or library class name, stack trace or parser internals
 *       anywhere in the message, the violations or the wire bodies, unless the caller sent that very
 *       text (a title may be {@code '; DROP TABLE tasks; --}, and a message may name what it refuses);</li>
 *   <li>none of another tenant's data (its titles, its task ids) unless the caller sent it;</li>
 *   <li>the same of both wire renderings ({@code StoraError.from}, {@code LightfieldError.from}), whose
 *       JSON is parsed and whose status and code follow the formats' documented tables.</li>
 * </ul>
 */
public final class ClientErrors {

    /** The longest message, not counting the caller's own text that it quotes. */
    public static final int MAX_OWN_WORDS = 1_000;

    /**
     * What must never reach a client, lower case: SQL, the schema's names, drivers, Java, stack traces,
     * the JSON parser's own words.
     */
    static final List<String> LEAKS = List.of(
            "sql", "jdbc", "jdbi", "postgres", "psql", "pg_", "select ", "insert into", "delete from", "update tasks",
            "drop table", " where ", "task_metadata", "task_relationships", "task_idempotency", "tasks_", "schema_version",
            "constraint", "duplicate key", "violates", "syntax error", "no such table", "relation \"", "exception",
            "java.", "javax.", "jakarta.", "org.", "com.", "dev.tasks", "\tat ", "caused by", "hibernate", "hv000",
            "jackson", "[source:", "stack trace", "nullpointer", "classcast", "illegalargument");

    private static final Map<ErrorCode, Integer> STATUS = new EnumMap<>(Map.of(
            ErrorCode.VALIDATION_FAILED, 422, ErrorCode.FORBIDDEN, 403, ErrorCode.NOT_FOUND, 404,
            ErrorCode.VERSION_CONFLICT, 409, ErrorCode.TASK_TRASHED, 409, ErrorCode.EXTERNAL_ID_CONFLICT, 409,
            ErrorCode.IDEMPOTENCY_KEY_REUSED, 422, ErrorCode.STORAGE_FAILURE, 503));

    private static final Map<Integer, String> TYPES = Map.of(400, "bad_request", 403, "forbidden", 404, "not_found",
            409, "conflict", 422, "unprocessable_content", 503, "service_unavailable");

    private static final Pattern SNAKE = Pattern.compile("[a-z][a-z0-9_]*");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST_ID = "req_hostile";

    private ClientErrors() {
    }

    /**
     * Checks a service exception and its Stora and Lightfield renderings.
     *
     * @param e the exception
     * @param caller every string the caller sent in the request that failed
     * @param secrets another tenant's titles and ids, which must not appear unless the caller sent them
     */
    public static void check(TaskException e, Collection<String> caller, Collection<String> secrets) {
        Texts texts = new Texts(caller, secrets);
        ErrorCode code = e.code();
        assertThat(code).as("a stable code").isNotNull();
        assertThat(code.code()).as("the code's spelling").matches(SNAKE);
        assertThat(e.httpStatus()).as("HTTP status of %s", code).isEqualTo(STATUS.get(code));
        texts.fit("message", e.getMessage());
        if (code == ErrorCode.VALIDATION_FAILED) {
            assertThat(e.violations()).as("a validation failure names its violations").isNotEmpty();
            for (Violation v : e.violations()) {
                assertThat(v.code()).as("violation code").isNotNull();
                assertThat(v.pointer()).as("a violation's pointer is an RFC 6901 JSON Pointer").matches(ClientErrors::isPointer);
                texts.clean("violation pointer", v.pointer());
                texts.fit("violation message", v.message());
            }
        } else {
            assertThat(e.violations()).as("only a validation failure has violations").isEmpty();
        }
        stora(e, texts);
        lightfield(e, texts);
    }

    /**
     * Checks a body that a wire format refused and its renderings in both formats.
     *
     * @param e the reader's exception
     * @param caller the strings in the body
     */
    public static void check(BodyException e, Collection<String> caller) {
        Texts texts = new Texts(caller, List.of());
        assertThat(e.problem()).isNotNull();
        assertThat(e.pointer()).as("the body pointer").matches(ClientErrors::isPointer);
        texts.fit("body message", e.getMessage());
        StoraError stora = StoraError.from(e, REQUEST_ID);
        if (e.problem() == BodyException.Problem.MALFORMED) {
            assertThat(e.pointer()).as("malformed JSON is the whole body").isEmpty();
            assertThat(List.of(stora.httpStatus(), stora.code())).isEqualTo(List.of(400, "invalid_request"));
        } else {
            assertThat(List.of(stora.httpStatus(), stora.code())).isEqualTo(List.of(422, "invalid_content"));
            assertThat(stora.details()).singleElement().satisfies(d -> assertThat(d.pointer()).contains(e.pointer()));
        }
        storaBody(stora, texts);
        // Found by this suite: a blank unknown member name ({"": 1}) used to make from(…) throw (a 500).
        LightfieldError lightfield = LightfieldError.from(e);
        assertThat(lightfield.httpStatus()).as("a body Lightfield refuses is a 400").isEqualTo(400);
        JsonNode error = lightfieldBody(lightfield, texts);
        String expected = switch (e.problem()) {
            case MALFORMED -> "invalid_json";
            case WRONG_TYPE, INVALID_VALUE -> "invalid_type";
            case MISSING -> "parameter_missing";
            case UNKNOWN_MEMBER -> null;
        };
        if (expected == null) {
            assertThat(error.path("code").asText()).isIn("unknown_field", "unknown_relationship", "parameter_unknown");
        } else {
            assertThat(error.path("code").asText()).isEqualTo(expected);
        }
    }

    /**
     * Checks a Stora page parameter refused and its rendering.
     *
     * @param e the exception
     * @param caller the parameter values
     */
    public static void check(StoraParameterException e, Collection<String> caller) {
        Texts texts = new Texts(caller, List.of());
        assertThat(e.parameter()).isIn("page", "limit");
        texts.fit("parameter message", e.getMessage());
        StoraError error = StoraError.from(e, REQUEST_ID);
        assertThat(List.of(error.httpStatus(), error.code())).isEqualTo(List.of(422, "invalid_url_param"));
        assertThat(error.details()).singleElement().satisfies(d -> assertThat(d.parameter()).contains(e.parameter()));
        storaBody(error, texts);
    }

    /**
     * Checks a Lightfield page parameter refused.
     *
     * @param e the exception
     * @param caller the parameter values
     */
    public static void check(LightfieldException e, Collection<String> caller) {
        Texts texts = new Texts(caller, List.of());
        texts.fit("parameter message", e.getMessage());
        assertThat(e.error().httpStatus()).isEqualTo(400);
        JsonNode error = lightfieldBody(e.error(), texts);
        assertThat(error.path("code").asText()).isIn("invalid_type", "out_of_range");
        assertThat(error.path("param").asText()).isIn("offset", "limit");
    }

    // ------------------------------------------------------------------ the wire renderings

    private static void stora(TaskException e, Texts texts) {
        StoraError error = StoraError.from(e, REQUEST_ID);
        String expectedCode;
        int expectedStatus;
        switch (e.code()) {
            case VALIDATION_FAILED -> {
                // docs/wire-formats-stora.md, "Codes": all in URL parameters, all in a header, or content.
                List<String> pointers = e.violations().stream().map(Violation::pointer).toList();
                if (pointers.stream().allMatch(p -> p.equals("/limit") || p.equals("/offset") || p.equals("/id"))) {
                    expectedStatus = 422;
                    expectedCode = "invalid_url_param";
                } else if (pointers.stream().allMatch(p -> p.equals("/idempotencyKey"))) {
                    expectedStatus = 400;
                    expectedCode = "invalid_request";
                } else {
                    expectedStatus = 422;
                    expectedCode = "invalid_content";
                }
                assertThat(error.details()).as("one Stora detail per violation").hasSameSizeAs(e.violations());
            }
            case FORBIDDEN -> {
                expectedStatus = 403;
                expectedCode = "forbidden";
            }
            case NOT_FOUND -> {
                expectedStatus = 404;
                expectedCode = "resource_not_found";
            }
            case VERSION_CONFLICT, TASK_TRASHED, EXTERNAL_ID_CONFLICT -> {
                expectedStatus = 409;
                expectedCode = "conflict";
            }
            case IDEMPOTENCY_KEY_REUSED -> {
                expectedStatus = 422;
                expectedCode = "invalid_content";
            }
            case STORAGE_FAILURE -> {
                expectedStatus = 503;
                expectedCode = "service_unavailable";
            }
            default -> throw new AssertionError("an error code the formats do not know: " + e.code());
        }
        assertThat(List.of(error.httpStatus(), error.code())).as("Stora status and code of %s", e.code())
                .isEqualTo(List.of(expectedStatus, expectedCode));
        storaBody(error, texts);
    }

    private static void storaBody(StoraError error, Texts texts) {
        texts.fit("Stora message", error.message());
        for (StoraErrorDetail d : error.details()) {
            texts.fit("Stora detail message", d.message());
            d.pointer().ifPresent(p -> {
                assertThat(p).as("Stora detail pointer").matches(ClientErrors::isPointer);
                texts.clean("Stora detail pointer", p);
            });
        }
        JsonNode root = parse(error.body());
        JsonNode body = root.path("error");
        assertThat(root.size()).as("Stora body: only 'error'").isEqualTo(1);
        assertThat(body.path("code").asText()).isEqualTo(error.code());
        assertThat(body.path("type").asText()).as("Stora type of %s", error.httpStatus()).isEqualTo(TYPES.get(error.httpStatus()));
        assertThat(body.path("message").asText()).isEqualTo(error.message());
        assertThat(body.path("request_id").asText()).isEqualTo(REQUEST_ID);
        assertThat(body.path("links").isArray() && body.path("links").isEmpty()).as("links: []").isTrue();
        assertThat(body.path("details").size()).isEqualTo(error.details().size());
        texts.cleanJson("Stora body", root);
    }

    private static void lightfield(TaskException e, Texts texts) {
        LightfieldError error = LightfieldError.from(e);
        JsonNode body = lightfieldBody(error, texts);
        String code = body.path("code").asText();
        switch (e.code()) {
            case VALIDATION_FAILED -> {
                // docs/wire-formats-lightfield.md, "Errors": 400 for the codes Lightfield lists among its 400s.
                boolean anyBadRequest = e.violations().stream().anyMatch(ClientErrors::lightfield400);
                assertThat(error.httpStatus()).as("Lightfield status of a validation failure").isEqualTo(anyBadRequest ? 400 : 422);
                Set<String> allowed = new LinkedHashSet<>();
                e.violations().stream().filter(v -> lightfield400(v) == anyBadRequest).forEach(v -> {
                    if (v.pointer().equals("/idempotencyKey")) {
                        allowed.add(v.code() == ViolationCode.TOO_LONG ? "idempotency_key_too_long" : "idempotency_key_invalid");
                    } else {
                        allowed.add(v.code().code());
                    }
                });
                assertThat(code).as("Lightfield code: one of the reported violations'").isIn(allowed);
            }
            case FORBIDDEN -> assertThat(List.of(error.httpStatus(), code)).isEqualTo(List.of(403, "forbidden"));
            case NOT_FOUND -> assertThat(List.of(error.httpStatus(), code)).isEqualTo(List.of(404, "not_found"));
            case VERSION_CONFLICT, TASK_TRASHED, EXTERNAL_ID_CONFLICT, IDEMPOTENCY_KEY_REUSED ->
                    assertThat(List.of(error.httpStatus(), code)).isEqualTo(List.of(409, e.code().code()));
            case STORAGE_FAILURE -> assertThat(List.of(error.httpStatus(), code)).isEqualTo(List.of(503, "storage_failure"));
            default -> throw new AssertionError("an error code the formats do not know: " + e.code());
        }
    }

    private static boolean lightfield400(Violation v) {
        return v.pointer().equals("/idempotencyKey") || v.code() == ViolationCode.UNKNOWN_RELATIONSHIP
                || v.code() == ViolationCode.RELATIONSHIP_ENTITY_MISSING || v.code() == ViolationCode.RELATIONSHIP_ENTITY_INACTIVE;
    }

    private static JsonNode lightfieldBody(LightfieldError error, Texts texts) {
        JsonNode root = parse(error.body());
        JsonNode body = root.path("error");
        assertThat(root.size()).as("Lightfield body: only 'error'").isEqualTo(1);
        assertThat(body.path("type").asText()).as("Lightfield type of %s", error.httpStatus()).isEqualTo(TYPES.get(error.httpStatus()));
        if (error.httpStatus() == 400) {
            assertThat(body.path("code").asText()).as("a Lightfield 400 has a code").matches(SNAKE);
        }
        if (body.has("param")) {
            assertThat(body.path("param").asText()).as("param").isNotBlank();
            texts.clean("Lightfield param", body.path("param").asText());
        }
        texts.fit("Lightfield message", body.path("message").asText());
        texts.cleanJson("Lightfield body", root);
        return body;
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("an error body is not JSON", e);
        }
    }

    /**
     * An RFC 6901 JSON Pointer: empty, or tokens each after a {@code /}, with {@code ~} only in {@code ~0}
     * and {@code ~1}. Checked by hand: a regular expression recurses once per character and overflows the
     * stack on the 100,000-character pointers that hostile metadata keys make.
     */
    static boolean isPointer(String p) {
        if (!p.isEmpty() && p.charAt(0) != '/') {
            return false;
        }
        for (int i = 0; i < p.length(); i++) {
            if (p.charAt(i) == '~' && (i + 1 >= p.length() || (p.charAt(i + 1) != '0' && p.charAt(i + 1) != '1'))) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ texts

    /** The caller's strings (which a message may quote) and another tenant's secrets (which it must not). */
    private static final class Texts {
        private final List<String> caller;
        /** The caller's strings as a message shows them: control characters and lone surrogates as U+FFFD. */
        private final List<String> shown;
        private final Collection<String> secrets;

        Texts(Collection<String> caller, Collection<String> secrets) {
            Set<String> all = new LinkedHashSet<>();
            for (String s : caller) {
                if (s != null && !s.isEmpty()) {
                    all.add(s);
                    // A pointer quotes a token escaped (RFC 6901); a Lightfield param joins tokens with dots.
                    all.add(s.replace("~", "~0").replace("/", "~1"));
                }
            }
            List<String> sorted = new ArrayList<>(all);
            sorted.sort(Comparator.comparingInt(String::length).reversed());
            this.caller = sorted;
            // As sent (a pointer keeps the exact name) and as a message shows it.
            this.shown = sorted.stream().flatMap(s -> java.util.stream.Stream.of(s, asShown(s))).distinct()
                    .sorted(Comparator.comparingInt(String::length).reversed()).toList();
            this.secrets = secrets;
        }

        private static String asShown(String s) {
            StringBuilder sb = new StringBuilder(s.length());
            s.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE ? 0xFFFD : c));
            return sb.toString();
        }

        /** Clean, on one line and bounded in its own words. */
        void fit(String what, String message) {
            assertThat(message).as("%s: not blank", what).isNotNull().isNotBlank();
            clean(what, message);
            String own = withoutCallerText(message);
            if (own.contains("\n") || own.contains("\r") || own.length() > MAX_OWN_WORDS) {
                fail("%s is not fit for an API client (on one line, at most %d characters of its own words): %s",
                        what, MAX_OWN_WORDS, Hostile.show(message));
            }
            // Found by this suite: messages used to quote the caller's text whole, line breaks included.
            // Now the caller's text is quoted on one line and cut (Text.quoted), so the whole message is bounded.
            if (message.contains("\n") || message.contains("\r") || message.length() > MAX_OWN_WORDS) {
                fail("%s quotes the caller's text unbounded (a line break, or more than %d characters): %s",
                        what, MAX_OWN_WORDS, Hostile.show(message));
            }
        }

        /**
         * No leak and no secret outside the caller's own text: each place where the message quotes what
         * the caller sent is blanked out first, then what is left (the library's own words) is scanned.
         * A word the caller sent does not excuse the same word elsewhere in the message.
         */
        void clean(String what, String text) {
            String own = withoutCallerText(text);
            String lower = own.toLowerCase(Locale.ROOT);
            for (String leak : LEAKS) {
                if (lower.contains(leak)) {
                    fail("%s leaks '%s': %s", what, Hostile.show(leak), Hostile.show(text));
                }
            }
            for (String secret : secrets) {
                if (own.contains(secret)) {
                    fail("%s reveals another tenant's data '%s': %s", what, secret, Hostile.show(text));
                }
            }
        }

        /**
         * The text with every quotation of the caller's strings replaced by {@code «»}. A message quotes
         * caller text as {@code Text.quoted} does: control characters and lone surrogates as U+FFFD, and
         * cut after a prefix; so the longest prefix of each (so shown) caller string found in the text is
         * blanked, as long as it is the whole string or at least 8 characters.
         */
        String withoutCallerText(String text) {
            // The longest quotation first, each time: blanking a shorter one first could cut a longer one
            // apart (two caller strings that start alike) and leave its rest looking like the library's words.
            String out = text;
            for (int round = 0; round < 1_000; round++) {
                String best = null;
                for (String s : shown) {
                    int k = longestQuotedPrefix(out, s);
                    if (k > 0 && (best == null || k > best.length())) {
                        best = s.substring(0, k);
                    }
                }
                if (best == null) {
                    return out;
                }
                out = out.replace(best, "\u00AB\u00BB");
            }
            return out;
        }

        /** The length of the longest prefix of {@code s} found in {@code text}: the whole of it, or at least 8 characters; else 0. */
        private static int longestQuotedPrefix(String text, String s) {
            int lo = Math.min(8, s.length());
            int hi = s.length();
            if (lo == 0 || !text.contains(s.substring(0, lo))) {
                return 0;
            }
            // Prefixes that occur form a run from the shortest: find the longest by bisection.
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (text.contains(s.substring(0, mid))) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo;
        }

        /** Every string value and member name of a JSON body is clean. */
        void cleanJson(String what, JsonNode node) {
            if (node.isTextual()) {
                clean(what, node.asText());
            } else if (node.isContainerNode()) {
                node.fieldNames().forEachRemaining(name -> clean(what + " member", name));
                node.elements().forEachRemaining(child -> cleanJson(what, child));
            }
        }
    }
}
