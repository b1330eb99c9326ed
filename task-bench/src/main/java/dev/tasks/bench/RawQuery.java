package dev.tasks.bench;

import dev.tasks.core.Task;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hand-written SQL of one list shape on one data set, for the raw baseline: a constant statement
 * text per part of a page (bound values only), as a developer would write it for the library's
 * schema and indexes, in the same order as the service's pages (the sort column then the id, in the
 * sort's direction; under a due-time sort, tasks without a due time last, by id).
 */
final class RawQuery {

    /** A keyset position: the sort value (null: no due time) and id of the last task of the previous page. */
    record Position(Instant value, String id) {
        static Position of(Task task, boolean dueSort) {
            return new Position(dueSort ? task.dueAt().orElse(null) : task.createdAt(), task.id().value());
        }
    }

    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private final RawTaskDao.Kind kind;
    private final boolean dueSort;
    private final String where;
    private final List<Object> binds;

    private RawQuery(RawTaskDao.Kind kind, boolean dueSort, String where, List<Object> binds) {
        this.kind = kind;
        this.dueSort = dueSort;
        this.where = where;
        this.binds = binds;
    }

    /** The statement conditions of a shape, written for the dialect's indexes. */
    static RawQuery of(RawTaskDao.Kind kind, Shape shape, TaskGenerator generator) {
        List<Object> binds = new ArrayList<>();
        StringBuilder w = new StringBuilder(" WHERE tenant_id = ?");
        binds.add(TaskGenerator.QUERIED_TENANT);
        w.append(shape == Shape.TRASHED ? " AND trashed_at IS NOT NULL" : " AND trashed_at IS NULL");
        switch (shape) {
            case ALL, TRASHED -> { }
            case STATUSES, ASSIGNEE -> {
                // Literals in the order the partial indexes' predicate lists them, as the library writes
                // them: a planner uses an index partial on the status only when it sees the values.
                w.append(" AND status IN ('IN_PROGRESS', 'OPEN', 'TODO')");
                if (shape == Shape.ASSIGNEE) {
                    w.append(" AND assignee = ?");
                    binds.add(Shape.assignee(generator));
                }
            }
            case RELATIONSHIP -> {
                w.append(" AND id IN (SELECT task_id FROM task_relationships WHERE tenant_id = ? AND entity_id = ? AND name = ?)");
                binds.add(TaskGenerator.QUERIED_TENANT);
                binds.add(Shape.project(generator));
                binds.add(TaskGenerator.PROJECT);
            }
            case DUE_RANGE -> range(w, binds, "due_at", Shape.windowStart(generator), 600);
            case CREATED_RANGE -> range(w, binds, "created_at", Shape.windowStart(generator), 500);
            case UPDATED_RANGE -> range(w, binds, "updated_at", Shape.windowStart(generator), 500);
            case EXTERNAL_ID -> {
                w.append(" AND external_id = ?");
                binds.add(Shape.externalId(generator));
            }
            case METADATA -> {
                // PostgreSQL indexes md5(value) (a long value may not fit a btree entry): match through it.
                w.append(kind == RawTaskDao.Kind.SQLITE
                        ? " AND id IN (SELECT task_id FROM task_metadata WHERE tenant_id = ? AND key = ? AND value = ?)"
                        : " AND id IN (SELECT task_id FROM task_metadata WHERE tenant_id = ? AND key = ? AND md5(value) = md5(?) AND value = ?)");
                binds.add(TaskGenerator.QUERIED_TENANT);
                binds.add("batch");
                binds.add(Shape.batch(generator));
                if (kind == RawTaskDao.Kind.POSTGRES) {
                    binds.add(Shape.batch(generator));
                }
            }
            case TITLE_CONTAINS -> {
                if (kind == RawTaskDao.Kind.SQLITE) {
                    // SQLite's LIKE folds ASCII letters only: the library's rule. The word has no wildcard.
                    w.append(" AND title LIKE ? ESCAPE '\\'");
                    binds.add("%" + Shape.TITLE_WORD + "%");
                } else {
                    w.append(" AND strpos(translate(title, '" + UPPER + "', '" + UPPER.toLowerCase(Locale.ROOT) + "'), ?) > 0");
                    binds.add(Shape.TITLE_WORD);
                }
            }
        }
        return new RawQuery(kind, shape.sort().field() == dev.tasks.core.SortField.DUE_AT, w.toString(), binds);
    }

    private static void range(StringBuilder w, List<Object> binds, String column, Instant from, int seconds) {
        w.append(" AND ").append(column).append(" >= ? AND ").append(column).append(" < ?");
        binds.add(from);
        binds.add(from.plusSeconds(seconds));
    }

    boolean dueSort() {
        return dueSort;
    }

    /** Binds the filter's values from {@code position}; answers the next position. */
    int bindFilter(PreparedStatement s, int position) throws SQLException {
        int p = position;
        for (Object value : binds) {
            if (value instanceof Instant instant) {
                RawTaskDao.setInstant(kind, s, p++, instant.toEpochMilli());
            } else {
                s.setString(p++, (String) value);
            }
        }
        return p;
    }

    private static final String SELECT = "SELECT " + RawTaskDao.COLUMNS + " FROM tasks";

    /** The first page (with a due time, under a due-time sort); binds: filter, limit. */
    String first() {
        return dueSort
                ? SELECT + where + " AND due_at IS NOT NULL ORDER BY due_at ASC, id ASC LIMIT ?"
                : SELECT + where + " ORDER BY created_at DESC, id DESC LIMIT ?";
    }

    /** A page after a position (with a due time, under a due-time sort); binds: filter, value, id, limit. */
    String after() {
        return dueSort
                ? SELECT + where + " AND due_at IS NOT NULL AND (due_at, id) > (?, ?) ORDER BY due_at ASC, id ASC LIMIT ?"
                : SELECT + where + " AND (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT ?";
    }

    /** Under a due-time sort, the tasks without a due time from the start; binds: filter, limit. */
    String withoutDue() {
        return SELECT + where + " AND due_at IS NULL ORDER BY id ASC LIMIT ?";
    }

    /** Under a due-time sort, the tasks without a due time after an id; binds: filter, id, limit. */
    String withoutDueAfter() {
        return SELECT + where + " AND due_at IS NULL AND id > ? ORDER BY id ASC LIMIT ?";
    }

    /** The count; binds: filter. */
    String count() {
        return "SELECT count(*) FROM tasks" + where;
    }

    /** For setting up deep pages only: rows by offset in the page order; binds: filter, limit, offset. */
    String offsetQuery() {
        return dueSort
                ? SELECT + where + " ORDER BY (due_at IS NULL), due_at ASC, id ASC LIMIT ? OFFSET ?"
                : SELECT + where + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?";
    }
}
