package dev.tasks.store.jdbi;

import dev.tasks.core.RelatedTo;
import dev.tasks.core.SortDirection;
import dev.tasks.core.SortField;
import dev.tasks.core.SystemRelationship;
import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskSort;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.TenantId;
import dev.tasks.core.TrashFilter;
import dev.tasks.core.store.TaskStore;
import dev.tasks.store.tck.TestTasks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.jdbi.v3.core.Handle;

/**
 * A tenant of realistic tasks for the query-plan tests: 5,000 tasks over two years, statuses, 50
 * assignees, 200 accounts, due times on 70%, external ids on half, two metadata keys, 5% trashed; and a
 * smaller second tenant; and copies of the first in {@link #COPIES} more tenants. Generated from a fixed seed.
 */
final class PlanData {

    static final TenantId TENANT = TenantId.of("acme");
    static final TenantId OTHER = TenantId.of("globex");
    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    static final int TASKS = 5_000;

    private PlanData() {
    }

    /** Inserts the tasks; returns those of {@link #TENANT}. */
    static List<Task> populate(TaskStore store) {
        List<Task> tasks = tasks(TENANT, TASKS, 1);
        for (Task t : tasks) {
            store.insert(t, Optional.empty());
        }
        for (Task t : tasks(OTHER, 500, 2)) {
            store.insert(t, Optional.empty());
        }
        return tasks;
    }

    /** How many other tenants hold a copy of {@link #TENANT}'s tasks: the tenant is a tenth of the table. */
    static final int COPIES = 9;

    /**
     * Copies {@link #TENANT}'s rows (tasks and side rows) to {@link #COPIES} other tenants, so that the
     * table is shared as in a real deployment and a query of one tenant must not read the others' rows.
     * Plain SQL, for speed; the copies are never read back as tasks.
     */
    static void copyToOtherTenants(Handle handle) {
        String tenant = "'" + TENANT.value() + "'";
        for (int k = 1; k <= COPIES; k++) {
            String suffix = "'_copy" + k + "'";
            String copy = "'copy" + k + "'";
            handle.execute("INSERT INTO tasks (id, tenant_id, title, description, status, assignee, due_at, completed_at, "
                    + "created_at, updated_at, trashed_at, version, external_id) SELECT id || " + suffix + ", " + copy
                    + ", title, description, status, assignee, due_at, completed_at, created_at, updated_at, trashed_at, version, "
                    + "external_id FROM tasks WHERE tenant_id = " + tenant);
            handle.execute("INSERT INTO task_relationships (task_id, tenant_id, name, position, entity_id) SELECT task_id || "
                    + suffix + ", " + copy + ", name, position, entity_id FROM task_relationships WHERE tenant_id = " + tenant);
            handle.execute("INSERT INTO task_metadata (task_id, tenant_id, key, value) SELECT task_id || " + suffix + ", " + copy
                    + ", key, value FROM task_metadata WHERE tenant_id = " + tenant);
        }
    }

    private static List<Task> tasks(TenantId tenant, int n, long seed) {
        Random random = new Random(seed);
        List<Task> tasks = new ArrayList<>(n);
        String[] regions = {"eu", "us", "apac", "latam", "mea", "nordics", "dach", "uk", "fr", "jp"};
        for (int i = 0; i < n; i++) {
            Instant created = START.plus(Duration.ofMinutes(i * 210L + random.nextInt(200)));
            Instant updated = created.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 30)));
            TaskStatus status = TaskStatus.values()[random.nextInt(TaskStatus.values().length)];
            TestTasks.Builder b = TestTasks.task(tenant)
                    .title("Task " + i + (random.nextInt(10) == 0 ? " call back" : " follow up"))
                    .description(description(random))
                    .status(status)
                    .createdAt(created)
                    .updatedAt(updated)
                    .createdBy("mem_" + random.nextInt(50))
                    .relationship(SystemRelationship.ACCOUNT, "acc_" + random.nextInt(200))
                    .metadata("region", regions[random.nextInt(regions.length)])
                    .metadata("team", "team_" + random.nextInt(20));
            if (status == TaskStatus.COMPLETE) {
                b.completedAt(updated);
            }
            if (random.nextInt(10) < 6) {
                b.assignee("mem_" + random.nextInt(50));
            }
            if (random.nextInt(10) < 7) {
                b.dueAt(created.plus(Duration.ofHours(random.nextInt(24 * 60))));
            }
            if (random.nextBoolean()) {
                b.externalId("ext-" + tenant + "-" + i);
            }
            if (random.nextInt(20) == 0) {
                b.trashedAt(updated);
            }
            tasks.add(b.build());
        }
        return tasks;
    }

    private static final String[] WORDS = ("call the customer about the renewal and confirm the new delivery address "
            + "before friday, then update the account notes with what was agreed and attach the signed quote").split(" ");

    /** A description as tasks in a CRM have: none for some, a sentence to a few paragraphs for most. */
    private static String description(Random random) {
        if (random.nextInt(10) < 3) {
            return null;
        }
        int words = 10 + random.nextInt(150);
        StringBuilder b = new StringBuilder();
        for (int w = 0; w < words; w++) {
            b.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return b.toString();
    }

    /** The list query shapes the service makes, by name. */
    static Map<String, TaskFilter> filters() {
        Instant week = START.plus(Duration.ofDays(200));
        Map<String, TaskFilter> filters = new LinkedHashMap<>();
        filters.put("default (not trashed)", TaskFilter.ALL);
        filters.put("status OPEN", TaskFilter.builder().statuses(TaskStatus.OPEN).build());
        filters.put("statuses active", TaskFilter.builder().active().build());
        filters.put("assignee", TaskFilter.builder().assignee("mem_7").build());
        filters.put("assignee and active", TaskFilter.builder().assignee("mem_7").active().build());
        filters.put("two assignees", TaskFilter.builder().assignee("mem_7").assignee("mem_8").build());
        filters.put("related to (named)", TaskFilter.builder().relatedTo(RelatedTo.in("$account", "acc_12")).build());
        filters.put("related to (any)", TaskFilter.builder().relatedTo(RelatedTo.any("acc_12")).build());
        filters.put("due range", TaskFilter.builder().dueAfter(week).dueBefore(week.plus(Duration.ofDays(7))).build());
        filters.put("due before (overdue)", TaskFilter.builder().dueBefore(START.plus(Duration.ofDays(30))).build());
        filters.put("external id", TaskFilter.builder().externalId("ext-acme-1234").build());
        filters.put("created range", TaskFilter.builder().createdAfter(week).createdBefore(week.plus(Duration.ofDays(7))).build());
        filters.put("updated range", TaskFilter.builder().updatedAfter(week).updatedBefore(week.plus(Duration.ofDays(7))).build());
        filters.put("trashed only", TaskFilter.builder().trashed(TrashFilter.ONLY).build());
        filters.put("trashed included", TaskFilter.builder().trashed(TrashFilter.INCLUDE).build());
        filters.put("metadata key=value", TaskFilter.builder().metadata("region", "eu").build());
        return filters;
    }

    static List<TaskSort> sorts() {
        List<TaskSort> sorts = new ArrayList<>();
        for (SortField field : SortField.values()) {
            for (SortDirection direction : SortDirection.values()) {
                sorts.add(TaskSort.by(field, direction));
            }
        }
        return sorts;
    }
}
