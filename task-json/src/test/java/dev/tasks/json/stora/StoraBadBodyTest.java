package dev.tasks.json.stora;

import static dev.tasks.json.stora.StoraFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasks.json.BodyException;
import dev.tasks.json.BodyException.Problem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * Every kind of bad body is refused with the format's error and the exact JSON Pointer of the member,
 * never with a Jackson exception.
 */
class StoraBadBodyTest {

    private static final StoraFormat STORA = new StoraFormat();

    enum Operation {
        CREATE(STORA::readCreate), UPDATE(STORA::readUpdate);

        final Function<byte[], Object> read;

        Operation(Function<byte[], Object> read) {
            this.read = read;
        }
    }

    /** Bad in both a create and an update. */
    static Stream<Arguments> badEverywhere() {
        return Stream.of(
                Arguments.of("", Problem.MALFORMED, ""),
                Arguments.of("   ", Problem.MALFORMED, ""),
                Arguments.of("{", Problem.MALFORMED, ""),
                Arguments.of("{\"title\": \"a\",}", Problem.MALFORMED, ""),
                Arguments.of("{\"title\": \"a\"} {}", Problem.MALFORMED, ""),
                Arguments.of("{\"title\": \"a\", \"title\": \"b\"}", Problem.MALFORMED, ""),
                Arguments.of("{'title': 'a'}", Problem.MALFORMED, ""),
                Arguments.of("[]", Problem.WRONG_TYPE, ""),
                Arguments.of("\"title\"", Problem.WRONG_TYPE, ""),
                Arguments.of("null", Problem.WRONG_TYPE, ""),
                Arguments.of("{\"title\": 1}", Problem.WRONG_TYPE, "/title"),
                Arguments.of("{\"title\": [\"a\"]}", Problem.WRONG_TYPE, "/title"),
                Arguments.of("{\"title\": \"a\", \"foo\": 1}", Problem.UNKNOWN_MEMBER, "/foo"),
                Arguments.of("{\"title\": \"a\", \"Title\": \"b\"}", Problem.UNKNOWN_MEMBER, "/Title"),
                Arguments.of("{\"title\": \"a\", \"a/b~c\": 1}", Problem.UNKNOWN_MEMBER, "/a~1b~0c"),
                Arguments.of("{\"title\": \"a\", \"dueAt\": \"2025-02-27T14:41:00Z\"}", Problem.UNKNOWN_MEMBER, "/dueAt"),
                Arguments.of("{\"title\": \"a\", \"external_id\": \"x\"}", Problem.UNKNOWN_MEMBER, "/external_id"),
                Arguments.of("{\"title\": \"a\", \"id\": \"task_a1b2c3d4e5f67890\"}", Problem.UNKNOWN_MEMBER, "/id"),
                Arguments.of("{\"title\": \"a\", \"creator\": {\"id\": \"staff_1\"}}", Problem.UNKNOWN_MEMBER, "/creator"),
                Arguments.of("{\"title\": \"a\", \"completed_at\": null}", Problem.UNKNOWN_MEMBER, "/completed_at"),
                Arguments.of("{\"title\": \"a\", \"created_at\": \"2025-02-22T14:41:00Z\"}", Problem.UNKNOWN_MEMBER, "/created_at"),
                Arguments.of("{\"title\": \"a\", \"updated_at\": \"2025-02-22T14:41:00Z\"}", Problem.UNKNOWN_MEMBER, "/updated_at"),
                Arguments.of("{\"title\": \"a\", \"description\": 5}", Problem.WRONG_TYPE, "/description"),
                Arguments.of("{\"title\": \"a\", \"description\": {}}", Problem.WRONG_TYPE, "/description"),
                Arguments.of("{\"title\": \"a\", \"due_at\": 1740235260}", Problem.WRONG_TYPE, "/due_at"),
                Arguments.of("{\"title\": \"a\", \"due_at\": \"tomorrow\"}", Problem.INVALID_VALUE, "/due_at"),
                Arguments.of("{\"title\": \"a\", \"due_at\": \"2025-02-27\"}", Problem.INVALID_VALUE, "/due_at"),
                Arguments.of("{\"title\": \"a\", \"due_at\": \"2025-02-27T14:41:00\"}", Problem.INVALID_VALUE, "/due_at"),
                Arguments.of("{\"title\": \"a\", \"due_at\": \"2025-02-30T14:41:00Z\"}", Problem.INVALID_VALUE, "/due_at"),
                Arguments.of("{\"title\": \"a\", \"status\": \"done\"}", Problem.INVALID_VALUE, "/status"),
                Arguments.of("{\"title\": \"a\", \"status\": \"OPEN\"}", Problem.INVALID_VALUE, "/status"),
                Arguments.of("{\"title\": \"a\", \"status\": 1}", Problem.WRONG_TYPE, "/status"),
                Arguments.of("{\"title\": \"a\", \"assignee\": \"staff_1\"}", Problem.WRONG_TYPE, "/assignee"),
                Arguments.of("{\"title\": \"a\", \"assignee\": [\"staff_1\"]}", Problem.WRONG_TYPE, "/assignee"),
                Arguments.of("{\"title\": \"a\", \"assignee\": {}}", Problem.MISSING, "/assignee/id"),
                Arguments.of("{\"title\": \"a\", \"assignee\": {\"id\": null}}", Problem.MISSING, "/assignee/id"),
                Arguments.of("{\"title\": \"a\", \"assignee\": {\"id\": 7}}", Problem.WRONG_TYPE, "/assignee/id"),
                Arguments.of("{\"title\": \"a\", \"assignee\": {\"id\": \"s\", \"name\": \"Ada\"}}",
                        Problem.UNKNOWN_MEMBER, "/assignee/name"),
                Arguments.of("{\"title\": \"a\", \"resource\": {\"id\": {\"id\": \"con_1\"}}}", Problem.WRONG_TYPE, "/resource/id"),
                Arguments.of("{\"title\": \"a\", \"resource\": {\"type\": \"contact\", \"id\": \"con_1\"}}",
                        Problem.UNKNOWN_MEMBER, "/resource/type"),
                Arguments.of("{\"title\": \"a\", \"site\": true}", Problem.WRONG_TYPE, "/site"),
                Arguments.of("{\"title\": \"a\", \"site\": {\"ID\": \"site_1\"}}", Problem.UNKNOWN_MEMBER, "/site/ID"),
                Arguments.of("{\"title\": \"a\", \"metadata\": []}", Problem.WRONG_TYPE, "/metadata"),
                Arguments.of("{\"title\": \"a\", \"metadata\": \"region=north\"}", Problem.WRONG_TYPE, "/metadata"),
                Arguments.of("{\"title\": \"a\", \"metadata\": {\"region\": 5}}", Problem.WRONG_TYPE, "/metadata/region"),
                Arguments.of("{\"title\": \"a\", \"metadata\": {\"ok\": \"x\", \"region\": {\"a\": \"b\"}}}",
                        Problem.WRONG_TYPE, "/metadata/region"),
                Arguments.of("{\"title\": \"a\", \"metadata\": {\"a/b\": true}}", Problem.WRONG_TYPE, "/metadata/a~1b"),
                Arguments.of("{\"title\": \"a\", \"metadata\": {\"~\": [1]}}", Problem.WRONG_TYPE, "/metadata/~0"));
    }

