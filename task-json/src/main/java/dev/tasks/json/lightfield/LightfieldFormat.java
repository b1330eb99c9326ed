package dev.tasks.json.lightfield;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasks.core.NewTask;
import dev.tasks.core.RelationshipDefinition;
import dev.tasks.core.Task;
import dev.tasks.core.TaskDefinitions;
import dev.tasks.core.TaskPatch;
import dev.tasks.json.BodyException;
import dev.tasks.json.JsonBody;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The Lightfield wire format of tasks ({@code Lightfield-Version: 2026-03-01}): request bodies to the
 * library's {@link NewTask} and {@link TaskPatch}, tasks, lists and definitions to JSON. Errors are
 * {@link LightfieldError}s; list parameters are read by {@link LightfieldPage}. No HTTP here: the server
 * hands bytes in and sends the bytes it gets back.
 *
 * <p>A format is made from the service's definitions, which give it the relationship names it accepts
 * and the relationships it writes; it is immutable and thread-safe.
 *
 * <pre>{@code
 * LightfieldFormat format = new LightfieldFormat(service.definitions(), "https://app.example.com/tasks");
 * Task task = service.create(actor, format.readCreate(requestBody));   // BodyException, TaskException
 * byte[] response = format.writeTask(task);
 * }</pre>
 *
 * <p>Statuses are written by name ({@code TODO}, {@code IN_PROGRESS}, {@code COMPLETE},
 * {@code CANCELLED}, and the library's default {@code OPEN}, which Lightfield does not document) and read
 * the same way, {@code OPEN} included; {@code $status} is a {@code SINGLE_SELECT}, {@code $dueAt} a
 * {@code DATETIME}, {@code $description} {@code MARKDOWN}, {@code $title} {@code TEXT}. There is no
 * {@code completedAt} on the wire.
 */
public final class LightfieldFormat {

    /** The API version this format speaks, the only value of the {@code Lightfield-Version} header. */
    public static final String API_VERSION = "2026-03-01";

    /** The header that carries the API version. */
    public static final String VERSION_HEADER = "Lightfield-Version";

    private final TaskDefinitions definitions;
    private final String httpLinkBase;
    private final CreateReader createReader;
    private final UpdateReader updateReader;
    private final TaskWriter taskWriter;

    /**
     * A format whose tasks have no {@code httpLink} (it is written as null).
     *
     * @param definitions the service's definitions ({@code TaskService.definitions()})
     * @throws IllegalArgumentException if the definitions lack one of the four task fields
     */
    public LightfieldFormat(TaskDefinitions definitions) {
        this(definitions, null);
    }

    /**
     * A format whose tasks link to a web page: {@code httpLink} is the base, a {@code /} and the task's id.
     *
     * @param definitions the service's definitions ({@code TaskService.definitions()})
     * @param httpLinkBase an absolute http or https URL without query or fragment, e.g.
     *     {@code https://app.example.com/tasks} (a trailing {@code /} is dropped); null for no link
     * @throws IllegalArgumentException if the URL is not such a URL, or the definitions lack one of the
     *     four task fields
     */
    public LightfieldFormat(TaskDefinitions definitions, String httpLinkBase) {
        this.definitions = Objects.requireNonNull(definitions, "definitions");
        this.httpLinkBase = httpLinkBase == null ? null : checkedBase(httpLinkBase);
        Set<String> names = new LinkedHashSet<>();
        for (RelationshipDefinition relationship : definitions.relationships()) {
            names.add(relationship.name());
        }
        Set<String> relationshipNames = Set.copyOf(names);
        this.createReader = new CreateReader(relationshipNames);
        this.updateReader = new UpdateReader(relationshipNames);
        this.taskWriter = new TaskWriter(definitions, this.httpLinkBase);
    }

    /**
     * Reads the body of {@code POST /v1/tasks}:
     * {@code {"fields": {"$title", "$status", "$description"?, "$dueAt"?}, "relationships": {name: id | [ids]}}},
     * with {@code $assignedTo} among the relationships.
     *
     * <p>The first problem in body order is reported (a missing member where its object ends). Rules
     * that need no body structure (lengths, id formats, cardinality, read-only relationships) are the
     * service's, which answers them with a {@code TaskException}.
     *
     * @param body the request body, UTF-8 JSON
     * @return the request, for {@code TaskService.create}
     * @throws BodyException if the body is not such an object; {@link LightfieldError#from(BodyException)}
     *     turns it into the response
     */
    public NewTask readCreate(byte[] body) {
        return createReader.read(body);
    }

    /**
     * Reads the body of {@code POST /v1/tasks/{id}}: {@code {"fields"?: {...}, "relationships"?: {name:
     * {"add"?, "remove"?, "replace"?}}}}. Only what is sent changes; null clears {@code $description} and
     * {@code $dueAt}; null for {@code $title} or {@code $status} is passed on as a clear, which the
     * service refuses ({@code 422 required}); {@code replace: null} clears a relationship.
     *
     * @param body the request body, UTF-8 JSON
     * @return the patch, for {@code TaskService.update}
     * @throws BodyException if the body is not such an object
     */
    public TaskPatch readUpdate(byte[] body) {
        return updateReader.read(body);
    }

    /**
     * Writes a task: the response of create, retrieve and update.
     *
     * @param task a task of the service this format was made for
     * @return the UTF-8 JSON body
     */
    public byte[] writeTask(Task task) {
        return bytes(taskWriter.task(Objects.requireNonNull(task, "task")));
    }

    /**
     * Writes a page of tasks: {@code {"object": "list", "data": [...], "totalCount": n}}.
     *
     * @param tasks the page's tasks, in order
     * @param totalCount how many tasks match the query in all pages (the service's {@code count})
     * @return the UTF-8 JSON body
     * @throws IllegalArgumentException if {@code totalCount} is negative
     */
    public byte[] writeList(List<Task> tasks, long totalCount) {
        Objects.requireNonNull(tasks, "tasks");
        if (totalCount < 0) {
            throw new IllegalArgumentException("totalCount must be at least 0: " + totalCount);
        }
        ObjectNode node = JsonBody.mapper().createObjectNode();
        node.put("object", "list");
        ArrayNode data = node.putArray("data");
        for (Task task : tasks) {
            data.add(taskWriter.task(Objects.requireNonNull(task, "a task of the list")));
        }
        node.put("totalCount", totalCount);
        return bytes(node);
    }

    /**
     * Writes {@code GET /v1/tasks/definitions}: {@code objectType} {@code task}, the field definitions
     * (the status options list every status, {@code OPEN} included) and the relationship definitions.
     *
     * @param definitions the definitions to publish, usually the service's
     * @return the UTF-8 JSON body
     */
    public byte[] writeDefinitions(TaskDefinitions definitions) {
        return bytes(DefinitionsWriter.definitions(Objects.requireNonNull(definitions, "definitions")));
    }

    /**
     * Writes the definitions this format was made from.
     *
     * @return the UTF-8 JSON body
     */
    public byte[] writeDefinitions() {
        return writeDefinitions(definitions);
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JsonBody.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serializes", e);
        }
    }

    private static String checkedBase(String base) {
        URI uri;
        try {
            uri = new URI(base);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("httpLinkBase is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme();
        if (!uri.isAbsolute() || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("httpLinkBase must be an absolute http or https URL, e.g. "
                    + "https://app.example.com/tasks");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("httpLinkBase must have no query and no fragment: the task id is appended");
        }
        return base.replaceAll("/+$", "");
    }
}
