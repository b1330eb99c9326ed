package dev.tasks.bench;

import dev.tasks.core.SystemRelationship;
import dev.tasks.core.Task;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.TenantId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Makes the tasks of a {@link DataSet}, the same every time: task {@code k} of tenant {@code t} depends
 * on nothing but {@code (t, k)}, so every store holds the same rows and a benchmark can tell, without
 * reading, which tasks exist and what they hold.
 *
 * <p>Times are counted in steps of one second per task of a tenant (task {@code k} is created at
 * {@code BASE + k s}), and every other time is an offset of a few thousand steps from it. So a time
 * window of a given length selects about the same number of tasks at 10 thousand tasks as at a million,
 * and the benchmarks compare like with like across sizes. Likewise each assignee holds about a thousand
 * tasks (about 400 of them open), each project about 500 and each {@code batch} metadata value about
 * 400, whatever the size.
 *
 * <p>Per task: status 20% OPEN, 10% TODO, 10% IN_PROGRESS, 50% COMPLETE, 10% CANCELLED; a due time
 * for 70% (0 to 2,000 steps after creation); an update after creation for the closed tasks and 20% of
 * the others; 2% in the trash; an external id for even {@code k}; a description for half; an assignee for
 * 90%; one of ten creators; one project (custom relationship {@code project}); metadata {@code region}
 * (8 values) and {@code batch}; 2% of titles hold the word "Invoice".
 */
public final class TaskGenerator {

    /** The tenant every benchmark queries: the first. */
    public static final String QUERIED_TENANT = tenantName(0);

    /** When the first task of each tenant is created. */
    static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    /** The custom relationship every service of the benchmarks registers. */
    public static final String PROJECT = "project";

    /** Bump when the generated rows change: cached data sets are keyed by it. */
    static final int VERSION = 1;

    private static final String[] VERBS = {"Call", "Email", "Review", "Prepare", "Check", "Update", "Schedule", "Plan",
        "Follow up on", "Close"};
    private static final String[] OBJECTS = {"the customer", "the quarterly report", "the contract", "the site visit",
        "the onboarding"};
    private static final String[] REGIONS = {"north", "south", "east", "west", "centre", "coast", "hills", "islands"};
    private static final TaskStatus[] STATUS_BY_TENTH = {
        TaskStatus.OPEN, TaskStatus.OPEN, TaskStatus.TODO, TaskStatus.IN_PROGRESS,
        TaskStatus.COMPLETE, TaskStatus.COMPLETE, TaskStatus.COMPLETE, TaskStatus.COMPLETE, TaskStatus.COMPLETE,
        TaskStatus.CANCELLED};
    private static final char[] BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private final DataSet dataSet;
    private final int assignees;
    private final int projects;
    private final int batches;

    /**
     * A generator of a data set's tasks.
     *
     * @param dataSet the size and layout
     */
    public TaskGenerator(DataSet dataSet) {
        this.dataSet = dataSet;
        int perTenant = dataSet.tasksPerTenant();
        this.assignees = Math.max(1, perTenant / 1_000);
        this.projects = Math.max(1, perTenant / 500);
        this.batches = Math.max(1, perTenant / 400);
    }

    /**
     * The data set this generator makes.
     *
     * @return the data set
     */
    public DataSet dataSet() {
        return dataSet;
    }

    /**
     * The name of a tenant.
     *
     * @param index 0 to tenants - 1
     * @return {@code t000}, {@code t001}, …
     */
    public static String tenantName(int index) {
        return String.format("t%03d", index);
    }

