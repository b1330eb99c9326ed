package dev.tasks.server;

import static dev.tasks.server.RunningServer.LIGHTFIELD_TOKEN;
import static dev.tasks.server.RunningServer.OTHER_TENANT_TOKEN;
import static dev.tasks.server.RunningServer.READ_ONLY_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasks.server.RunningServer.Reply;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every Lightfield-format response the running server gives, success or error, validates against the
 * schemas of Lightfield's published OpenAPI document (copied into task-json's test resources). Errors
 * are checked in their {@code {"error": …}} envelope, the inner object against the documented schema.
 * {@code DELETE /v1/tasks/{id}}, which the document does not describe, is checked against the retrieve
 * operation's schemas (it answers the task, as retrieve does).
 */
class LightfieldConformanceTest {

    private static RunningServer server;

    @BeforeAll
    static void start() {
        server = RunningServer.start(false);
    }

    @AfterAll
    static void stop() {
        server.close();
        Set<String> seen = LightfieldSchemas.checked();
        System.out.println("Lightfield responses validated against the OpenAPI document: " + seen);
        assertThat(seen).as("every status this test provokes was validated").contains("GET /v1/tasks/definitions 200",
                "POST /v1/tasks 200", "POST /v1/tasks 400", "POST /v1/tasks 403", "POST /v1/tasks 415", "POST /v1/tasks 422",
                "GET /v1/tasks 200", "GET /v1/tasks 400", "GET /v1/tasks 401", "GET /v1/tasks 429", "GET /v1/tasks/{id} 200",
                "GET /v1/tasks/{id} 503",
                "GET /v1/tasks/{id} 404", "POST /v1/tasks/{id} 200", "POST /v1/tasks/{id} 409", "DELETE /v1/tasks/{id} 200");
    }

    /** Sends a request; {@link RunningServer#send} validates the answer against the document. */
    static Reply checked(RunningServer on, HttpRequest request, String documentedPath) {
        assertThat(LightfieldSchemas.documentedPath(request.uri().getRawPath())).isEqualTo(documentedPath);
        return on.send(request);
    }

    private static Reply get(String path, String documented, String token) {
        return checked(server, server.request(path, token).GET().build(), documented);
    }

    private static Reply post(String path, String documented, String token, String json) {
        return checked(server, server.request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(), documented);
    }

    private static Reply delete(String path, String token) {
        return checked(server, server.request(path, token).DELETE().build(), "/v1/tasks/{id}");
    }

