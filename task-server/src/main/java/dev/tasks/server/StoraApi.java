package dev.tasks.server;

import dev.tasks.api.Actor;
import dev.tasks.api.ErrorCode;
import dev.tasks.api.TaskException;
import dev.tasks.api.TaskNotFoundException;
import dev.tasks.api.TaskPage;
import dev.tasks.api.TaskService;
import dev.tasks.api.Written;
import dev.tasks.core.NewTask;
import dev.tasks.core.Task;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskStatus;
import dev.tasks.json.BodyException;
import dev.tasks.json.stora.StoraError;
import dev.tasks.json.stora.StoraErrorCode;
import dev.tasks.json.stora.StoraFormat;
import dev.tasks.json.stora.StoraPageRequest;
import dev.tasks.json.stora.StoraParameterException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Stora's task API under {@code /2025-09/tasks}: create, list ({@code page}, {@code limit}), retrieve,
 * {@code PATCH}, {@code POST /{id}/open}, {@code POST /{id}/complete} and {@code DELETE} (to the trash;
 * Stora's view no longer shows a trashed task).
 */
final class StoraApi implements WireApi {

    /** The API version in the path. */
    static final String VERSION = "2025-09";

    private final ServerConfig config;
    private final TaskService service;
    private final StoraFormat format = new StoraFormat();
    private final RateWindow perSecond = new RateWindow(10, Duration.ofSeconds(1), System::nanoTime);
    private final RateWindow perMinute = new RateWindow(60, Duration.ofMinutes(1), System::nanoTime);

    StoraApi(ServerConfig config, TaskService service) {
        this.config = config;
        this.service = service;
    }

    @Override
    public boolean owns(List<String> segments) {
        return !segments.isEmpty() && segments.get(0).equals(VERSION);
    }

    @Override
    public void serve(HttpCall call) throws IOException {
        try {
            Optional<String> token = call.bearerToken();
            Actor actor = token.map(config.tokens()::get).orElse(null);
            if (actor == null) {
                call.setHeader("WWW-Authenticate", "Bearer");
                answer(call, StoraError.of(StoraErrorCode.INVALID_TOKEN, token.isEmpty()
                        ? "an Authorization header with a bearer token is required" : "the bearer token is not valid", call.requestId()));
                return;
            }
            if (config.rateLimits() && !withinRateLimits(call, token.get())) {
                return;
            }
            route(call, actor);
        } catch (TaskException e) {
            // Stora has no trash: a trashed task is gone from its view, so a write to one is a 404 too
            TaskException seen = e.code() == ErrorCode.TASK_TRASHED ? new TaskNotFoundException(HttpCall.quoted(call.segments().get(2))) : e;
            answer(call, StoraError.from(seen, call.requestId()));
        } catch (BodyException e) {
            answer(call, StoraError.from(e, call.requestId()));
        } catch (StoraParameterException e) {
            answer(call, StoraError.from(e, call.requestId()));
        } catch (HttpCall.BodyTooLarge e) {
            answer(call, StoraError.of(StoraErrorCode.INVALID_REQUEST, e.getMessage(), call.requestId()));
        } catch (HttpCall.MalformedQuery e) {
            answer(call, StoraError.of(StoraErrorCode.INVALID_REQUEST, e.getMessage(), call.requestId()));
        } catch (Preconditions.BadPrecondition e) {
            answer(call, StoraError.of(StoraErrorCode.INVALID_REQUEST, e.getMessage(), call.requestId()));
        }
    }

    private void route(HttpCall call, Actor actor)
            throws IOException, HttpCall.BodyTooLarge, HttpCall.MalformedQuery, Preconditions.BadPrecondition {
        List<String> path = call.segments();
        String method = call.method();
        if (path.size() < 2 || !path.get(1).equals("tasks")) {
            answer(call, StoraError.of(StoraErrorCode.RESOURCE_NOT_FOUND, "no such resource: /" + String.join("/", path), call.requestId()));
        } else if (path.size() == 2) {
            switch (method) {
                case "POST" -> create(call, actor);
                case "GET" -> list(call, actor);
                default -> notAllowed(call, "GET, POST");
            }
        } else if (path.size() == 3) {
            TaskId id = taskId(path.get(2));
            switch (method) {
                case "GET" -> answerTask(call, 200, visible(actor, id));
                case "PATCH" -> update(call, actor, id);
                case "DELETE" -> trash(call, actor, id);
                default -> notAllowed(call, "GET, PATCH, DELETE");
            }
        } else if (path.size() == 4 && (path.get(3).equals("open") || path.get(3).equals("complete"))) {
            TaskId id = taskId(path.get(2));
            if (!method.equals("POST")) {
                notAllowed(call, "POST");
                return;
            }
            changeStatus(call, actor, id, path.get(3).equals("open") ? TaskStatus.OPEN : TaskStatus.COMPLETE);
        } else {
            answer(call, StoraError.of(StoraErrorCode.RESOURCE_NOT_FOUND, "no such resource: /" + String.join("/", path), call.requestId()));
        }
    }

    private void create(HttpCall call, Actor actor) throws IOException, HttpCall.BodyTooLarge {
        if (!call.hasJsonContentType()) {
            answer(call, StoraError.of(StoraErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json", call.requestId()));
            return;
        }
        NewTask task = format.readCreate(call.body());
        Optional<String> key = call.header("Idempotency-Key");
        Written written = key.isPresent() ? service.create(actor, task, key.get()) : new Written(service.create(actor, task), false);
        call.setHeader("Location", "/" + VERSION + "/tasks/" + written.task().id().value());
        answerWritten(call, written.replayed() ? 200 : 201, written);
    }

    private void list(HttpCall call, Actor actor) throws IOException, HttpCall.MalformedQuery {
        Map<String, String> query = call.query();
        StoraPageRequest page = StoraPageRequest.fromQuery(query.get("page"), query.get("limit"));
        TaskPage tasks = service.list(actor, page.query());
        long total = service.count(actor, TaskFilter.ALL);
        call.respond(200, format.writeList(tasks.tasks(), page.pagination(total), call.requestId()));
    }

    private void update(HttpCall call, Actor actor, TaskId id) throws IOException, HttpCall.BodyTooLarge, Preconditions.BadPrecondition {
        if (!call.hasJsonContentType()) {
            answer(call, StoraError.of(StoraErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json", call.requestId()));
            return;
        }
        TaskPatch patch = format.readUpdate(call.body());
        answerWritten(call, 200, service.update(actor, id, patch, Preconditions.writeOptions(call)));
    }

    private void changeStatus(HttpCall call, Actor actor, TaskId id, TaskStatus status) throws IOException, Preconditions.BadPrecondition {
        OptionalLong expected = Preconditions.expectedVersion(call.header("If-Match"));
        Task task = expected.isPresent() ? service.changeStatus(actor, id, status, expected.getAsLong())
                : service.changeStatus(actor, id, status);
        answerTask(call, 200, task);
    }

    /** Moves the task to the trash; a second DELETE answers 204 again (DELETE is idempotent). */
    private void trash(HttpCall call, Actor actor, TaskId id) throws IOException, Preconditions.BadPrecondition {
        OptionalLong expected = Preconditions.expectedVersion(call.header("If-Match"));
        if (expected.isPresent()) {
            service.trash(actor, id, expected.getAsLong());
        } else {
            service.trash(actor, id);
        }
        call.respond(204, null);
    }

    /** The task as Stora sees it: a trashed task is gone. */
    private Task visible(Actor actor, TaskId id) {
        Task task = service.get(actor, id);
        if (task.trashedAt().isPresent()) {
            throw new TaskNotFoundException(id.value());
        }
        return task;
    }

    private static TaskId taskId(String text) {
        return TaskId.tryParse(text).orElseThrow(() -> new TaskNotFoundException(HttpCall.quoted(text)));
    }

    private void answerWritten(HttpCall call, int status, Written written) throws IOException {
        if (written.task().trashedAt().isPresent()) {
            // a replay of a request whose task has since gone to the trash: gone from Stora's view
            throw new TaskNotFoundException(written.task().id().value());
        }
        if (written.replayed()) {
            call.setHeader("Idempotent-Replayed", "true");
        }
        answerTask(call, status, written.task());
    }

    private void answerTask(HttpCall call, int status, Task task) throws IOException {
        call.setHeader("ETag", Preconditions.etag(task.version()));
        call.respond(status, format.writeTask(task, call.requestId()));
    }

    private void notAllowed(HttpCall call, String allowed) throws IOException {
        call.setHeader("Allow", allowed);
        answer(call, StoraError.of(StoraErrorCode.METHOD_NOT_ALLOWED, call.method() + " is not allowed here; allowed: " + allowed,
                call.requestId()));
    }

    private boolean withinRateLimits(HttpCall call, String token) throws IOException {
        RateWindow.Decision second = perSecond.take(token);
        // a request the per-second window refuses is not counted against the minute
        RateWindow.Decision minute = second.allowed() ? perMinute.take(token) : null;
        RateWindow.Decision binding = minute == null ? second : minute;
        call.setHeader("RateLimit-Limit", Integer.toString(binding.limit()));
        call.setHeader("RateLimit-Reset", Long.toString(binding.resetSeconds()));
        if (binding.allowed()) {
            return true;
        }
        answer(call, StoraError.of(StoraErrorCode.TOO_MANY_REQUESTS, "too many requests: at most 10 a second and 60 a minute; retry in "
                + binding.resetSeconds() + " s", call.requestId()));
        return false;
    }

    private static void answer(HttpCall call, StoraError error) throws IOException {
        call.respond(error.httpStatus(), error.body());
    }
}