    /**
     * Task {@code k} of tenant {@code tenant}.
     *
     * @param tenant the tenant's index
     * @param k the task's index in its tenant, 0 to tasks per tenant - 1
     * @return the task, as a store holds it
     */
    public Task task(int tenant, int k) {
        SplittableRandom random = new SplittableRandom(0x7461736b73L * 1_000_003L + (long) tenant * 4_000_000_007L + k);
        Instant created = createdAt(k);
        TaskStatus status = STATUS_BY_TENTH[random.nextInt(10)];
        boolean closed = !status.isActive();
        Instant updated = closed || random.nextInt(5) == 0 ? created.plusSeconds(1 + random.nextInt(5_000)) : created;
        boolean trashed = random.nextInt(50) == 0;
        Map<String, List<String>> relationships = new LinkedHashMap<>();
        relationships.put(SystemRelationship.CREATED_BY.relationshipName(), List.of("mem_c" + random.nextInt(10)));
        if (random.nextInt(10) != 0) {
            relationships.put(SystemRelationship.ASSIGNED_TO.relationshipName(), List.of(assignee(random.nextInt(assignees))));
        }
        relationships.put(PROJECT, List.of(project(random.nextInt(projects))));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("region", REGIONS[random.nextInt(REGIONS.length)]);
        metadata.put("batch", batch(random.nextInt(batches)));
        String phrase = random.nextInt(50) == 0 ? "Chase the unpaid Invoice"
                : VERBS[random.nextInt(VERBS.length)] + " " + OBJECTS[random.nextInt(OBJECTS.length)];
        boolean described = random.nextBoolean();
        Instant due = random.nextInt(10) < 7 ? created.plusSeconds(random.nextInt(2_000)) : null;
        return Task.builder()
                .id(id(tenant, k, random))
                .tenantId(TenantId.of(tenantName(tenant)))
                .title("Task " + k + ": " + phrase)
                .description(described ? "Notes for task " + k + ": " + phrase + ", as agreed on the phone; see the attached file." : null)
                .status(status)
                .dueAt(due)
                .completedAt(status == TaskStatus.COMPLETE ? updated : null)
                .createdAt(created)
                .updatedAt(updated)
                .trashedAt(trashed ? updated : null)
                .version(created.equals(updated) ? 1 : 2 + random.nextInt(3))
                .externalId(k % 2 == 0 ? externalId(tenant, k) : null)
                .metadata(metadata)
                .relationships(relationships)
                .build();
    }

    /**
     * A time-ordered id, as the library makes them: 7 base-36 digits of the creation second, then the
     * tenant (2 digits) and 7 random digits. A tenant creates one task per second, so ids never clash.
     */
    private static TaskId id(int tenant, int k, SplittableRandom random) {
        char[] body = new char[TaskId.BODY_LENGTH];
        long seconds = createdAt(k).getEpochSecond();
        for (int i = 6; i >= 0; i--) {
            body[i] = BASE36[(int) (seconds % 36)];
            seconds /= 36;
        }
        body[7] = BASE36[tenant / 36 % 36];
        body[8] = BASE36[tenant % 36];
        for (int i = 9; i < body.length; i++) {
            body[i] = BASE36[random.nextInt(36)];
        }
        return new TaskId(TaskId.PREFIX + new String(body));
    }

    /**
     * When task {@code k} of any tenant is created.
     *
     * @param k the task's index in its tenant
     * @return {@code BASE + k} seconds
     */
    public static Instant createdAt(int k) {
        return BASE.plusSeconds(k);
    }

    /**
     * The external id of task {@code k} (held by even {@code k} only).
     *
     * @param tenant the tenant's index
     * @param k the task's index
     * @return the external id
     */
    public static String externalId(int tenant, int k) {
        return "ext-" + tenantName(tenant) + "-" + k;
    }

    /** How many assignees each tenant has. */
    int assignees() {
        return assignees;
    }

    /** How many projects each tenant has. */
    int projects() {
        return projects;
    }

    /** How many values of the {@code batch} metadata key each tenant has. */
    int batches() {
        return batches;
    }

    static String assignee(int index) {
        return "mem_a" + index;
    }

    static String project(int index) {
        return "prj_" + index;
    }

    static String batch(int index) {
        return "b" + index;
    }
}
