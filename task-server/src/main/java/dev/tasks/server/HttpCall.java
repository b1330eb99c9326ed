package dev.tasks.server;

import dev.tasks.core.Text;
import com.sun.net.httpserver.HttpExchange;
import dev.tasks.json.JsonBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One HTTP request and its answer: the parts a route reads (method, path segments, query, headers, a
 * bounded body) and one way to answer with JSON.
 */
final class HttpCall {

    /** Thrown when the body is larger than {@link JsonBody#MAX_BODY_BYTES}. */
    static final class BodyTooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        BodyTooLarge() {
            super("the request body is larger than " + JsonBody.MAX_BODY_BYTES + " bytes", null, false, false);
        }
    }

    /** Thrown when the query string is not well-formed. */
    static final class MalformedQuery extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedQuery(String message) {
            super(message, null, false, false);
        }
    }

    private final HttpExchange exchange;
    private final String requestId = UUID.randomUUID().toString();
    private final List<String> segments;
    private boolean answered;

    HttpCall(HttpExchange exchange) {
        this.exchange = exchange;
        String path = exchange.getRequestURI().getRawPath();
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                parts.add(decodeSegment(part));
            }
        }
        this.segments = Collections.unmodifiableList(parts);
    }

    /** A path segment, percent-decoded ({@code +} stays a plus in a path); left as sent if malformed. */
    private static String decodeSegment(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw; // no task id has a '%', so such a path finds nothing
        }
    }

    /** The method, HEAD read as GET (the answer then goes without its body). */
    String method() {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        return method.equals("HEAD") ? "GET" : method;
    }

    private boolean isHead() {
        return exchange.getRequestMethod().equalsIgnoreCase("HEAD");
    }

    /** A caller's text as an error message may quote it: one line, at most 64 characters. */
    static String quoted(String text) {
        return Text.quoted(text);
    }

    /** The decoded path segments, e.g. {@code [v1, tasks, task_…]}. */
    List<String> segments() {
        return segments;
    }

    String requestId() {
        return requestId;
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
    }

    /** The bearer token of the Authorization header, if there is one. */
    Optional<String> bearerToken() {
        return header("Authorization").map(String::trim).filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).trim()).filter(t -> !t.isEmpty());
    }

    /** Tells whether the request declares a JSON body (or no type at all). */
    boolean hasJsonContentType() {
        Optional<String> type = header("Content-Type");
        if (type.isEmpty()) {
            return true;
        }
        String mediaType = type.get().split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    /**
     * The query parameters, decoded; a name given twice keeps its first value.
     *
     * @throws MalformedQuery if a part is not percent-decodable
     */
    Map<String, String> query() throws MalformedQuery {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                throw new MalformedQuery("the query string is not well-formed: " + pair);
            }
        }
        return query;
    }

    /**
     * The request body, read whole.
     *
     * @throws BodyTooLarge past {@link JsonBody#MAX_BODY_BYTES}
     */
    byte[] body() throws IOException, BodyTooLarge {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(JsonBody.MAX_BODY_BYTES + 1);
            if (body.length > JsonBody.MAX_BODY_BYTES) {
                throw new BodyTooLarge();
            }
            return body;
        }
    }

    void setHeader(String name, String value) {
        exchange.getResponseHeaders().set(name, value);
    }

    /** Answers with a JSON body (or none for 204). */
    void respond(int status, byte[] json) throws IOException {
        if (answered) {
            throw new IllegalStateException("answered twice");
        }
        answered = true;
        exchange.getResponseHeaders().set("Request-Id", requestId);
        if (isHead() && json != null) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, -1); // a HEAD answer has the headers of the GET, no body
        } else if (status == 204 || json == null) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, json.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(json);
            }
        }
        exchange.close();
    }

    boolean answered() {
        return answered;
    }
}
