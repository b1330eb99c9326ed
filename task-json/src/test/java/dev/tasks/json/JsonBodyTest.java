package dev.tasks.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Strict parsing, and messages about malformed bodies that quote nothing of the parser. */
class JsonBodyTest {

    private static BodyException malformed(byte[] body) {
        BodyException e = catchThrowableOfType(BodyException.class, () -> JsonBody.parse(body));
        assertThat(e).as(new String(body, StandardCharsets.UTF_8)).isNotNull();
        assertThat(e.problem()).isEqualTo(BodyException.Problem.MALFORMED);
        assertThat(e.pointer()).isEmpty();
        return e;
    }

    @Test
    void everyKindOfMalformedBodyGetsAPlainMessage() {
        List<String> bodies = List.of("{", "{\"a\": 1} x", "{\"a\": 1, \"a\": 2}", "{'a': 1}", "{/* c */}", "{\"a\": 01}",
                "{\"a\": NaN}", "[1,]", "nul", "\"unterminated", "[".repeat(40) + "]".repeat(40), "{\"a\": \"\\x\"}");
        for (String body : bodies) {
            String message = malformed(body.getBytes(StandardCharsets.UTF_8)).getMessage();
            assertThat(message).as(body).startsWith("the request body is not valid JSON: ")
                    .doesNotContain("Source", "Feature", "fasterxml", "java.", "`", "REDACTED");
        }
        assertThat(malformed("{\"a\": 1, \"a\": 2}".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("the key 'a' appears twice");
        // The repeated name is the caller's: quoted whole when short (quotes and all), on one line, bounded.
        assertThat(malformed("{\"it's\": 1, \"it's\": 2}".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("the key 'it's' appears twice");
        String longName = "x\\n".repeat(20_000);
        String twice = malformed(("{\"" + longName + "\": 1, \"" + longName + "\": 2}").getBytes(StandardCharsets.UTF_8)).getMessage();
        assertThat(twice).doesNotContain("\n").hasSizeLessThan(200);
        assertThat(malformed("{".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("ends before");
        assertThat(malformed(new byte[] {'"', (byte) 0xC3, (byte) 0x28, '"'})).hasMessageContaining("not valid JSON");
        assertThat(malformed("{\"title\":\"ok\"}".getBytes(StandardCharsets.UTF_16))).hasMessageContaining("not UTF-8");
        assertThat(malformed("{\"title\":\"ok\"}".getBytes(StandardCharsets.UTF_16LE))).hasMessageContaining("not valid JSON");
        assertThat(malformed("{\"title\":\"ok\"}".getBytes(java.nio.charset.Charset.forName("UTF-32")))).hasMessageContaining("not valid JSON");
        assertThat(malformed(new byte[0])).hasMessageContaining("empty");
        assertThat(malformed("   ".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("empty");
        assertThat(malformed(new byte[JsonBody.MAX_BODY_BYTES + 1])).hasMessageContaining("larger than");
    }

    @Test
    void aWellFormedBodyIsParsedWhole() {
        assertThat(JsonBody.parse("{\"a\": [1, \"b\", null]}".getBytes(StandardCharsets.UTF_8)).get("a").size()).isEqualTo(3);
    }
}
