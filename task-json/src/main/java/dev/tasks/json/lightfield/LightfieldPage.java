package dev.tasks.json.lightfield;

import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskQuery;
import java.util.regex.Pattern;

/**
 * The page that {@code GET /v1/tasks?offset=&limit=} asks for.
 *
 * <p>{@code offset} is 0 to {@value #MAX_OFFSET} (the library's deepest offset; Lightfield's document
 * allows more, but no deeper page can be served), 0 when absent or empty; {@code limit} is 1 to
 * {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} when absent or empty (the document allows empty values).
 * A value that is not a decimal integer is {@code 400 invalid_type}; an integer out of range is
 * {@code 400 out_of_range} (Lightfield does not say whether it clamps; refusing tells the client). Both
 * name the parameter in {@code param}.
 *
 * <pre>{@code
 * LightfieldPage page = LightfieldPage.parse(request.queryParam("offset"), request.queryParam("limit"));
 * TaskPage tasks = service.list(actor, page.query());
 * byte[] body = format.writeList(tasks.tasks(), service.count(actor, TaskFilter.builder().build()));
 * }</pre>
 *
 * @param offset how many tasks to skip, 0 to {@value #MAX_OFFSET}
 * @param limit how many tasks at most, 1 to {@value #MAX_LIMIT}
 */
public record LightfieldPage(int offset, int limit) {

    /** The page size when the request gives none. */
    public static final int DEFAULT_LIMIT = 25;

    /** The largest page size Lightfield serves. */
    public static final int MAX_LIMIT = 25;

    /** The deepest offset: the library's. */
    public static final int MAX_OFFSET = TaskQuery.MAX_OFFSET;

    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+");

    /** The first page. */
    public static final LightfieldPage FIRST = new LightfieldPage(0, DEFAULT_LIMIT);

    /**
     * Checks the ranges.
     *
     * @param offset how many tasks to skip, 0 to {@value #MAX_OFFSET}
     * @param limit how many tasks at most, 1 to {@value #MAX_LIMIT}
     * @throws LightfieldException ({@code 400 out_of_range}) if one is out of range
     */
    public LightfieldPage {
        if (offset < 0 || offset > MAX_OFFSET) {
            throw outOfRange("offset", "must be between 0 and " + MAX_OFFSET);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw outOfRange("limit", "must be between 1 and " + MAX_LIMIT);
        }
    }

    /**
     * Reads the two query parameters as they came.
     *
     * @param offset the {@code offset} parameter's value; null or empty for the default, 0
     * @param limit the {@code limit} parameter's value; null or empty for the default, {@value #DEFAULT_LIMIT}
     * @return the page
     * @throws LightfieldException {@code 400 invalid_type} if a value is not a decimal integer,
     *     {@code 400 out_of_range} if it is out of range; {@code param} names the parameter
     */
    public static LightfieldPage parse(String offset, String limit) {
        return new LightfieldPage(integer("offset", offset, 0), integer("limit", limit, DEFAULT_LIMIT));
    }

    /**
     * The library's query for this page, over every task not in the trash, newest first (Lightfield does
     * not document its list order).
     *
     * @return the query
     */
    public TaskQuery query() {
        return query(TaskFilter.builder().build());
    }

    /**
     * The library's query for this page of a filter, newest first.
     *
     * @param filter which tasks
     * @return the query
     */
    public TaskQuery query(TaskFilter filter) {
        return TaskQuery.builder().filter(filter).offset(offset).limit(limit).build();
    }

    private static int integer(String name, String text, int fallback) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        // Decimal digits only, with an optional minus so that -1 is out of range rather than of the
        // wrong type (Integer.parseInt would also take "+5" and non-ASCII digits).
        if (!DECIMAL.matcher(text).matches()) {
            throw new LightfieldException(LightfieldError.of(400, "invalid_type",
                    "'" + name + "' must be an integer", name));
        }
        // Beyond int the value is out of range either way; clamping lets the range check word it.
        boolean negative = text.startsWith("-");
        String digits = negative ? text.substring(1) : text;
        digits = digits.replaceFirst("^0+(?=.)", "");
        if (digits.length() > 10) {
            return negative ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        }
        long value = Long.parseLong(negative ? "-" + digits : digits);
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    private static LightfieldException outOfRange(String name, String message) {
        return new LightfieldException(LightfieldError.of(400, "out_of_range", "'" + name + "' " + message, name));
    }
}
