package dev.tasks.server;

import dev.tasks.api.Actor;
import dev.tasks.api.ForbiddenException;
import dev.tasks.api.Scope;
import dev.tasks.api.TaskException;
import dev.tasks.api.TaskNotFoundException;
import dev.tasks.api.TaskPage;
import dev.tasks.api.TaskService;
import dev.tasks.api.Written;
import dev.tasks.core.NewTask;
import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskPatch;
import dev.tasks.json.BodyException;
import dev.tasks.json.lightfield.LightfieldError;
import dev.tasks.json.lightfield.LightfieldException;
import dev.tasks.json.lightfield.LightfieldFormat;
import dev.tasks.json.lightfield.LightfieldPage;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Lightfield's task API under {@code /v1/tasks}: definitions, create, retrieve, update
 * ({@code POST /{id}}), list ({@code offset}, {@code limit}, {@code totalCount}) and {@code DELETE} (to
 * the trash; deleting a trashed task changes nothing and returns it). Every request carries
 * {@code Lightfield-Version: 2026-03-01}.
 */
final class LightfieldApi implements WireApi {

    /** The one API version this server speaks. */
    static final String VERSION = "2026-03-01";

    private final ServerConfig config;
    private final TaskService service;
    private final LightfieldFormat format;
    private final RateWindow writes = new RateWindow(25, Duration.ofSeconds(1), System::nanoTime);
    private final RateWindow reads = new RateWindow(25, Duration.ofSeconds(1), System::nanoTime);

    LightfieldApi(ServerConfig config, TaskService service) {
        this.config = config;
        this.service = service;
        this.format = new LightfieldFormat(service.definitions(), config.lightfieldAppUrl().map(java.net.URI::toString).orElse(null));
    }

    @Override
    public boolean owns(List<String> segments) {
        return !segments.isEmpty() && segments.get(0).equals("v1");
    }

    @Override
    public void serve(HttpCall call) throws IOException {
        try {
            Optional<String> version = call.header("Lightfield-Version");
            if (version.isEmpty() || !version.get().trim().equals(VERSION)) {
                answer(call, LightfieldError.of(400, "version_header", version.isEmpty()
                        ? "the Lightfield-Version header is required; this server speaks " + VERSION
                        : "Lightfield-Version " + HttpCall.quoted(version.get().trim()) + " is not supported; this server speaks " + VERSION,
                        "Lightfield-Version"));
                return;
            }
            Optional<String> token = call.bearerToken();
            Actor actor = token.map(config.tokens()::get).orElse(null);
            if (actor == null) {
                call.setHeader("WWW-Authenticate", "Bearer");
                answer(call, LightfieldError.of(401, "unauthorized", token.isEmpty()
                        ? "an Authorization header with a bearer token is required" : "the API key is not valid", null));
                return;
            }
            if (config.rateLimits() && !withinRateLimit(call, actor)) {
                return;
            }
            route(call, actor);
        } catch (TaskException e) {
            answer(call, LightfieldError.from(e));
        } catch (BodyException e) {
            answer(call, LightfieldError.from(e));
        } catch (LightfieldException e) {
            answer(call, e.error());
        } catch (HttpCall.BodyTooLarge e) {
            answer(call, LightfieldError.of(400, "invalid_json", e.getMessage(), null));
        } catch (HttpCall.MalformedQuery e) {
            answer(call, LightfieldError.of(400, "invalid_request", e.getMessage(), null));
        } catch (Preconditions.BadPrecondition e) {
            answer(call, LightfieldError.of(400, "invalid_request", e.getMessage(), "If-Match"));
        }
    }

    private void route(HttpCall call, Actor actor)
            throws IOException, HttpCall.BodyTooLarge, HttpCall.MalformedQuery, Preconditions.BadPrecondition {
        List<String> path = call.segments();
        String method = call.method();
        if (path.size() < 2 || !path.get(1).equals("tasks")) {
            answer(call, LightfieldError.of(404, "not_found", "no such resource: /" + String.join("/", path), null));
        } else if (path.size() == 2) {
            switch (method) {
                case "POST" -> create(call, actor);
                case "GET" -> list(call, actor);
                default -> notAllowed(call, "GET, POST");
            }
        } else if (path.size() == 3 && path.get(2).equals("definitions")) {
            if (method.equals("GET")) {
                if (!actor.has(Scope.READ)) {
                    throw new ForbiddenException(Scope.READ); // the service's definitions() takes no actor
                }
                call.respond(200, format.writeDefinitions(service.definitions()));
            } else {
                notAllowed(call, "GET");
            }
        } else if (path.size() == 3) {
            TaskId id = taskId(path.get(2));
            switch (method) {
                case "GET" -> answerTask(call, service.get(actor, id));
                case "POST" -> update(call, actor, id);
                case "DELETE" -> trash(call, actor, id);
                default -> notAllowed(call, "GET, POST, DELETE");
            }
        } else {
            answer(call, LightfieldError.of(404, "not_found", "no such resource: /" + String.join("/", path), null));
        }
    }

