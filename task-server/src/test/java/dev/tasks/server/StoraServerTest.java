package dev.tasks.server;

import static dev.tasks.server.RunningServer.LIGHTFIELD_TOKEN;
import static dev.tasks.server.RunningServer.OTHER_TENANT_TOKEN;
import static dev.tasks.server.RunningServer.READ_ONLY_TOKEN;
import static dev.tasks.server.RunningServer.STORA_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasks.server.RunningServer.Reply;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Stora's API on the running server: every endpoint, its status codes and its error shape. */
class StoraServerTest {

    private static RunningServer server;

    @BeforeAll
    static void start() {
        server = RunningServer.start(false);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode created(String body) {
        Reply reply = server.post("/2025-09/tasks", STORA_TOKEN, body);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.json().get("task");
    }

    private static void assertError(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        JsonNode error = reply.json().get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("request_id").asText()).isEqualTo(reply.header("Request-Id"));
    }

    @Test
    void createRetrievePatchCompleteReopenAndDelete() {
        JsonNode task = created("""
                {"title": "Contact Task", "description": "Task for a contact resource", "due_at": "2025-02-27T14:41:00Z",
                 "assignee": {"id": "staff_06778802edebb94d"}, "resource": {"id": "con_1234567890abcdef"},
                 "site": {"id": "site_14b419f1096013f1"}, "metadata": {"source": "api", "external_id": "ext_123"}}
                """);
        String id = task.get("id").asText();
        assertThat(id).matches("task_[0-9a-z]{16}");
        assertThat(task.get("status").asText()).isEqualTo("open");
        assertThat(task.get("creator").get("id").asText()).isEqualTo("app_531844f4c4837d61");
        assertThat(task.get("assignee").get("id").asText()).isEqualTo("staff_06778802edebb94d");
        assertThat(task.get("completed_at").isNull()).isTrue();

        Reply got = server.get("/2025-09/tasks/" + id, STORA_TOKEN);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().get("task")).isEqualTo(task);
        assertThat(got.header("ETag")).isEqualTo("\"1\"");

        Reply patched = server.patch("/2025-09/tasks/" + id, STORA_TOKEN,
                "{\"description\": null, \"metadata\": {\"source\": null, \"region\": \"eu\"}}");
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        JsonNode after = patched.json().get("task");
        assertThat(after.get("description").isNull()).isTrue();
        assertThat(after.get("metadata").toString()).isEqualTo("{\"external_id\":\"ext_123\",\"region\":\"eu\"}");

        Reply completed = server.post("/2025-09/tasks/" + id + "/complete", STORA_TOKEN, "");
        assertThat(completed.status()).as(completed.text()).isEqualTo(200);
        assertThat(completed.json().get("task").get("status").asText()).isEqualTo("completed");
        assertThat(completed.json().get("task").get("completed_at").isTextual()).isTrue();

        Reply reopened = server.post("/2025-09/tasks/" + id + "/open", STORA_TOKEN, "");
        assertThat(reopened.json().get("task").get("status").asText()).isEqualTo("open");
        assertThat(reopened.json().get("task").get("completed_at").isNull()).isTrue();

