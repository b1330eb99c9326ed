package dev.tasks.server;

import com.sun.net.httpserver.HttpExchange;
import dev.tasks.api.TaskService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Hands each request to the API that owns its path; answers the others with a JSON 404. */
final class Router {

    private static final Logger LOG = Logger.getLogger(Router.class.getName());

    private final List<WireApi> apis;

    Router(ServerConfig config, TaskService service) {
        this.apis = List.of(new StoraApi(config, service), new LightfieldApi(config, service));
    }

    void handle(HttpExchange exchange) {
        HttpCall call = new HttpCall(exchange);
        try {
            for (WireApi api : apis) {
                if (api.owns(call.segments())) {
                    api.serve(call);
                    return;
                }
            }
            call.respond(404, ("{\"error\":{\"type\":\"not_found\",\"code\":\"route_not_found\",\"message\":"
                    + "\"no route here: Stora's task API is under /2025-09/tasks, Lightfield's under /v1/tasks\"}}")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.log(Level.FINE, "the client went away", e);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "request " + call.requestId() + " failed", e);
            if (!call.answered()) {
                try {
                    call.respond(500, ("{\"error\":{\"type\":\"internal_server_error\",\"code\":\"internal_server_error\","
                            + "\"message\":\"the server failed; request id " + call.requestId() + "\"}}")
                            .getBytes(StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // the client went away too
                }
            }
        } finally {
            exchange.close();
        }
    }
}