    private void create(HttpCall call, Actor actor) throws IOException, HttpCall.BodyTooLarge {
        if (!call.hasJsonContentType()) {
            answer(call, LightfieldError.of(415, "unsupported_media_type", "Content-Type must be application/json", null));
            return;
        }
        NewTask task = format.readCreate(call.body());
        Optional<String> key = call.header("Idempotency-Key");
        Written written = key.isPresent() ? service.create(actor, task, key.get()) : new Written(service.create(actor, task), false);
        answerWritten(call, written);
    }

    private void update(HttpCall call, Actor actor, TaskId id) throws IOException, HttpCall.BodyTooLarge, Preconditions.BadPrecondition {
        if (!call.hasJsonContentType()) {
            answer(call, LightfieldError.of(415, "unsupported_media_type", "Content-Type must be application/json", null));
            return;
        }
        TaskPatch patch = format.readUpdate(call.body());
        answerWritten(call, service.update(actor, id, patch, Preconditions.writeOptions(call)));
    }

    private void list(HttpCall call, Actor actor) throws IOException, HttpCall.MalformedQuery {
        LightfieldPage page = LightfieldPage.parse(call.query().get("offset"), call.query().get("limit"));
        TaskPage tasks = service.list(actor, page.query());
        long total = service.count(actor, TaskFilter.ALL);
        call.respond(200, format.writeList(tasks.tasks(), total));
    }

    /** Moves the task to the trash and returns it; a task already there is returned unchanged. */
    private void trash(HttpCall call, Actor actor, TaskId id) throws IOException, Preconditions.BadPrecondition {
        OptionalLong expected = Preconditions.expectedVersion(call.header("If-Match"));
        answerTask(call, expected.isPresent() ? service.trash(actor, id, expected.getAsLong()) : service.trash(actor, id));
    }

    private static TaskId taskId(String text) {
        return TaskId.tryParse(text).orElseThrow(() -> new TaskNotFoundException(HttpCall.quoted(text)));
    }

    private void answerWritten(HttpCall call, Written written) throws IOException {
        if (written.replayed()) {
            call.setHeader("Idempotent-Replayed", "true");
        }
        answerTask(call, written.task());
    }

    private void answerTask(HttpCall call, Task task) throws IOException {
        call.setHeader("ETag", Preconditions.etag(task.version()));
        call.respond(200, format.writeTask(task));
    }

    /** Lightfield documents no 405: a method the path does not take is a route that does not exist. */
    private void notAllowed(HttpCall call, String allowed) throws IOException {
        call.setHeader("Allow", allowed);
        answer(call, LightfieldError.of(404, "not_found", "no route for " + call.method() + " here; allowed: " + allowed, null));
    }

    /** Lightfield's limits: 25 requests a second per organization, apart for writes and reads. */
    private boolean withinRateLimit(HttpCall call, Actor actor) throws IOException {
        boolean write = !call.method().equals("GET");
        RateWindow.Decision d = (write ? writes : reads).take(actor.tenantId().value());
        call.setHeader("X-RateLimit-Limit", Integer.toString(d.limit()));
        call.setHeader("X-RateLimit-Remaining", Integer.toString(d.remaining()));
        call.setHeader("X-RateLimit-Reset", Long.toString(d.resetSeconds()));
        if (d.allowed()) {
            return true;
        }
        call.setHeader("Retry-After", Long.toString(d.resetSeconds()));
        answer(call, LightfieldError.of(429, "rate_limited", "too many " + (write ? "write" : "read")
                + " requests: at most 25 a second per organization; retry in " + d.resetSeconds() + " s", null));
        return false;
    }

    private static void answer(HttpCall call, LightfieldError error) throws IOException {
        call.respond(error.httpStatus(), error.body());
    }
}