        Reply deleted = server.delete("/2025-09/tasks/" + id, STORA_TOKEN);
        assertThat(deleted.status()).isEqualTo(204);
        assertError(server.get("/2025-09/tasks/" + id, STORA_TOKEN), 404, "resource_not_found");
        assertError(server.patch("/2025-09/tasks/" + id, STORA_TOKEN, "{\"title\": \"x\"}"), 404, "resource_not_found");
        // Lightfield still shows it, in the trash
        Reply viaLightfield = server.get("/v1/tasks/" + id, LIGHTFIELD_TOKEN);
        assertThat(viaLightfield.status()).isEqualTo(200);
    }

    @Test
    void listsPageByPageWithThePaginationBlock() {
        Reply empty = server.get("/2025-09/tasks?limit=1", READ_ONLY_TOKEN);
        assertThat(empty.status()).isEqualTo(200);
        long before = empty.json().get("meta").get("pagination").get("count").asLong();
        for (int i = 0; i < 7; i++) {
            created("{\"title\": \"page task " + i + "\"}");
        }
        long total = before + 7;
        Set<String> seen = new HashSet<>();
        List<JsonNode> paginations = new ArrayList<>();
        for (int page = 1; page <= (total + 2) / 3; page++) {
            Reply reply = server.get("/2025-09/tasks?page=" + page + "&limit=3", STORA_TOKEN);
            assertThat(reply.status()).as(reply.text()).isEqualTo(200);
            reply.json().get("tasks").forEach(t -> assertThat(seen.add(t.get("id").asText())).isTrue());
            paginations.add(reply.json().get("meta").get("pagination"));
        }
        assertThat(seen).hasSize((int) total);
        JsonNode first = paginations.get(0);
        assertThat(first.get("count").asLong()).isEqualTo(total);
        assertThat(first.get("limit").asInt()).isEqualTo(3);
        assertThat(first.get("page").asInt()).isEqualTo(1);
        assertThat(first.get("pages").asLong()).isEqualTo((total + 2) / 3);
        assertThat(first.get("prev").isNull()).isTrue();
        assertThat(paginations.get(paginations.size() - 1).get("next").isNull()).isTrue();
        assertError(server.get("/2025-09/tasks?limit=101", STORA_TOKEN), 422, "invalid_url_param");
        assertError(server.get("/2025-09/tasks?page=0", STORA_TOKEN), 422, "invalid_url_param");
        assertError(server.get("/2025-09/tasks?page=abc", STORA_TOKEN), 422, "invalid_url_param");
    }

    @Test
    void errorsComeInStorasShapeWithTheExactPointer() {
        Reply noTitle = server.post("/2025-09/tasks", STORA_TOKEN, "{\"description\": \"x\"}");
        assertError(noTitle, 422, "invalid_content");
        assertThat(noTitle.json().get("error").get("details").get(0).get("pointer").asText()).isEqualTo("/title");
        Reply badAssignee = server.post("/2025-09/tasks", STORA_TOKEN, "{\"title\": \"t\", \"assignee\": {\"id\": 5}}");
        assertError(badAssignee, 422, "invalid_content");
        assertThat(badAssignee.json().get("error").get("details").get(0).get("pointer").asText()).isEqualTo("/assignee/id");
        Reply tooLong = server.post("/2025-09/tasks", STORA_TOKEN, "{\"title\": \"" + "x".repeat(501) + "\"}");
        assertError(tooLong, 422, "invalid_content");
        assertThat(tooLong.json().get("error").get("details").get(0).get("pointer").asText()).isEqualTo("/title");
        assertError(server.post("/2025-09/tasks", STORA_TOKEN, "{\"title\": "), 400, "invalid_request");
        assertError(server.get("/2025-09/tasks", null), 401, "invalid_token");
        assertError(server.get("/2025-09/tasks", "nope"), 401, "invalid_token");
        assertError(server.post("/2025-09/tasks", READ_ONLY_TOKEN, "{\"title\": \"t\"}"), 403, "forbidden");
        assertError(server.get("/2025-09/tasks/task_0000000000000000", STORA_TOKEN), 404, "resource_not_found");
        assertError(server.get("/2025-09/tasks/not-an-id", STORA_TOKEN), 404, "resource_not_found");
        assertError(server.get("/2025-09/things", STORA_TOKEN), 404, "resource_not_found");
    }

    @Test
    void anotherTenantsTaskDoesNotExist() {
        String id = created("{\"title\": \"mine\"}").get("id").asText();
        assertThat(server.get("/v1/tasks/" + id, OTHER_TENANT_TOKEN).status()).isEqualTo(404);
    }

    @Test
    void anIdempotencyKeyReplaysTheCreateAndIfMatchGuardsAgainstLostUpdates() {
        HttpRequest.Builder request = server.request("/2025-09/tasks", STORA_TOKEN).header("Content-Type", "application/json")
                .header("Idempotency-Key", "create-once-" + System.nanoTime())
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"once\"}"));
        Reply first = server.send(request.build());
        Reply again = server.send(request.build());
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        String id = first.json().get("task").get("id").asText();
        assertThat(again.json().get("task").get("id").asText()).isEqualTo(id);

        Reply stale = server.send(server.request("/2025-09/tasks/" + id, STORA_TOKEN).header("Content-Type", "application/json")
                .header("If-Match", "\"7\"").method("PATCH", HttpRequest.BodyPublishers.ofString("{\"title\": \"x\"}")).build());
        assertError(stale, 409, "conflict");
        Reply fresh = server.send(server.request("/2025-09/tasks/" + id, STORA_TOKEN).header("Content-Type", "application/json")
                .header("If-Match", first.header("ETag")).method("PATCH", HttpRequest.BodyPublishers.ofString("{\"title\": \"x\"}")).build());
        assertThat(fresh.status()).as(fresh.text()).isEqualTo(200);
        assertThat(fresh.header("ETag")).isEqualTo("\"2\"");
    }
}
