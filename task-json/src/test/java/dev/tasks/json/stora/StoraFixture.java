package dev.tasks.json.stora;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasks.api.Actor;
import dev.tasks.api.RelatedEntities;
import dev.tasks.api.Scope;
import dev.tasks.api.TaskException;
import dev.tasks.api.TaskService;
import dev.tasks.core.NewTask;
import dev.tasks.core.Task;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskPatch;
import dev.tasks.json.BodyException;
import dev.tasks.json.JsonBody;
import dev.tasks.store.memory.InMemoryTaskStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A real service on an in-memory store with a fixed clock, and the small steps a Stora server takes: read
 * the body, call the service, write the task or the error. Tests go through it so that what they check is
 * what a client would receive.
 */
final class StoraFixture {

    static final Instant NOW = Instant.parse("2025-02-22T14:41:00Z");
    static final String PRINCIPAL = "app_531844f4c4837d61";
    static final String REQUEST_ID = "01563646-58c1-4607-8fe0-cae3e92c4477";

    final InMemoryTaskStore store = new InMemoryTaskStore();
    final TaskService service;
    final Actor actor = Actor.of("acme", PRINCIPAL, Scope.all());
    final StoraFormat stora;

    StoraFixture() {
        this(new StoraFormat(), RelatedEntities.acceptAll());
    }

    StoraFixture(StoraFormat stora, RelatedEntities related) {
        this.stora = stora;
        this.service = TaskService.builder(store).clock(Clock.fixed(NOW, ZoneOffset.UTC)).relatedEntities(related).build();
    }

    /** A response as a server would send it. */
    record Response(int status, JsonNode body) {
    }

    /** {@code POST /tasks}: 201 with the task, or the error. */
    Response create(String json) {
        return respond(201, () -> service.create(actor, stora.readCreate(bytes(json))));
    }

    /** {@code PATCH /tasks/{id}}: 200 with the task, or the error. */
    Response update(TaskId id, String json) {
        return respond(200, () -> service.update(actor, id, stora.readUpdate(bytes(json))));
    }

    /** Creates a task through the service directly. */
    Task given(NewTask request) {
        return service.create(actor, request);
    }

    /** Patches a task through the service directly. */
    Task patched(TaskId id, TaskPatch patch) {
        return service.update(actor, id, patch);
    }

    private Response respond(int success, Supplier<Task> call) {
        try {
            return new Response(success, parse(stora.writeTask(call.get(), REQUEST_ID)));
        } catch (BodyException e) {
            return error(StoraError.from(e, REQUEST_ID));
        } catch (TaskException e) {
            return error(StoraError.from(e, REQUEST_ID));
        }
    }

    static Response error(StoraError error) {
        return new Response(error.httpStatus(), parse(error.body()));
    }

    static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** Parses what this package wrote, with the strict reader: a response must be strict JSON too. */
    static JsonNode parse(byte[] json) {
        return JsonBody.parse(json);
    }

    /** A test resource under {@code stora/}. */
    static JsonNode resource(String name) {
        try (InputStream in = StoraFixture.class.getResourceAsStream("/stora/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource stora/" + name);
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pointers of an error body's details, in order. */
    static List<String> pointers(JsonNode errorBody) {
        List<String> pointers = new ArrayList<>();
        for (JsonNode detail : errorBody.path("error").path("details")) {
            pointers.add(detail.path("pointer").isNull() ? null : detail.path("pointer").asText());
        }
        return pointers;
    }

    static Set<String> names(JsonNode object) {
        Set<String> names = new LinkedHashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