    /** Bad only in a create. */
    static Stream<Arguments> badCreates() {
        return Stream.of(
                Arguments.of("{}", Problem.MISSING, "/title"),
                Arguments.of("{\"title\": null}", Problem.MISSING, "/title"),
                Arguments.of("{\"description\": \"d\"}", Problem.MISSING, "/title"),
                Arguments.of("{\"title\": \"a\", \"metadata\": {\"region\": null}}", Problem.WRONG_TYPE, "/metadata/region"));
    }

    /** Bad only in an update. */
    static Stream<Arguments> badUpdates() {
        return Stream.of(
                Arguments.of("{\"title\": null}", Problem.WRONG_TYPE, "/title"),
                Arguments.of("{\"status\": null}", Problem.WRONG_TYPE, "/status"),
                Arguments.of("{\"metadata\": null}", Problem.WRONG_TYPE, "/metadata"),
                Arguments.of("{\"metadata\": {\"region\": false}}", Problem.WRONG_TYPE, "/metadata/region"),
                Arguments.of("{\"site\": {\"id\": null}}", Problem.MISSING, "/site/id"),
                Arguments.of("{\"resource\": {}}", Problem.MISSING, "/resource/id"));
    }

    @ParameterizedTest
    @MethodSource("badEverywhere")
    void aCreateIsRefusedWithTheExactPointer(String body, Problem problem, String pointer) {
        assertRefused(Operation.CREATE, body, problem, pointer);
    }

    @ParameterizedTest
    @MethodSource("badEverywhere")
    void anUpdateIsRefusedWithTheExactPointer(String body, Problem problem, String pointer) {
        assertRefused(Operation.UPDATE, body, problem, pointer);
    }

    @ParameterizedTest
    @MethodSource("badCreates")
    void createOnly(String body, Problem problem, String pointer) {
        assertRefused(Operation.CREATE, body, problem, pointer);
    }

    @ParameterizedTest
    @MethodSource("badUpdates")
    void updateOnly(String body, Problem problem, String pointer) {
        assertRefused(Operation.UPDATE, body, problem, pointer);
    }

