package dev.tasks.json.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks response bodies against the response schemas of an OpenAPI 3.1 document, with the networknt
 * JSON Schema validator (dialect 2020-12, which OpenAPI 3.1 schemas use). The document is read from the
 * class path and never fetched: {@code $ref}s such as {@code #/components/schemas/Task} resolve inside it.
 *
 * <pre>{@code
 * OpenApiResponses lightfield = OpenApiResponses.lightfield();
 * List<String> problems = lightfield.validate("/v1/tasks", "post", 200, JsonBody.mapper().readTree(body));
 * assertThat(problems).isEmpty();
 * }</pre>
 *
 * <p><b>Error envelopes.</b> Some APIs document an error's inner object as the response schema but wrap
 * it on the wire; Lightfield does ({@code {"error": {type, message, code?, param?}}}). Made with an
 * envelope member ({@link #lightfield()} uses {@code error}), this helper checks that an error body (status
 * 400 and above) is an object with that one member, and validates the member's value against the
 * documented schema.
 *
 * <p>Thread-safe: the schemas are compiled once per operation and status and cached.
 */
public final class OpenApiResponses {

    /** Where the Lightfield document lies on the class path (the task-json test-jar holds it). */
    public static final String LIGHTFIELD_DOCUMENT = "lightfield/lightfield-tasks-openapi.json";

    /** The member that wraps a Lightfield error's documented object. */
    public static final String LIGHTFIELD_ERROR_ENVELOPE = "error";

    private static final String MEDIA_TYPE = "application/json";

    private final String resource;
    private final JsonNode document;
    private final String documentIri;
    private final String errorEnvelope;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OpenApiResponses(String resource, String errorEnvelope) {
        this.resource = resource;
        this.errorEnvelope = errorEnvelope;
        String text = read(resource);
        try {
            this.document = new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document " + resource + " is not JSON", e);
        }
        String version = document.path("openapi").asText("");
        if (!version.startsWith("3.1")) {
            throw new IllegalArgumentException(resource + " is not an OpenAPI 3.1 document (openapi: '" + version + "')");
        }
        // A name of our own, served from memory: the validator resolves the document's #/... references
        // against it and has no reason to go to the network.
        this.documentIri = "https://openapi.invalid/" + resource;
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(documentIri, text)));
    }

    /**
     * The checker of Lightfield's task API: {@value #LIGHTFIELD_DOCUMENT}, errors wrapped in
     * {@value #LIGHTFIELD_ERROR_ENVELOPE}.
     *
     * @return the checker
     */
    public static OpenApiResponses lightfield() {
        return LightfieldHolder.INSTANCE;
    }

    /**
     * A checker of any OpenAPI 3.1 document in JSON on the class path.
     *
     * @param classpathResource e.g. {@code lightfield/lightfield-tasks-openapi.json}
     * @param errorEnvelope the member that wraps error bodies on the wire, or null if errors are sent as
     *     documented
     * @return the checker
     * @throws IllegalArgumentException if the resource is missing or not an OpenAPI 3.1 document
     */
    public static OpenApiResponses of(String classpathResource, String errorEnvelope) {
        return new OpenApiResponses(Objects.requireNonNull(classpathResource, "classpathResource"), errorEnvelope);
    }

    /**
     * Validates a response body against the schema the document gives for this operation and status
     * (for {@code application/json}). An error body is unwrapped first when this checker has an envelope.
     *
     * @param path the path as the document writes it, e.g. {@code /v1/tasks/{id}}
     * @param method the HTTP method, any case
     * @param status the response status
     * @param body the response body
     * @return what does not conform, one message per problem with its location; empty if the body conforms.
     *     A status the operation does not document is reported as a problem too
     * @throws IllegalArgumentException if the document has no such path or method (a mistake in the test)
     */
    public List<String> validate(String path, String method, int status, JsonNode body) {
        Objects.requireNonNull(body, "body");
        JsonNode operation = operation(path, method);
        JsonNode response = operation.path("responses").path(String.valueOf(status));
        if (response.isMissingNode()) {
            return List.of(method.toUpperCase(Locale.ROOT) + " " + path + " documents no " + status + " response");
        }
        if (!response.path("content").path(MEDIA_TYPE).has("schema")) {
            return List.of(method.toUpperCase(Locale.ROOT) + " " + path + " " + status + " documents no " + MEDIA_TYPE + " body");
        }
        JsonNode instance = body;
        if (errorEnvelope != null && status >= 400) {
            List<String> envelopeProblems = envelopeProblems(body);
            if (!envelopeProblems.isEmpty()) {
                return envelopeProblems;
            }
            instance = body.get(errorEnvelope);
        }
        Schema schema = schemas.computeIfAbsent(key(path, method, status), k -> schema(path, method, status));
        List<String> problems = new ArrayList<>();
        for (Error error : schema.validate(instance)) {
            problems.add(error.toString());
        }
        return List.copyOf(problems);
    }

    /**
     * The schema the document gives for a response, {@code $ref}s left as written.
     *
     * @param path the path as the document writes it
     * @param method the HTTP method, any case
     * @param status the response status
     * @return the schema node
     * @throws IllegalArgumentException if the document has no such response
     */
    public JsonNode responseSchema(String path, String method, int status) {
        JsonNode schema = operation(path, method).path("responses").path(String.valueOf(status))
                .path("content").path(MEDIA_TYPE).path("schema");
        if (schema.isMissingNode()) {
            throw new IllegalArgumentException(resource + " documents no " + MEDIA_TYPE + " body for "
                    + method + " " + path + " " + status);
        }
        return schema;
    }

    /**
     * The statuses an operation documents.
     *
     * @param path the path as the document writes it
     * @param method the HTTP method, any case
     * @return the statuses, in the document's order; unmodifiable
     * @throws IllegalArgumentException if the document has no such operation
     */
    public List<Integer> statuses(String path, String method) {
        List<Integer> statuses = new ArrayList<>();
        for (Iterator<String> it = operation(path, method).path("responses").fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (name.matches("[1-5][0-9][0-9]")) {
                statuses.add(Integer.valueOf(name));
            }
        }
        return List.copyOf(statuses);
    }

    private List<String> envelopeProblems(JsonNode body) {
        if (!body.isObject()) {
            return List.of("$: an error body must be an object with the one member '" + errorEnvelope + "'");
        }
        List<String> problems = new ArrayList<>();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.equals(errorEnvelope)) {
                problems.add("$: an error body has no member '" + name + "' beside '" + errorEnvelope + "'");
            }
        }
        if (!body.has(errorEnvelope)) {
            problems.add("$: an error body must wrap the documented error in '" + errorEnvelope + "'");
        } else if (!body.get(errorEnvelope).isObject()) {
            problems.add("$." + errorEnvelope + ": must be an object");
        }
        return problems;
    }

    private JsonNode operation(String path, String method) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(method, "method");
        JsonNode item = document.path("paths").path(path);
        if (item.isMissingNode()) {
            throw new IllegalArgumentException(resource + " has no path " + path);
        }
        JsonNode operation = item.path(method.toLowerCase(Locale.ROOT));
        if (operation.isMissingNode()) {
            throw new IllegalArgumentException(resource + " has no operation " + method + " " + path);
        }
        return operation;
    }

    private Schema schema(String path, String method, int status) {
        String pointer = "/paths/" + escape(path) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/" + status
                + "/content/" + escape(MEDIA_TYPE) + "/schema";
        Schema schema = registry.getSchema(SchemaLocation.of(documentIri + "#" + pointer));
        schema.initializeValidators(); // resolve every $ref now, so that a broken one fails here
        return schema;
    }

    private static String key(String path, String method, int status) {
        return method.toLowerCase(Locale.ROOT) + " " + path + " " + status;
    }

    /** A JSON Pointer token (RFC 6901). */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String read(String resource) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : OpenApiResponses.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource + " on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** Loaded on first use. */
    private static final class LightfieldHolder {
        static final OpenApiResponses INSTANCE = new OpenApiResponses(LIGHTFIELD_DOCUMENT, LIGHTFIELD_ERROR_ENVELOPE);
    }
}
