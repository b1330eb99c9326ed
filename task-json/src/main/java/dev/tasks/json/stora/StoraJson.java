package dev.tasks.json.stora;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tasks.core.SystemRelationship;
import dev.tasks.core.Task;
import dev.tasks.json.JsonBody;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Writes Stora's response bodies with Jackson's streaming generator: no data binding, no reflection.
 *
 * <p>A task's members are written as in Stora's documented example: {@code id} first, then the others in
 * alphabetical order, every one of them always present ({@code null} when unset, {@code {}} for empty
 * metadata), so that a client can rely on the shape.
 */
final class StoraJson {

    private StoraJson() {
    }

    static byte[] task(Task task, String requestId, List<Curie> curies) {
        return write(g -> {
            g.writeStartObject();
            g.writeFieldName("task");
            task(g, task);
            meta(g, requestId, curies, null);
            g.writeEndObject();
        });
    }

    static byte[] list(List<Task> tasks, StoraPagination pagination, String requestId, List<Curie> curies) {
        return write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("tasks");
            for (Task task : tasks) {
                task(g, task);
            }
            g.writeEndArray();
            meta(g, requestId, curies, pagination);
            g.writeEndObject();
        });
    }

    static byte[] error(StoraError error) {
        return write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("code", error.code());
            g.writeStringField("type", error.type());
            g.writeStringField("message", error.message());
            g.writeStringField("request_id", error.requestId());
            g.writeArrayFieldStart("details");
            for (StoraErrorDetail detail : error.details()) {
                g.writeStartObject();
                g.writeStringField("message", detail.message());
                nullableString(g, "pointer", detail.pointer());
                if (detail.parameter().isPresent()) {
                    g.writeStringField("parameter", detail.parameter().get());
                }
                if (detail.header().isPresent()) {
                    g.writeStringField("header", detail.header().get());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("links");
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static void task(JsonGenerator g, Task task) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", task.id().value());
        entity(g, "assignee", task, SystemRelationship.ASSIGNED_TO);
        nullableInstant(g, "completed_at", task.completedAt());
        g.writeStringField("created_at", JsonBody.instant(task.createdAt()));
        entity(g, "creator", task, SystemRelationship.CREATED_BY);
        nullableString(g, "description", task.description());
        nullableInstant(g, "due_at", task.dueAt());
        g.writeObjectFieldStart("metadata");
        for (Map.Entry<String, String> entry : task.metadata().entrySet()) {
            g.writeStringField(entry.getKey(), entry.getValue());
        }
        g.writeEndObject();
        entity(g, "resource", task, SystemRelationship.RESOURCE);
        entity(g, "site", task, SystemRelationship.SITE);
        g.writeStringField("status", StatusNames.name(task.status()));
        g.writeStringField("title", task.title());
        g.writeStringField("updated_at", JsonBody.instant(task.updatedAt()));
        g.writeEndObject();
    }

    private static void meta(JsonGenerator g, String requestId, List<Curie> curies, StoraPagination pagination)
            throws IOException {
        g.writeObjectFieldStart("meta");
        g.writeStringField("request_id", requestId);
        g.writeArrayFieldStart("curies");
        for (Curie curie : curies) {
            g.writeStartObject();
            g.writeStringField("name", curie.name());
            g.writeStringField("href", curie.href());
            g.writeBooleanField("templated", curie.templated());
            g.writeStringField("title", curie.title());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (pagination != null) {
            g.writeObjectFieldStart("pagination");
            g.writeNumberField("count", pagination.count());
            g.writeNumberField("last", pagination.last());
            g.writeNumberField("limit", pagination.limit());
            nullableNumber(g, "next", pagination.next());
            g.writeNumberField("page", pagination.page());
            g.writeNumberField("pages", pagination.pages());
            nullableNumber(g, "prev", pagination.prev());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** A has-one relationship as {@code {"id": …}}, or null when it holds no id. */
    private static void entity(JsonGenerator g, String name, Task task, SystemRelationship relationship) throws IOException {
        List<String> ids = task.relationship(relationship);
        if (ids.isEmpty()) {
            g.writeNullField(name);
        } else {
            g.writeObjectFieldStart(name);
            g.writeStringField("id", ids.get(0));
            g.writeEndObject();
        }
    }

    private static void nullableString(JsonGenerator g, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            g.writeStringField(name, value.get());
        } else {
            g.writeNullField(name);
        }
    }

    private static void nullableInstant(JsonGenerator g, String name, Optional<Instant> value) throws IOException {
        nullableString(g, name, value.map(JsonBody::instant));
    }

    private static void nullableNumber(JsonGenerator g, String name, OptionalLong value) throws IOException {
        if (value.isPresent()) {
            g.writeNumberField(name, value.getAsLong());
        } else {
            g.writeNullField(name);
        }
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JsonBody.mapper().getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            body.write(g);
        } catch (IOException e) {
            // Writing to memory does not fail; a generator state error would be a bug here.
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** What to write between the generator's creation and its close. */
    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }
}
