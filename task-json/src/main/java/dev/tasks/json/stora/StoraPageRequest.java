package dev.tasks.json.stora;

import dev.tasks.core.TaskQuery;

/**
 * The page a Stora list asks for, read from its {@code page} and {@code limit} query parameters.
 *
 * <pre>{@code
 * StoraPageRequest request = StoraPageRequest.fromQuery(query.get("page"), query.get("limit"));
 * TaskPage tasks = service.list(actor, request.query());
 * long count = service.count(actor, TaskFilter.ALL);
 * byte[] body = stora.writeList(tasks.tasks(), request.pagination(count), requestId);
 * }</pre>
 *
 * @param page the page's number, from 1
 * @param limit the most tasks on the page, 1 to {@value #MAX_LIMIT}
 */
public record StoraPageRequest(int page, int limit) {

    /** Stora's page size when {@code limit} is not given. */
    public static final int DEFAULT_LIMIT = 50;

    /** Stora's largest page size. */
    public static final int MAX_LIMIT = 100;

    /** The first page. */
    public static final StoraPageRequest FIRST = new StoraPageRequest(1, DEFAULT_LIMIT);

    /**
     * Checks the values.
     *
     * @param page the page's number, from 1, no deeper than {@link #maxPage(int)}
     * @param limit the most tasks on the page, 1 to {@value #MAX_LIMIT}
     * @throws StoraParameterException naming {@code page} or {@code limit} if it is out of range
     */
    public StoraPageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new StoraParameterException("limit", "limit must be an integer from 1 to " + MAX_LIMIT);
        }
        if (page < 1 || page > maxPage(limit)) {
            throw new StoraParameterException("page", "page must be an integer from 1 to " + maxPage(limit)
                    + " when limit is " + limit);
        }
    }

    /**
     * Reads the query parameters as received: each is absent (null) or a decimal integer of ASCII digits.
     *
     * @param page the {@code page} value, or null for page 1
     * @param limit the {@code limit} value, or null for {@value #DEFAULT_LIMIT}
     * @return the page asked for
     * @throws StoraParameterException naming the parameter that is not an integer in its range
     */
    public static StoraPageRequest fromQuery(String page, String limit) {
        int size = limit == null ? DEFAULT_LIMIT : integer("limit", limit, "1 to " + MAX_LIMIT);
        if (size < 1 || size > MAX_LIMIT) {
            throw new StoraParameterException("limit", "limit must be an integer from 1 to " + MAX_LIMIT);
        }
        int number = page == null ? 1 : integer("page", page, "1 to " + maxPage(size) + " when limit is " + size);
        return new StoraPageRequest(number, size);
    }

    /**
     * The deepest page served for a page size: the library serves offsets up to
     * {@value TaskQuery#MAX_OFFSET}; deeper pages would need a cursor, which Stora's lists do not have.
     *
     * @param limit the page size, 1 or more
     * @return the largest page number whose offset the library serves
     */
    public static int maxPage(int limit) {
        return TaskQuery.MAX_OFFSET / Math.max(1, limit) + 1;
    }

    /**
     * How many tasks come before this page.
     *
     * @return {@code (page - 1) * limit}
     */
    public int offset() {
        return (page - 1) * limit;
    }

    /**
     * The library's query for this page, with the default filter (live tasks) and sort (newest first).
     *
     * @return a query with this page's offset and limit
     */
    public TaskQuery query() {
        return TaskQuery.builder().limit(limit).offset(offset()).build();
    }

    /**
     * The pagination of this page among {@code count} matching tasks.
     *
     * @param count how many tasks match over all pages
     * @return the pagination to write in the list's {@code meta}
     */
    public StoraPagination pagination(long count) {
        return new StoraPagination(page, limit, count);
    }

    private static int integer(String name, String text, String range) {
        // ASCII digits only: Integer.parseInt would accept a sign and other scripts' digits.
        boolean digits = !text.isEmpty() && text.length() <= 9 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!digits) {
            throw new StoraParameterException(name, name + " must be an integer from " + range);
        }
        return Integer.parseInt(text);
    }
}
