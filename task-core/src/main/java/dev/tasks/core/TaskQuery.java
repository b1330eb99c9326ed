package dev.tasks.core;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.Objects;
import java.util.Optional;

/**
 * A request for one page of tasks: a filter, a sort, a page size and where the page starts, either
 * after an opaque cursor from the previous page (keyset pagination, the default way) or at an offset
 * (for APIs that page by number).
 *
 * <pre>{@code
 * TaskQuery first = TaskQuery.builder().filter(mine).sort(TaskSort.by(SortField.DUE_AT, SortDirection.ASC)).limit(50).build();
 * TaskQuery next = first.after(page.nextCursor().orElseThrow());
 * }</pre>
 *
 * @param filter which tasks
 * @param sort in which order
 * @param limit how many at most, 1 to {@value #MAX_LIMIT} ({@value #DEFAULT_LIMIT} unless told)
 * @param cursor where the previous page ended, as the service handed it out
 * @param offset how many tasks to skip, 0 to {@value #MAX_OFFSET}; not with a cursor
 */
public record TaskQuery(
        @NotNull(message = "is required") @Valid TaskFilter filter,
        @NotNull(message = "is required") TaskSort sort,
        @Min(value = 1, message = "must be at least 1") @Max(value = MAX_LIMIT, message = "must be at most 100") int limit,
        Optional<String> cursor,
        @Min(value = 0, message = "must be at least 0") @Max(value = MAX_OFFSET, message = "must be at most 100000") int offset) {

    /** The page size when none is given. */
    public static final int DEFAULT_LIMIT = 25;

    /** The largest page size. */
    public static final int MAX_LIMIT = 100;

    /** The largest offset: deeper pages are reached with cursors. */
    public static final int MAX_OFFSET = 100_000;

    /**
     * Refuses a null cursor optional.
     *
     * @param filter which tasks
     * @param sort in which order
     * @param limit how many at most, 1 to {@value #MAX_LIMIT} ({@value #DEFAULT_LIMIT} unless told)
     * @param cursor where the previous page ended, as the service handed it out
     * @param offset how many tasks to skip, 0 to {@value #MAX_OFFSET}; not with a cursor
     */
    public TaskQuery {
        Objects.requireNonNull(cursor, "cursor");
    }

    /**
     * The first page of every task not in the trash, newest first.
     *
     * @return the query
     */
    public static TaskQuery firstPage() {
        return builder().build();
    }

    /**
     * The same query, starting after a cursor.
     *
     * @param nextCursor a cursor the previous page handed out
     * @return the query for the next page
     */
    public TaskQuery after(String nextCursor) {
        return new TaskQuery(filter, sort, limit, Optional.of(nextCursor), 0);
    }

    /**
     * A builder for the first page of every task not in the trash, newest first, 25 per page.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TaskQuery}; every setter returns the builder. */
    public static final class Builder {
        private TaskFilter filter = TaskFilter.ALL;
        private TaskSort sort = TaskSort.DEFAULT;
        private int limit = DEFAULT_LIMIT;
        private String cursor;
        private int offset;

        private Builder() {
        }

        /**
         * Sets which tasks.
         *
         * @param filter which tasks
         * @return this builder
         */
        public Builder filter(TaskFilter filter) { this.filter = filter; return this; }

        /**
         * Sets in which order.
         *
         * @param sort in which order
         * @return this builder
         */
        public Builder sort(TaskSort sort) { this.sort = sort; return this; }

        /**
         * Sets the page size.
         *
         * @param limit the page size
         * @return this builder
         */
        public Builder limit(int limit) { this.limit = limit; return this; }

        /**
         * Sets the previous page's cursor.
         *
         * @param cursor the previous page's cursor, or null for the first page
         * @return this builder
         */
        public Builder cursor(String cursor) { this.cursor = cursor; return this; }

        /**
         * Sets how many tasks to skip.
         *
         * @param offset how many tasks to skip
         * @return this builder
         */
        public Builder offset(int offset) { this.offset = offset; return this; }

        /**
         * Returns the query; nothing is validated yet.
         *
         * @return the query; nothing is validated yet
         */
        public TaskQuery build() {
            return new TaskQuery(filter, sort, limit, Optional.ofNullable(cursor), offset);
        }
    }
}
