package dev.tasks.json;

import dev.tasks.core.Text;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Parses request bodies strictly and writes JSON, with one shared, thread-safe Jackson mapper.
 *
 * <p>Reading is strict so that a body means one thing: a duplicate key, trailing content after the value,
 * comments, single quotes, leading zeros or {@code NaN} are refused; so are bodies larger than
 * {@value #MAX_BODY_BYTES} bytes or nested deeper than {@value #MAX_DEPTH}, which bounds what a hostile
 * client can make the parser do.
 */
public final class JsonBody {

    /** The largest body read: twice what the largest valid task request needs. */
    public static final int MAX_BODY_BYTES = 1 << 20;

    /** The deepest nesting read; the formats need 4. */
    public static final int MAX_DEPTH = 32;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS, JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxStringLength(MAX_BODY_BYTES)
                .maxNumberLength(100)
                .build());
    }

    private JsonBody() {
    }

    /**
     * The shared mapper, for writing responses (its reading settings are those of {@link #parse}).
     *
     * @return the mapper; do not reconfigure it
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses a request body: exactly one JSON value, UTF-8.
     *
     * @param body the bytes received
     * @return the value as a tree
     * @throws BodyException ({@link BodyException.Problem#MALFORMED}, pointer {@code ""}) if the body is
     *     empty, too large, not UTF-8 or not one well-formed JSON value
     */
    public static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw malformed("the request body is empty: a JSON object is expected");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw malformed("the request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        String text;
        try {
            // Jackson would guess UTF-16 or UTF-32 from the first bytes; a request body is UTF-8 (RFC 8259)
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("the request body is not valid JSON: the body is not UTF-8");
        }
        try (JsonParser parser = MAPPER.createParser(text)) {
            JsonNode node = MAPPER.readTree(parser);
            if (node == null || node.isMissingNode()) {
                throw malformed("the request body is empty: a JSON object is expected");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw malformed(describe(e));
        } catch (IOException e) {
            throw malformed("the request body cannot be read as JSON");
        }
    }

    /**
     * Writes an instant as the formats do: ISO 8601 in UTC with a {@code Z}, milliseconds only when not
     * zero (e.g. {@code 2025-02-22T14:41:00Z}).
     *
     * @param instant an instant of the domain (millisecond precision)
     * @return its text
     */
    public static String instant(Instant instant) {
        return instant.toString();
    }

    private static BodyException malformed(String message) {
        return new BodyException(BodyException.Problem.MALFORMED, "", message);
    }

    /**
     * The parser's complaint in the client's terms, and where in the body: a fixed text per kind of
     * problem, never the parser's own message (which names its features, classes and settings).
     */
    private static String describe(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String reason;
        if (original.startsWith("Duplicate field '")) {
            // The name runs to the last quote (it may hold quotes itself); quoted as any caller text is.
            int end = original.lastIndexOf('\'');
            reason = end > 17 ? "the key '" + Text.quoted(original.substring(17, end)) + "' appears twice" : "a key appears twice";
        } else if (original.contains("end-of-input")) {
            reason = "the body ends before the JSON value does";
        } else if (original.contains("Trailing token")) {
            reason = "there is more after the JSON value";
        } else if (original.contains("nesting depth")) {
            reason = "the value is nested deeper than " + MAX_DEPTH + " levels";
        } else if (original.contains("UTF-8") || original.contains("Invalid UTF")) {
            reason = "the body is not UTF-8";
        } else {
            reason = "malformed JSON";
        }
        StringBuilder message = new StringBuilder("the request body is not valid JSON: ").append(reason);
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            message.append(" (line ").append(e.getLocation().getLineNr())
                    .append(", column ").append(e.getLocation().getColumnNr()).append(')');
        }
        return message.toString();
    }
}