    private static void assertError(Reply reply, int status, String code, String param) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        JsonNode error = reply.json().get("error");
        if (code != null) {
            assertThat(error.get("code").asText()).as(reply.text()).isEqualTo(code);
        }
        if (param != null) {
            assertThat(error.get("param").asText()).as(reply.text()).isEqualTo(param);
        }
    }

    private static final String VALID = """
            {"fields": {"$title": "Call back", "$status": "TODO", "$description": "about **the renewal**",
                        "$dueAt": "2026-12-01T09:00:00Z"},
             "relationships": {"$assignedTo": "mem_ada", "$account": ["acc_1"], "project": "prj_7"}}
            """;

    @Test
    void theWholeLifeOfATaskConforms() {
        Reply definitions = get("/v1/tasks/definitions", "/v1/tasks/definitions", READ_ONLY_TOKEN);
        assertThat(definitions.status()).isEqualTo(200);
        assertThat(definitions.json().get("relationshipDefinitions").has("project")).isTrue();

        Reply created = post("/v1/tasks", "/v1/tasks", LIGHTFIELD_TOKEN, VALID);
        assertThat(created.status()).isEqualTo(200);
        JsonNode task = created.json();
        String id = task.get("id").asText();
        assertThat(task.get("fields").get("$title").get("value").asText()).isEqualTo("Call back");
        assertThat(task.get("relationships").get("$createdBy").get("values").get(0).asText()).isEqualTo("mem_ada");
        assertThat(task.get("httpLink").asText()).isEqualTo("https://app.example.test/tasks/" + id);

        Reply retrieved = get("/v1/tasks/" + id, "/v1/tasks/{id}", READ_ONLY_TOKEN);
        assertThat(retrieved.json()).isEqualTo(task);

        Reply updated = post("/v1/tasks/" + id, "/v1/tasks/{id}", LIGHTFIELD_TOKEN, """
                {"fields": {"$status": "IN_PROGRESS", "$dueAt": null},
                 "relationships": {"$account": {"replace": null}, "project": {"replace": "prj_8"}}}
                """);
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.json().get("fields").get("$status").get("value").asText()).isEqualTo("IN_PROGRESS");
        assertThat(updated.json().get("fields").get("$dueAt").get("value").isNull()).isTrue();
        assertThat(updated.json().get("relationships").get("$account").get("values")).isEmpty();

        Reply list = get("/v1/tasks?offset=0&limit=25", "/v1/tasks", READ_ONLY_TOKEN);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("object").asText()).isEqualTo("list");
        assertThat(list.json().get("totalCount").asLong()).isGreaterThanOrEqualTo(1);

        Reply trashed = delete("/v1/tasks/" + id, LIGHTFIELD_TOKEN);
        assertThat(trashed.status()).isEqualTo(200);
        Reply again = delete("/v1/tasks/" + id, LIGHTFIELD_TOKEN);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).as("deleting a trashed task changes nothing and returns it").isEqualTo(trashed.json());
        List<String> listed = new ArrayList<>();
        get("/v1/tasks?limit=25", "/v1/tasks", READ_ONLY_TOKEN).json().get("data").forEach(t -> listed.add(t.get("id").asText()));
        assertThat(listed).doesNotContain(id);
    }

    @Test
    void listsWalkByOffsetWithTheirTotalCount() {
        for (int i = 0; i < 4; i++) {
            assertThat(post("/v1/tasks", "/v1/tasks", OTHER_TENANT_TOKEN,
                    "{\"fields\": {\"$title\": \"t" + i + "\", \"$status\": \"TODO\"}, \"relationships\": {\"$assignedTo\": \"mem_eve\"}}")
                    .status()).isEqualTo(200);
        }
        Reply first = get("/v1/tasks?limit=3", "/v1/tasks", OTHER_TENANT_TOKEN);
        Reply second = get("/v1/tasks?offset=3&limit=3", "/v1/tasks", OTHER_TENANT_TOKEN);
        assertThat(first.json().get("totalCount").asLong()).isEqualTo(4);
        assertThat(first.json().get("data")).hasSize(3);
        assertThat(second.json().get("data")).hasSize(1);
        assertError(get("/v1/tasks?limit=26", "/v1/tasks", OTHER_TENANT_TOKEN), 400, null, "limit");
        assertError(get("/v1/tasks?offset=-1", "/v1/tasks", OTHER_TENANT_TOKEN), 400, null, "offset");
    }

    @Test
    void everyKindOfErrorConforms() {
        assertError(post("/v1/tasks", "/v1/tasks", LIGHTFIELD_TOKEN,
                "{\"fields\": {\"$title\": \"t\", \"$status\": \"TODO\"}, \"relationships\": {\"foo\": \"x\", \"$assignedTo\": \"m\"}}"),
                400, "unknown_relationship", "relationships.foo");
        assertError(post("/v1/tasks", "/v1/tasks", LIGHTFIELD_TOKEN,
                "{\"fields\": {\"$title\": \"t\", \"$status\": \"TODO\"}, \"relationships\": {}}"),
                400, "parameter_missing", "relationships.$assignedTo");
        assertError(post("/v1/tasks", "/v1/tasks", LIGHTFIELD_TOKEN,
                "{\"fields\": {\"$title\": \"t\", \"$status\": \"TODO\", \"$priority\": 1}, \"relationships\": {\"$assignedTo\": \"m\"}}"),
                400, "unknown_field", "fields.$priority");
        assertError(post("/v1/tasks", "/v1/tasks", LIGHTFIELD_TOKEN, "{\"fields\": "), 400, null, null);
        assertError(post("/v1/tasks", "/v1/tasks", LIGHTFIELD_TOKEN,
                "{\"fields\": {\"$title\": \"" + "x".repeat(501) + "\", \"$status\": \"TODO\"}, \"relationships\": {\"$assignedTo\": \"m\"}}"),
                422, null, "fields.$title");
        assertError(checked(server, server.request("/v1/tasks", LIGHTFIELD_TOKEN).header("Content-Type", "application/json")
                .header("Idempotency-Key", "k".repeat(256)).POST(HttpRequest.BodyPublishers.ofString(VALID)).build(), "/v1/tasks"),
                400, "idempotency_key_too_long", null);
        assertError(checked(server, HttpRequest.newBuilder(server.base().resolve("/v1/tasks"))
                .header("Authorization", "Bearer " + LIGHTFIELD_TOKEN).GET().build(), "/v1/tasks"), 400, "version_header", null);
        assertError(checked(server, HttpRequest.newBuilder(server.base().resolve("/v1/tasks"))
                .header("Authorization", "Bearer " + LIGHTFIELD_TOKEN).header("Lightfield-Version", "2025-01-01").GET().build(),
                "/v1/tasks"), 400, "version_header", null);
        assertError(get("/v1/tasks", "/v1/tasks", null), 401, null, null);
        assertError(get("/v1/tasks", "/v1/tasks", "not-a-token"), 401, null, null);
        assertError(post("/v1/tasks", "/v1/tasks", READ_ONLY_TOKEN, VALID), 403, null, null);
        assertError(get("/v1/tasks/task_0000000000000000", "/v1/tasks/{id}", LIGHTFIELD_TOKEN), 404, null, null);
        assertError(get("/v1/tasks/%25zz", "/v1/tasks/{id}", LIGHTFIELD_TOKEN), 404, null, null);
        assertError(checked(server, server.request("/v1/tasks", LIGHTFIELD_TOKEN).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(VALID)).build(), "/v1/tasks"), 415, null, null);

        String id = post("/v1/tasks", "/v1/tasks", LIGHTFIELD_TOKEN, VALID).json().get("id").asText();
        Reply conflict = checked(server, server.request("/v1/tasks/" + id, LIGHTFIELD_TOKEN).header("Content-Type", "application/json")
                .header("If-Match", "\"9\"").POST(HttpRequest.BodyPublishers.ofString("{\"fields\": {\"$title\": \"x\"}}")).build(),
                "/v1/tasks/{id}");
        assertError(conflict, 409, null, null);
        assertThat(conflict.json().get("error").get("message").asText()).contains("9").contains("1");
    }

    @Test
    void aBrokenDatabaseIs503InBothApisWithoutADetailOfIt() throws Exception {
        try (RunningServer broken = RunningServer.start(false)) {
            String id = broken.post("/v1/tasks", LIGHTFIELD_TOKEN, VALID).json().get("id").asText();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + broken.directory.resolve("tasks.db"));
                    Statement s = c.createStatement()) {
                s.execute("DROP TABLE task_metadata"); // what a failed disk or a bad migration looks like to the store
            }
            Reply lightfield = broken.get("/v1/tasks/" + id, LIGHTFIELD_TOKEN);
            assertError(lightfield, 503, null, null);
            Reply stora = broken.get("/2025-09/tasks/" + id, RunningServer.STORA_TOKEN);
            assertThat(stora.status()).isEqualTo(503);
            for (Reply reply : List.of(lightfield, stora)) {
                assertThat(reply.text().toLowerCase(java.util.Locale.ROOT)).doesNotContain("sql", "task_metadata", "jdbc", "exception");
            }
        }
    }

    @Test
    void rateLimitsAnswer429WithLightfieldsHeaders() {
        try (RunningServer limited = RunningServer.start(true)) {
            Reply last = null;
            for (int i = 0; i < 500 && (last == null || last.status() != 429); i++) {
                last = checked(limited, limited.request("/v1/tasks", LIGHTFIELD_TOKEN).GET().build(), "/v1/tasks");
                assertThat(last.header("X-RateLimit-Limit")).isEqualTo("25");
                assertThat(last.header("X-RateLimit-Remaining")).isNotNull();
                assertThat(last.header("X-RateLimit-Reset")).isNotNull();
            }
            assertThat(last.status()).isEqualTo(429);
            assertThat(last.header("Retry-After")).isNotNull();
        }
    }
}
