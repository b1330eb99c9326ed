package dev.tasks.server;

import static dev.tasks.server.RunningServer.LIGHTFIELD_TOKEN;
import static dev.tasks.server.RunningServer.NO_SCOPE_TOKEN;
import static dev.tasks.server.RunningServer.STORA_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasks.server.RunningServer.Reply;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What HTTP clients do besides the happy path: slow or idle connections, HEAD, odd headers, replays. */
class HttpEdgesTest {

    private static RunningServer server;

    @BeforeAll
    static void start() {
        server = RunningServer.start(false);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void connectionsThatNeverFinishTheirRequestDoNotStopTheServer() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < TaskServer.WORKERS + 6; i++) { // more than every worker
                Socket socket = new Socket(server.base().getHost(), server.base().getPort());
                OutputStream out = socket.getOutputStream();
                out.write("GET /v1/tasks HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII)); // headers never end
                out.flush();
                idle.add(socket);
            }
            Reply reply = server.get("/2025-09/tasks", STORA_TOKEN); // served once the idle requests time out
            assertThat(reply.status()).isEqualTo(200);
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    @Test
    void headAnswersTheHeadersOfGetWithoutABody() {
        String id = server.post("/2025-09/tasks", STORA_TOKEN, "{\"title\": \"head\"}").json().get("task").get("id").asText();
        HttpRequest head = server.request("/2025-09/tasks/" + id, STORA_TOKEN).method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        Reply reply = server.send(head);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).isEmpty();
        assertThat(reply.header("ETag")).isEqualTo("\"1\"");
    }

    @Test
    void definitionsNeedTheReadScope() {
        Reply reply = server.get("/v1/tasks/definitions", NO_SCOPE_TOKEN);
        assertThat(reply.status()).isEqualTo(403);
    }

    @Test
    void onlyOneStrongVersionTagIsAPrecondition() {
        String id = server.post("/2025-09/tasks", STORA_TOKEN, "{\"title\": \"tags\"}").json().get("task").get("id").asText();
        for (String tag : List.of("W/\"1\"", "\"01\"", "+1", "\"1\", \"2\"", "abc")) {
            Reply reply = server.send(server.request("/2025-09/tasks/" + id, STORA_TOKEN).header("Content-Type", "application/json")
                    .header("If-Match", tag).method("PATCH", HttpRequest.BodyPublishers.ofString("{\"title\": \"x\"}")).build());
            assertThat(reply.status()).as(tag).isEqualTo(400);
            assertThat(reply.json().get("error").get("code").asText()).isEqualTo("invalid_request");
        }
        Reply lightfield = server.send(server.request("/v1/tasks/" + id, LIGHTFIELD_TOKEN).header("Content-Type", "application/json")
                .header("If-Match", "W/\"1\"").POST(HttpRequest.BodyPublishers.ofString("{\"fields\": {\"$title\": \"x\"}}")).build());
        assertThat(lightfield.status()).isEqualTo(400);
        assertThat(lightfield.json().get("error").get("param").asText()).isEqualTo("If-Match");
        assertThat(server.get("/2025-09/tasks/" + id, STORA_TOKEN).json().get("task").get("title").asText()).isEqualTo("tags");
    }

    @Test
    void storaAnswersItsOwnCodesForMethodsAndMediaTypes() {
        Reply put = server.send(server.request("/2025-09/tasks", STORA_TOKEN).PUT(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.header("Allow")).isEqualTo("GET, POST");
        assertThat(put.json().get("error").get("code").asText()).isEqualTo("method_not_allowed");
        Reply text = server.send(server.request("/2025-09/tasks", STORA_TOKEN).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"x\"}")).build());
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.json().get("error").get("code").asText()).isEqualTo("unsupported_media_type");
        Reply huge = server.post("/2025-09/tasks", STORA_TOKEN, "{\"title\": \"" + "x".repeat(1 << 20) + "\"}");
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.json().get("error").get("code").asText()).isEqualTo("invalid_request");
        Reply longId = server.get("/2025-09/tasks/" + "y".repeat(5000), STORA_TOKEN);
        assertThat(longId.status()).isEqualTo(404);
        assertThat(longId.text().length()).isLessThan(1000);
    }

    @Test
    void aStoraReplayOfATaskNowInTheTrashIsNotFound() {
        HttpRequest create = server.request("/2025-09/tasks", STORA_TOKEN).header("Content-Type", "application/json")
                .header("Idempotency-Key", "trash-replay-" + System.nanoTime())
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\": \"soon gone\"}")).build();
        String id = server.send(create).json().get("task").get("id").asText();
        assertThat(server.delete("/2025-09/tasks/" + id, STORA_TOKEN).status()).isEqualTo(204);
        Reply replay = server.send(create);
        assertThat(replay.status()).isEqualTo(404);
        assertThat(replay.json().get("error").get("code").asText()).isEqualTo("resource_not_found");
    }
}
