package dev.tasks.reliability.crash;

import dev.tasks.core.Task;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One line of printable ASCII that holds every component of a {@link Task}, so that two tasks are equal
 * exactly when their lines are. The child prints it for every acknowledged write and the test compares it
 * with the same line made from what the reopened store returns.
 *
 * <p>Why not a wire format of task-json: each public API's JSON leaves some components out (the tenant,
 * for one) or renames statuses, so equal JSON would not prove equal tasks. Why ASCII only, with every
 * other character escaped as {@code \\uXXXX}: the child's standard output is a file written in the JVM's
 * default charset, which may not be UTF-8 (a POSIX locale gives US-ASCII and turns every other character
 * into {@code ?}); and a line may hold no raw tab or newline, which separate fields and lines in the log.
 */
final class CanonicalTask {

    private CanonicalTask() {
    }

    /**
     * The canonical line of a task: a JSON object with every component in the record's order, absent
     * optionals as {@code null}, metadata and relationships sorted by key (as {@link Task} keeps them),
     * relationship ids in their order.
     */
    static String of(Task task) {
        StringBuilder out = new StringBuilder(256);
        out.append('{');
        field(out, "id").append(string(task.id().value())).append(',');
        field(out, "tenantId").append(string(task.tenantId().value())).append(',');
        field(out, "title").append(string(task.title())).append(',');
        field(out, "description").append(optionalString(task.description())).append(',');
        field(out, "status").append(string(task.status().name())).append(',');
        field(out, "dueAt").append(optionalInstant(task.dueAt())).append(',');
        field(out, "completedAt").append(optionalInstant(task.completedAt())).append(',');
        field(out, "createdAt").append(instant(task.createdAt())).append(',');
        field(out, "updatedAt").append(instant(task.updatedAt())).append(',');
        field(out, "trashedAt").append(optionalInstant(task.trashedAt())).append(',');
        field(out, "version").append(task.version()).append(',');
        field(out, "externalId").append(optionalString(task.externalId())).append(',');
        field(out, "metadata").append('{');
        boolean first = true;
        for (Map.Entry<String, String> entry : task.metadata().entrySet()) {
            out.append(first ? "" : ",").append(string(entry.getKey())).append(':').append(string(entry.getValue()));
            first = false;
        }
        out.append("},");
        field(out, "relationships").append('{');
        first = true;
        for (Map.Entry<String, List<String>> entry : task.relationships().entrySet()) {
            out.append(first ? "" : ",").append(string(entry.getKey())).append(":[");
            for (int i = 0; i < entry.getValue().size(); i++) {
                out.append(i == 0 ? "" : ",").append(string(entry.getValue().get(i)));
            }
            out.append(']');
            first = false;
        }
        out.append("}}");
        return out.toString();
    }

    private static StringBuilder field(StringBuilder out, String name) {
        return out.append('"').append(name).append("\":");
    }

    private static String optionalString(Optional<String> value) {
        return value.map(CanonicalTask::string).orElse("null");
    }

    private static String optionalInstant(Optional<Instant> value) {
        return value.map(CanonicalTask::instant).orElse("null");
    }

    /** Epoch milliseconds: the precision every instant of a task has, and no formatting to disagree on. */
    private static String instant(Instant value) {
        return Long.toString(value.toEpochMilli());
    }

    /** A JSON string with everything outside printable ASCII, and the quote and backslash, escaped. */
    static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.append('"').toString();
    }
}
