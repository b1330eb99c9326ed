package dev.tasks.json.stora;

import java.util.OptionalLong;

/**
 * The {@code meta.pagination} object of a Stora list: where a page lies among all the matching tasks.
 *
 * <p>Stora names the members ({@code count, last, limit, next, page, pages, prev}) but not their meaning;
 * they are read as the common page-number convention:
 * <ul>
 *   <li>{@code count}: how many tasks match, over all pages;</li>
 *   <li>{@code page}: this page's number, from 1; {@code limit}: the most tasks a page holds;</li>
 *   <li>{@code pages}: how many pages there are, {@code ceil(count / limit)}, and at least 1 (an empty
 *       list is one empty page); {@code last}: the last page's number, equal to {@code pages};</li>
 *   <li>{@code next}: the next page's number, or null on the last page and beyond;
 *       {@code prev}: the previous page's number, or null on page 1; past the last page it is the last
 *       page, so that a client that went too far is pointed back at the data.</li>
 * </ul>
 *
 * <pre>{@code
 * StoraPagination p = new StoraPagination(2, 50, 120);
 * p.pages();  // 3
 * p.next();   // OptionalLong[3]
 * p.prev();   // OptionalLong[1]
 * }</pre>
 *
 * @param page this page's number, 1 or more
 * @param limit the most tasks a page holds, 1 or more
 * @param count how many tasks match over all pages, 0 or more
 */
public record StoraPagination(int page, int limit, long count) {

    /**
     * Checks the values.
     *
     * @param page this page's number, 1 or more
     * @param limit the most tasks a page holds, 1 or more
     * @param count how many tasks match over all pages, 0 or more
     * @throws IllegalArgumentException naming the value out of range
     */
    public StoraPagination {
        if (page < 1) {
            throw new IllegalArgumentException("page must be at least 1: " + page);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be at least 0: " + count);
        }
    }

    /**
     * How many pages there are.
     *
     * @return {@code ceil(count / limit)}, at least 1
     */
    public long pages() {
        return Math.max(1, (count + limit - 1) / limit);
    }

    /**
     * The last page's number.
     *
     * @return {@link #pages()}
     */
    public long last() {
        return pages();
    }

    /**
     * The next page's number.
     *
     * @return {@code page + 1}, or empty on the last page and beyond
     */
    public OptionalLong next() {
        return page < last() ? OptionalLong.of(page + 1L) : OptionalLong.empty();
    }

    /**
     * The previous page's number.
     *
     * @return {@code page - 1} (the last page when this page lies beyond it), or empty on page 1
     */
    public OptionalLong prev() {
        return page > 1 ? OptionalLong.of(Math.min(page - 1L, last())) : OptionalLong.empty();
    }
}
