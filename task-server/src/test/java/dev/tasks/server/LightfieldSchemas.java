package dev.tasks.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasks.json.openapi.OpenApiResponses;
import dev.tasks.server.RunningServer.Reply;
import java.net.http.HttpRequest;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/** Validates Lightfield responses against Lightfield's OpenAPI document, and remembers which were seen. */
final class LightfieldSchemas {

    private static final OpenApiResponses OPENAPI = OpenApiResponses.lightfield();
    private static final Set<String> CHECKED = Collections.synchronizedSet(new TreeSet<>());

    private LightfieldSchemas() {
    }

    /** The operation's path as the document writes it. */
    static String documentedPath(String rawPath) {
        String[] parts = rawPath.replaceAll("/+$", "").split("/");
        if (parts.length <= 3) {
            return "/v1/tasks";
        }
        return parts.length == 4 && parts[3].equals("definitions") ? "/v1/tasks/definitions" : "/v1/tasks/{id}";
    }

    static void assertConforms(HttpRequest request, Reply reply) {
        String path = documentedPath(request.uri().getRawPath());
        String method = request.method().equals("DELETE") ? "get" : request.method();
        assertThat(reply.json()).as("a JSON body for " + request.method() + " " + request.uri()).isNotNull();
        assertThat(OPENAPI.validate(path, method, reply.status(), reply.json()))
                .as(request.method() + " " + request.uri() + " -> " + reply.status() + " " + reply.text()).isEmpty();
        CHECKED.add(request.method() + " " + path + " " + reply.status());
    }

    /** The operations and statuses validated so far in this JVM. */
    static Set<String> checked() {
        synchronized (CHECKED) {
            return Set.copyOf(CHECKED);
        }
    }
}
