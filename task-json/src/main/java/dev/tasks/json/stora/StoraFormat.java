package dev.tasks.json.stora;

import dev.tasks.core.NewTask;
import dev.tasks.core.Task;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.TaskStatus;
import dev.tasks.json.BodyException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Stora's wire format: its create and update bodies to the library's requests, tasks and lists to its
 * response bodies. Immutable and thread-safe: build one and share it.
 *
 * <pre>{@code
 * StoraFormat stora = new StoraFormat(List.of(new Curie("bo", "https://app.example.com{rel}", true, "Backoffice")));
 * NewTask request = stora.readCreate("{\"title\": \"Call back\", \"due_at\": \"2025-02-27T14:41:00Z\"}".getBytes(UTF_8));
 * Task task = service.create(actor, request);
 * byte[] body = stora.writeTask(task, requestId);   // {"task": {...}, "meta": {"request_id": ..., "curies": [...]}}
 * }</pre>
 *
 * <p><b>Requests.</b> A create or update body is an object of {@code title}, {@code description},
 * {@code due_at} (ISO 8601 with an offset), {@code status} (see {@link #statusName(TaskStatus)}),
 * {@code assignee}, {@code resource} and {@code site} (each {@code {"id": "…"}}) and {@code metadata} (an
 * object of strings). Any other member is refused; the task's read-only members ({@code id},
 * {@code creator}, {@code completed_at}, {@code created_at}, {@code updated_at}) are refused as such.
 * Problems of shape throw a {@link BodyException} with the member's exact JSON Pointer (turn it into
 * the response with {@link StoraError#from(BodyException, String)}); the rules themselves (lengths, id
 * formats, characters) are checked by the service, whose violations {@link StoraError#from(dev.tasks.api.TaskException,
 * String)} points back at these members.
 *
 * <p><b>Responses.</b> A task has exactly Stora's members: {@code id, assignee, completed_at,
 * created_at, creator, description, due_at, metadata, resource, site, status, title, updated_at}, every one
 * present (null when unset, {@code {}} for empty metadata). The library's other data (other relationships,
 * the external id, the version, the trash) are not written: Stora does not document them.
 */
public final class StoraFormat {

    private final List<Curie> curies;

    /** A format whose responses carry an empty {@code meta.curies}. */
    public StoraFormat() {
        this(List.of());
    }

    /**
     * A format whose responses carry these curies in {@code meta.curies}.
     *
     * @param curies the curies, in order; copied
     * @throws NullPointerException if the list or one of its curies is null
     */
    public StoraFormat(List<Curie> curies) {
        this.curies = List.copyOf(Objects.requireNonNull(curies, "curies"));
    }

    /**
     * The curies every response carries.
     *
     * @return the curies; unmodifiable
     */
    public List<Curie> curies() {
        return curies;
    }

    /**
     * Reads the body of {@code POST /tasks}.
     *
     * <p>{@code title} is required. Every other member is optional and, on create, {@code null} means the
     * same as absent. {@code status} is an extension of Stora's documented body (which has none): absent,
     * the task is {@code open}. Metadata values must be strings.
     *
     * <pre>{@code
     * stora.readCreate("{\"title\": \"Inspect\", \"assignee\": {\"id\": \"staff_1\"}, \"metadata\": {\"region\": \"north\"}}"
     *         .getBytes(UTF_8));
     * // NewTask[title=Inspect, status=OPEN, relationships={$assignedTo=[staff_1]}, metadata={region=north}, ...]
     * }</pre>
     *
     * @param body the request body, UTF-8
     * @return the create request, not yet validated by the service
     * @throws BodyException if the body is not JSON ({@code MALFORMED}) or not the request's shape, with the
     *     member's JSON Pointer, e.g. {@code /assignee/id}
     */
    public NewTask readCreate(byte[] body) {
        return StoraRequestReader.create(body);
    }

    /**
     * Reads the body of {@code PATCH /tasks/{id}}: every member is optional and only those sent change.
     *
     * <ul>
     *   <li>{@code description}, {@code due_at}, {@code assignee}, {@code resource}, {@code site}: {@code null}
     *       removes the value;</li>
     *   <li>{@code title}, {@code status}: {@code null} is refused ({@code WRONG_TYPE}): a task always has both;</li>
     *   <li>{@code metadata}: merged key by key, a key set to {@code null} is removed; {@code {}} removes every
     *       key; {@code null} is refused (send {@code {}}).</li>
     * </ul>
     *
     * <pre>{@code
     * stora.readUpdate("{\"description\": null, \"metadata\": {\"region\": null}}".getBytes(UTF_8));
     * // TaskPatch: description cleared, metadata key region removed, nothing else touched
     * }</pre>
     *
     * @param body the request body, UTF-8
     * @return the patch, not yet validated by the service
     * @throws BodyException if the body is not JSON or not the request's shape, with the member's pointer
     */
    public TaskPatch readUpdate(byte[] body) {
        return StoraRequestReader.update(body);
    }

    /**
     * Writes one task: {@code {"task": {...}, "meta": {"request_id": ..., "curies": [...]}}}.
     *
     * @param task the task
     * @param requestId the request's id, echoed as {@code meta.request_id}
     * @return the JSON, UTF-8
     */
    public byte[] writeTask(Task task, String requestId) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(requestId, "requestId");
        return StoraJson.task(task, requestId, curies);
    }

    /**
     * Writes a page of tasks:
     * {@code {"tasks": [...], "meta": {"request_id", "curies", "pagination": {count, last, limit, next, page, pages, prev}}}}.
     *
     * @param tasks the page's tasks, in order
     * @param pagination where the page lies (see {@link StoraPagination} for what each member means)
     * @param requestId the request's id
     * @return the JSON, UTF-8
     */
    public byte[] writeList(List<Task> tasks, StoraPagination pagination, String requestId) {
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(pagination, "pagination");
        Objects.requireNonNull(requestId, "requestId");
        for (int i = 0; i < tasks.size(); i++) {
            Objects.requireNonNull(tasks.get(i), "tasks[" + i + "]");
        }
        return StoraJson.list(tasks, pagination, requestId, curies);
    }

    /**
     * Stora's spelling of a status. Every status has one, and {@link #status(String)} reads it back.
     *
     * <table>
     *   <caption>Spellings</caption>
     *   <tr><th>status</th><th>Stora</th></tr>
     *   <tr><td>{@code OPEN}</td><td>{@code open} (documented)</td></tr>
     *   <tr><td>{@code TODO}</td><td>{@code todo}</td></tr>
     *   <tr><td>{@code IN_PROGRESS}</td><td>{@code in_progress}</td></tr>
     *   <tr><td>{@code COMPLETE}</td><td>{@code completed}</td></tr>
     *   <tr><td>{@code CANCELLED}</td><td>{@code cancelled}</td></tr>
     * </table>
     *
     * @param status a status
     * @return its spelling, e.g. {@code completed}
     */
    public static String statusName(TaskStatus status) {
        return StatusNames.name(status);
    }

    /**
     * Reads a status as Stora spells it: exactly, lowercase.
     *
     * @param name a spelling, e.g. {@code in_progress}; may be null
     * @return the status, or empty if {@code name} is no status's spelling
     */
    public static Optional<TaskStatus> status(String name) {
        return StatusNames.status(name);
    }

    /**
     * Every status spelling, in the order of {@link TaskStatus#values()}.
     *
     * @return {@code open, todo, in_progress, completed, cancelled}; unmodifiable
     */
    public static List<String> statusNames() {
        return StatusNames.ALL;
    }
}