    @Test
    void bytesThatAreNotUtf8AreMalformed() {
        byte[] body = {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        Throwable thrown = catchThrowable(() -> STORA.readCreate(body));

        assertThat(thrown).isInstanceOf(BodyException.class);
        assertThat(((BodyException) thrown).problem()).isEqualTo(Problem.MALFORMED);
        assertThat(StoraError.from((BodyException) thrown, "r").httpStatus()).isEqualTo(400);
    }

    @Test
    void aNullBodyIsMalformed() {
        assertThat(catchThrowable(() -> STORA.readUpdate(null)))
                .isInstanceOfSatisfying(BodyException.class, e -> assertThat(e.problem()).isEqualTo(Problem.MALFORMED));
    }

    @Test
    void readOnlyMembersSayWhyTheyAreRefused() {
        BodyException e = (BodyException) catchThrowable(() -> STORA.readCreate(bytes("{\"title\": \"a\", \"creator\": {\"id\": \"x\"}}")));

        assertThat(e.getMessage()).contains("creator").contains("read-only");
    }

    @Test
    void theFirstUnknownMemberInBodyOrderIsNamed() {
        BodyException e = (BodyException) catchThrowable(() -> STORA.readUpdate(bytes("{\"zeta\": 1, \"alpha\": 2}")));

        assertThat(e.pointer()).isEqualTo("/zeta");
    }

    /**
     * Whatever text arrives, reading ends with a request or a {@link BodyException} whose pointer is a
     * JSON Pointer and whose message holds no Java or Jackson internals.
     */
    @Test
    void anyTextEndsInARequestOrTheFormatsError() {
        qt().withExamples(3000).forAll(jsonish()).checkAssert(text -> {
            for (Operation operation : Operation.values()) {
                Throwable thrown = catchThrowable(() -> operation.read.apply(text.getBytes(StandardCharsets.UTF_8)));
                if (thrown != null) {
                    assertThat(thrown).as(text).isInstanceOf(BodyException.class);
                    BodyException e = (BodyException) thrown;
                    assertThat(e.pointer()).as(text).matches("|/.*");
                    JsonNode error = StoraFixture.error(StoraError.from(e, "r")).body().path("error");
                    assertThat(error.path("code").asText()).isIn("invalid_request", "invalid_content");
                    assertClientFit(error);
                }
            }
        });
    }

    /** Random bytes, not even UTF-8, end the same way. */
    @Test
    void anyBytesEndInARequestOrTheFormatsError() {
        Gen<byte[]> bytes = SourceDSL.lists().of(SourceDSL.integers().between(0, 255)).ofSizeBetween(0, 40).map(list -> {
            byte[] b = new byte[list.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (int) list.get(i);
            }
            return b;
        });
        qt().withExamples(2000).forAll(bytes).checkAssert(body -> {
            Throwable thrown = catchThrowable(() -> STORA.readCreate(body));
            if (thrown != null) {
                assertThat(thrown).isInstanceOf(BodyException.class);
                assertClientFit(StoraFixture.error(StoraError.from((BodyException) thrown, "r")).body().path("error"));
            }
        });
    }

    private static void assertRefused(Operation operation, String body, Problem problem, String pointer) {
        Throwable thrown = catchThrowable(() -> operation.read.apply(bytes(body)));

        assertThat(thrown).as(body).isInstanceOf(BodyException.class);
        BodyException e = (BodyException) thrown;
        assertThat(e.problem()).as(body).isEqualTo(problem);
        assertThat(e.pointer()).as(body).isEqualTo(pointer);

        JsonNode error = StoraFixture.error(StoraError.from(e, "req_1")).body().path("error");
        assertClientFit(error);
        if (problem == Problem.MALFORMED) {
            assertThat(error.path("code").asText()).isEqualTo("invalid_request");
            assertThat(error.path("details")).isEmpty();
        } else {
            assertThat(error.path("code").asText()).isEqualTo("invalid_content");
            assertThat(error.path("details")).hasSize(1);
            assertThat(error.path("details").get(0).path("pointer").asText()).isEqualTo(pointer);
        }
    }

    /** What a client reads holds no Java or Jackson internals: the message and every detail's message. */
    static void assertClientFit(JsonNode error) {
        List<String> messages = new ArrayList<>();
        messages.add(error.path("message").asText());
        error.path("details").forEach(d -> messages.add(d.path("message").asText()));
        for (String message : messages) {
            assertThat(message).isNotBlank().doesNotContain("com.fasterxml", "java.", "Exception", "Source:", "REDACTED", "`",
                    "Feature");
        }
    }

    /** Text built from JSON's own pieces and this format's member names: mostly near-JSON, often valid. */
    private static Gen<String> jsonish() {
        List<String> pieces = new ArrayList<>(List.of("{", "}", "[", "]", ":", ",", "null", "true", "0", "-1.5e3", "\"\"",
                "\"x\"", "\"\\ud800\"", "\"\\u0000\"", "\"title\"", "\"description\"", "\"due_at\"", "\"status\"", "\"open\"",
                "\"assignee\"", "\"site\"", "\"resource\"", "\"metadata\"", "\"id\"", "\"creator\"", "\"2025-02-27T14:41:00Z\"",
                " ", "\"", "\\", "{\"title\":\"t\",", "{\"title\":\"t\"}", "{\"id\":\"staff_1\"}", "{\"region\":null}"));
        return SourceDSL.lists().of(Generate.pick(pieces)).ofSizeBetween(0, 16).map(parts -> String.join("", parts));
    }
}
