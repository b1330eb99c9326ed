package dev.tasks.bench;

import dev.tasks.core.RelatedTo;
import dev.tasks.core.SortDirection;
import dev.tasks.core.SortField;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskSort;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.TrashFilter;
import java.time.Instant;

/**
 * The list shapes the benchmarks measure: every filter DESIGN names, each alone (the assignee shape
 * with the open statuses, as the example), on the queried tenant of a data set. Each selects
 * about as many tasks at every size (see {@link TaskGenerator}), so a list that reads an index in order
 * costs the same at 10 thousand and at a million tasks.
 *
 * <p>Every shape sorts newest first (the default) but {@link #ASSIGNEE}, which sorts by due time
 * ascending, as a "my open tasks" view does. Pages hold {@link #PAGE} tasks.
 */
public enum Shape {
    /** No filter: the tenant's tasks not in the trash. */
    ALL,
    /** The three open statuses (about 40% of the tasks). */
    STATUSES,
    /** One assignee's open tasks (about 400), by due time ascending. */
    ASSIGNEE,
    /** Related to one project (custom relationship {@code project}; about 500 tasks). */
    RELATIONSHIP,
    /** Due in a window of 600 steps (about 400 tasks). */
    DUE_RANGE,
    /** Created in a window of 500 steps (about 500 tasks). */
    CREATED_RANGE,
    /** Updated in a window of 500 steps (about 500 tasks). */
    UPDATED_RANGE,
    /** One external id (one task). */
    EXTERNAL_ID,
    /** Metadata {@code batch} = one value (about 400 tasks). */
    METADATA,
    /** The trash only (about 2%). */
    TRASHED,
    /** Titles containing "invoice", ignoring ASCII case (about 2%; no index can serve it). */
    TITLE_CONTAINS;

    /** The page size of every list benchmark. */
    public static final int PAGE = 50;

    /** The open statuses. */
    static final TaskStatus[] OPEN = {TaskStatus.OPEN, TaskStatus.TODO, TaskStatus.IN_PROGRESS};

    /** The searched word of {@link #TITLE_CONTAINS}, in another case than the titles hold it. */
    static final String TITLE_WORD = "invoice";

    /**
     * The filter of this shape on a data set.
     *
     * @param generator the data set's generator (which names its assignees, projects, …)
     * @return the filter
     */
    public TaskFilter filter(TaskGenerator generator) {
        TaskFilter.Builder b = TaskFilter.builder();
        return switch (this) {
            case ALL -> b.build();
            case STATUSES -> b.statuses(OPEN).build();
            case ASSIGNEE -> b.statuses(OPEN).assignee(assignee(generator)).build();
            case RELATIONSHIP -> b.relatedTo(RelatedTo.in(TaskGenerator.PROJECT, project(generator))).build();
            case DUE_RANGE -> b.dueAfter(windowStart(generator)).dueBefore(windowStart(generator).plusSeconds(600)).build();
            case CREATED_RANGE -> b.createdAfter(windowStart(generator)).createdBefore(windowStart(generator).plusSeconds(500)).build();
            case UPDATED_RANGE -> b.updatedAfter(windowStart(generator)).updatedBefore(windowStart(generator).plusSeconds(500)).build();
            case EXTERNAL_ID -> b.externalId(externalId(generator)).build();
            case METADATA -> b.metadata("batch", batch(generator)).build();
            case TRASHED -> b.trashed(TrashFilter.ONLY).build();
            case TITLE_CONTAINS -> b.titleContains(TITLE_WORD).build();
        };
    }

    /**
     * The sort of this shape.
     *
     * @return due time ascending for {@link #ASSIGNEE}, newest first otherwise
     */
    public TaskSort sort() {
        return this == ASSIGNEE ? TaskSort.by(SortField.DUE_AT, SortDirection.ASC) : TaskSort.DEFAULT;
    }

    static String assignee(TaskGenerator generator) {
        return TaskGenerator.assignee(generator.assignees() / 2);
    }

    static String project(TaskGenerator generator) {
        return TaskGenerator.project(generator.projects() / 2);
    }

    static String batch(TaskGenerator generator) {
        return TaskGenerator.batch(generator.batches() / 2);
    }

    /** The middle of the queried tenant's time line, where every window starts. */
    static Instant windowStart(TaskGenerator generator) {
        return TaskGenerator.createdAt(generator.dataSet().tasksPerTenant() / 2);
    }

    /** An external id the queried tenant holds (even indexes have one). */
    static String externalId(TaskGenerator generator) {
        return TaskGenerator.externalId(0, generator.dataSet().tasksPerTenant() / 2 / 2 * 2);
    }
}
