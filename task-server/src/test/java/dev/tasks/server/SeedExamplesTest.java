package dev.tasks.server;

import static dev.tasks.server.RunningServer.LIGHTFIELD_TOKEN;
import static dev.tasks.server.RunningServer.STORA_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasks.json.JsonBody;
import dev.tasks.server.RunningServer.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The curl examples of both "Create a task" pages, sent as they are written (only the host and the
 * token changed), get the documented answers from the running server; and a task created through one
 * API is read back through the other.
 */
class SeedExamplesTest {

    private static RunningServer server;

    @BeforeAll
    static void start() {
        server = RunningServer.start(false);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The example response printed on a page right after its curl command. */
    private static JsonNode exampleResponse(String page) {
        int data = page.indexOf("--data '");
        int close = page.indexOf('\'', data + 8);
        int start = page.indexOf('{', close);
        int depth = 0;
        for (int i = start; i < page.length(); i++) {
            char c = page.charAt(i);
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (depth == 0) {
                return JsonBody.parse(page.substring(start, i + 1).getBytes(StandardCharsets.UTF_8));
            }
        }
        throw new AssertionError("no example response on the page");
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    @Test
    void storasMinimalCreateSucceedsInItsDocumentedShape() {
        String page = CurlCommandTest.seed("stora-create-task.txt");
        CurlCommand curl = CurlCommand.first(page, Map.of()).at(server.base()).withBearer(STORA_TOKEN);
        Reply reply = server.send(curl.toRequest());
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);

        JsonNode documented = exampleResponse(page);
        JsonNode task = reply.json().get("task");
        assertThat(names(reply.json())).containsExactlyInAnyOrderElementsOf(names(documented));
        assertThat(names(task)).containsExactlyInAnyOrderElementsOf(names(documented.get("task")));
        assertThat(names(reply.json().get("meta"))).containsAll(names(documented.get("meta")));
        for (String name : names(documented.get("task"))) {
            JsonNode ours = task.get(name);
            JsonNode theirs = documented.get("task").get(name);
            if (!ours.isNull()) { // the minimal create leaves assignee, description, due_at, resource, site empty
                assertThat(ours.getNodeType()).as(name).isEqualTo(theirs.getNodeType());
            }
        }
        assertThat(task.get("title").asText()).isEqualTo("Task with minimal params");
        assertThat(task.get("status").asText()).isEqualTo("open");
        assertThat(task.get("id").asText()).matches("task_[0-9a-z]{16}");
        assertThat(task.get("creator").get("id").asText()).isEqualTo("app_531844f4c4837d61");
        assertThat(task.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3})?Z");
        assertThat(task.get("metadata").isObject()).isTrue();
        assertThat(reply.json().get("meta").get("request_id").asText()).matches("[0-9a-f-]{36}");
    }

    @Test
    void lightfieldsExampleWithItsPlaceholdersGetsA400NamingTheFirstProblem() {
        String page = CurlCommandTest.seed("lightfield-create-task.txt");
        CurlCommand curl = CurlCommand.first(page, Map.of("API_KEY", LIGHTFIELD_TOKEN)).at(server.base());
        Reply reply = LightfieldConformanceTest.checked(server, curl.toRequest(), "/v1/tasks");
        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        JsonNode error = reply.json().get("error");
        assertThat(error.get("type").asText()).isEqualTo("bad_request");
        assertThat(error.get("param").asText()).isEqualTo("fields.$status");
        assertThat(error.get("message").asText()).contains("$status");
    }

    @Test
    void lightfieldsExampleWithRealValuesSucceedsAndConforms() {
        String page = CurlCommandTest.seed("lightfield-create-task.txt");
        String body = CurlCommand.first(page, Map.of()).data().orElseThrow()
                .replace("\"$status\": \"$status\"", "\"$status\": \"TODO\"")
                .replace("\"$title\": \"$title\"", "\"$title\": \"Call the customer back\"")
                .replace("\"foo\": \"string\"", "\"$assignedTo\": \"mem_ada\"");
        CurlCommand curl = CurlCommand.first(page, Map.of("API_KEY", LIGHTFIELD_TOKEN)).at(server.base());
        CurlCommand real = new CurlCommand(curl.method(), curl.url(), curl.headers(), java.util.Optional.of(body));
        Reply reply = LightfieldConformanceTest.checked(server, real.toRequest(), "/v1/tasks");
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.json().get("fields").get("$status").get("value").asText()).isEqualTo("TODO");
        assertThat(reply.json().get("relationships").get("$assignedTo").get("values").get(0).asText()).isEqualTo("mem_ada");
    }

    @Test
    void aTaskCreatedThroughOneApiIsReadBackThroughTheOther() {
        Reply viaStora = server.post("/2025-09/tasks", STORA_TOKEN, """
                {"title": "From Stora", "description": "d", "due_at": "2026-01-02T03:04:05Z", "assignee": {"id": "staff_1"},
                 "site": {"id": "site_1"}, "metadata": {"k": "v"}}
                """);
        assertThat(viaStora.status()).as(viaStora.text()).isEqualTo(201);
        String storaId = viaStora.json().get("task").get("id").asText();
        Reply inLightfield = LightfieldConformanceTest.checked(server,
                server.request("/v1/tasks/" + storaId, LIGHTFIELD_TOKEN).GET().build(), "/v1/tasks/{id}");
        JsonNode fields = inLightfield.json().get("fields");
        assertThat(fields.get("$title").get("value").asText()).isEqualTo("From Stora");
        assertThat(fields.get("$status").get("value").asText()).isEqualTo("OPEN");
        assertThat(fields.get("$dueAt").get("value").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(inLightfield.json().get("relationships").get("$assignedTo").get("values").get(0).asText()).isEqualTo("staff_1");
        assertThat(inLightfield.json().get("relationships").get("$site").get("values").get(0).asText()).isEqualTo("site_1");

        Reply viaLightfield = server.post("/v1/tasks", LIGHTFIELD_TOKEN, """
                {"fields": {"$title": "From Lightfield", "$status": "COMPLETE"}, "relationships": {"$assignedTo": "mem_bob"}}
                """);
        assertThat(viaLightfield.status()).as(viaLightfield.text()).isEqualTo(200);
        String lightfieldId = viaLightfield.json().get("id").asText();
        Reply inStora = server.get("/2025-09/tasks/" + lightfieldId, STORA_TOKEN);
        assertThat(inStora.status()).isEqualTo(200);
        JsonNode task = inStora.json().get("task");
        assertThat(task.get("title").asText()).isEqualTo("From Lightfield");
        assertThat(task.get("status").asText()).isEqualTo("completed");
        assertThat(task.get("completed_at").isTextual()).isTrue();
        assertThat(task.get("assignee").get("id").asText()).isEqualTo("mem_bob");
        assertThat(task.get("creator").get("id").asText()).isEqualTo("mem_ada");
    }
}
