package dev.tasks.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasks.json.JsonBody;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real server for a test class: started on a free port over a new SQLite file, called over HTTP with
 * the JDK's client, as a client of the public APIs would call it.
 */
final class RunningServer implements AutoCloseable {

    static final String STORA_TOKEN = "stora-test-token";
    static final String LIGHTFIELD_TOKEN = "lightfield-test-token";
    static final String READ_ONLY_TOKEN = "read-only-test-token";
    static final String OTHER_TENANT_TOKEN = "other-tenant-test-token";
    static final String NO_SCOPE_TOKEN = "no-scope-test-token";

    final TaskServer server;
    final Path directory;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private RunningServer(TaskServer server, Path directory) {
        this.server = server;
        this.directory = directory;
    }

    /** A server over a new SQLite file with the test tokens (rate limits as asked). */
    static RunningServer start(boolean rateLimits) {
        try {
            Path directory = Files.createTempDirectory("task-server-test");
            String config = """
                    {"host": "127.0.0.1", "port": 0, "database": "%s", "rateLimits": %s,
                     "lightfieldAppUrl": "https://app.example.test/tasks/",
                     "tokens": {
                       "%s": {"tenant": "acme", "principal": "app_531844f4c4837d61", "scopes": ["public.task:read", "public.task:write"]},
                       "%s": {"tenant": "acme", "principal": "mem_ada", "scopes": ["tasks:read", "tasks:create", "tasks:update", "tasks:delete"]},
                       "%s": {"tenant": "acme", "principal": "mem_reader", "scopes": ["tasks:read", "public.task:read"]},
                       "%s": {"tenant": "globex", "principal": "mem_eve", "scopes": ["tasks:read", "tasks:create", "tasks:update", "tasks:delete"]},
                       "%s": {"tenant": "acme", "principal": "mem_nobody", "scopes": []}
                     },
                     "relationships": [{"name": "project", "objectType": "project", "cardinality": "HAS_ONE"}]}
                    """.formatted(directory.resolve("tasks.db").toString().replace("\\", "\\\\"), rateLimits,
                    STORA_TOKEN, LIGHTFIELD_TOKEN, READ_ONLY_TOKEN, OTHER_TENANT_TOKEN, NO_SCOPE_TOKEN);
            return new RunningServer(TaskServer.start(ServerConfig.parse(config.getBytes(StandardCharsets.UTF_8), "test")), directory);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    URI base() {
        return server.address();
    }

    /** A response: status, headers and the body parsed as JSON (null if empty). */
    record Reply(int status, Map<String, String> headers, String text, JsonNode json) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /**
     * Sends a request. Every answer to a Lightfield path is validated against the schema that Lightfield's
     * OpenAPI document gives for its operation and status (a {@code DELETE}, which the document does not
     * describe, against the retrieve operation's), so that no test can see a non-conforming response pass.
     */
    Reply send(HttpRequest request) {
        Reply reply = exchange(request);
        if (request.uri().getRawPath().startsWith("/v1/")) {
            LightfieldSchemas.assertConforms(request, reply);
        }
        return reply;
    }

    private Reply exchange(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            byte[] body = response.body();
            JsonNode json = body.length == 0 ? null : JsonBody.parse(body);
            return new Reply(response.statusCode(), headers, new String(body, StandardCharsets.UTF_8), json);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A request to a path of this server with a bearer token and, for Lightfield paths, the version header. */
    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (path.startsWith("/v1/")) {
            b.header("Lightfield-Version", LightfieldApi.VERSION);
        }
        return b;
    }

    Reply get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    Reply delete(String path, String token) {
        return send(request(path, token).DELETE().build());
    }

    Reply post(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
    }

    Reply patch(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
    }

    @Override
    public void close() {
        server.close();
    }
}
