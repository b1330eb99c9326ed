package dev.tasks.core;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * The order of a list: a field and a direction; ties are broken by task id in the same direction.
 * Under {@link SortField#DUE_AT}, tasks without a due time come last in both directions.
 *
 * <p>{@link #comparator()} and {@link #isAfter(Task, SortPosition)} define the order exactly: the
 * memory store uses them and SQL stores must return the same order.
 *
 * @param field what to order by
 * @param direction which way
 */
public record TaskSort(SortField field, SortDirection direction) {

    /** Newest first: the default. */
    public static final TaskSort DEFAULT = new TaskSort(SortField.CREATED_AT, SortDirection.DESC);

    /**
     * Refuses nulls.
     *
     * @param field what to order by
     * @param direction which way
     */
    public TaskSort {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(direction, "direction");
    }

    /**
     * Shorthand for the constructor.
     *
     * @param field what to order by
     * @param direction which way
     * @return the sort
     */
    public static TaskSort by(SortField field, SortDirection direction) {
        return new TaskSort(field, direction);
    }

    /**
     * The value a task is sorted by.
     *
     * @param task a task
     * @return its created, updated or due time; empty only for a task without a due time
     */
    public Optional<Instant> valueOf(Task task) {
        return switch (field) {
            case CREATED_AT -> Optional.of(task.createdAt());
            case UPDATED_AT -> Optional.of(task.updatedAt());
            case DUE_AT -> task.dueAt();
        };
    }

    /**
     * Compares two positions under this sort.
     *
     * @param a a position
     * @param b another position
     * @return negative if {@code a} comes first, zero if equal, positive if {@code b} comes first
     */
    public int compare(SortPosition a, SortPosition b) {
        Optional<Instant> va = a.value();
        Optional<Instant> vb = b.value();
        int c;
        if (va.isPresent() && vb.isPresent()) {
            c = direction == SortDirection.ASC ? va.get().compareTo(vb.get()) : vb.get().compareTo(va.get());
        } else if (va.isPresent() != vb.isPresent()) {
            c = va.isPresent() ? -1 : 1; // empty last, whatever the direction
        } else {
            c = 0;
        }
        if (c != 0) {
            return c;
        }
        return direction == SortDirection.ASC ? a.id().compareTo(b.id()) : b.id().compareTo(a.id());
    }

    /**
     * The order of tasks under this sort.
     *
     * @return a comparator consistent with {@link #compare(SortPosition, SortPosition)}
     */
    public Comparator<Task> comparator() {
        return (x, y) -> compare(SortPosition.of(x, this), SortPosition.of(y, this));
    }

    /**
     * Tells whether a task comes strictly after a position: whether it belongs on a page that
     * starts after that position.
     *
     * @param task a task
     * @param position where the previous page ended
     * @return true if the task sorts after the position
     */
    public boolean isAfter(Task task, SortPosition position) {
        return compare(SortPosition.of(task, this), position) > 0;
    }
}
