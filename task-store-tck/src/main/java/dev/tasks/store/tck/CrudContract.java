package dev.tasks.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import dev.tasks.core.SystemRelationship;
import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.TenantId;
import dev.tasks.core.TrashFilter;
import dev.tasks.core.store.DuplicateExternalIdException;
import dev.tasks.core.store.DuplicateIdempotencyKeyException;
import dev.tasks.core.store.DuplicateTaskIdException;
import dev.tasks.core.store.IdempotencyOperation;
import dev.tasks.core.store.TaskStoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract of single-task operations: insert, get, find by external id, compare-and-set update and
 * delete; that a task read back equals the task written, instants, long strings and every character
 * included; and that clashes are refused with nothing written.
 */
public abstract class CrudContract extends StoreContractSupport {

    /** Made by subclasses. */
    protected CrudContract() {
    }

    private static Task fullTask() {
        return taskA()
                .title("Inspect unit 12 \uD83C\uDF89")
                .description("## Steps\n\n1. Call\t*back*\r\n2. <b>Check</b> \u2713")
                .status(TaskStatus.COMPLETE)
                .createdAt(T0)
                .updatedAt(T0.plusSeconds(3600))
                .completedAt(T0.plusSeconds(1800))
                .dueAt(T0.plusSeconds(86_400).plusMillis(123))
                .trashedAt(T0.plusSeconds(3600))
                .externalId("crm-42")
                .metadata("region", "north")
                .metadata("empty", "")
                .metadata("a.b:c-d_e", "x")
                .assignee("mem_1")
                .createdBy("mem_2")
                .relationship(SystemRelationship.ACCOUNT, "acc_1")
                .relationship(SystemRelationship.OPPORTUNITY, "opp_1")
                .relationship(SystemRelationship.RESOURCE, "con_1")
                .relationship(SystemRelationship.SITE, "site_1")
                .notes("note_3", "note_1", "note_2")
                .relationship("project", "prj_1")
                .build();
    }

    /**
     * A string of exactly {@code n} code points, cycling through those of {@code unit}.
     *
     * @param unit the code points to cycle through
     * @param n how many code points
     * @return the string
     */
    static String codePoints(String unit, int n) {
        int[] cps = unit.codePoints().toArray();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.appendCodePoint(cps[i % cps.length]);
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ empty store, insert, get

    /** A new store holds nothing. */
    @Test
    void aNewStoreIsEmpty() {
        assertThat(store.count(TENANT_A, EVERYTHING)).isZero();
        assertThat(findAll(TENANT_A, EVERYTHING, CREATED_ASC)).isEmpty();
        assertThat(store.get(TENANT_A, TestTasks.newId())).isEmpty();
        assertThat(store.findByExternalId(TENANT_A, "ext-1")).isEmpty();
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.CREATE, "k")).isEmpty();
        assertThat(store.purgeExpiredIdempotencyRecords(Instant.parse("9999-12-31T23:59:59.999Z"))).isZero();
    }

    /** Every component of a task round-trips: get answers a task equal to the one inserted. */
    @Test
    void insertThenGetAnswersAnEqualTask() {
        Task task = insertOne(fullTask());
        assertStored(task);
        assertThat(store.get(TENANT_A, task.id())).contains(task);
    }

    /** A bulk insert writes every task whole, side rows included, in one go. */
    @Test
    void insertAllWritesEveryTask() {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            tasks.add(i % 5 == 0 ? fullTask().toBuilder().externalId("crm-" + i).build()
                    : taskA().title("bulk " + i).metadata("i", Integer.toString(i)).build());
        }
        store.insertAll(tasks);
        for (Task task : tasks) {
            assertStored(task);
        }
        assertThat(store.count(TENANT_A, EVERYTHING)).isEqualTo(tasks.size());
        store.insertAll(List.of());
        assertThat(store.count(TENANT_A, EVERYTHING)).isEqualTo(tasks.size());
    }

    /** A bulk insert with one clash writes nothing at all: ids taken or repeated, external ids taken or repeated. */
    @Test
    void insertAllWithOneClashWritesNothing() {
        Task existing = insertOne(taskA().externalId("ext-taken").build());
        Task fresh = taskA().title("would be written").metadata("k", "v").assignee("mem_1").build();
        List<List<Task>> clashing = List.of(
                List.of(fresh, existing.toBuilder().title("same id").build()),
                List.of(fresh, fresh.toBuilder().title("repeated id").build()),
                List.of(fresh, taskA().externalId("ext-taken").build()),
                List.of(fresh, taskA().externalId("ext-twice").build(), taskA().externalId("ext-twice").build()));
        List<Class<? extends TaskStoreException>> expected = List.of(DuplicateTaskIdException.class, DuplicateTaskIdException.class,
                DuplicateExternalIdException.class, DuplicateExternalIdException.class);
        for (int i = 0; i < clashing.size(); i++) {
            List<Task> batch = clashing.get(i);
            assertThatThrownBy(() -> store.insertAll(batch)).as("batch %d", i).isInstanceOf(expected.get(i));
            assertThat(store.get(TENANT_A, fresh.id())).as("batch %d wrote its first task", i).isEmpty();
            assertThat(store.count(TENANT_A, EVERYTHING)).as("batch %d", i).isEqualTo(1);
        }
        // the same external id in two tenants is no clash
        store.insertAll(List.of(fresh, taskB().externalId("ext-taken").build()));
        assertStored(fresh);
    }

    /** A task with nothing optional round-trips with nothing optional. */
    @Test
    void aMinimalTaskRoundTrips() {
        Task task = insertOne(taskA().title("x").build());
        assertStored(task);
        assertThat(store.get(TENANT_A, task.id()).orElseThrow().relationships()).isEmpty();
        assertThat(store.get(TENANT_A, task.id()).orElseThrow().metadata()).isEmpty();
    }

    /** Each status round-trips, with its completion time exactly when complete. */
    @Test
    void everyStatusRoundTrips() {
        for (TaskStatus status : TaskStatus.values()) {
            Task task = insertOne(taskA().status(status).updatedAt(T0.plusMillis(7)).build());
            assertStored(task);
        }
        assertThat(store.count(TENANT_A, EVERYTHING)).isEqualTo(TaskStatus.values().length);
    }

    /** Get answers nothing for an id never inserted. */
    @Test
    void getOfAnUnknownIdAnswersNothing() {
        insertOne(taskA().build());
        assertAbsent(TENANT_A, TestTasks.newId());
    }

    /**
     * Instants from the year 1 to the year 9999 round-trip to the millisecond: no time-zone shift, no
     * Julian-Gregorian calendar drift (the JDBC {@code java.sql.Timestamp} trap before 1582), no
     * overflow.
     */
    @Test
    void farPastAndFarFutureInstantsRoundTripExactly() {
        List<Instant> edges = List.of(
                TaskGenerators.MIN_INSTANT,
                Instant.parse("0001-01-01T00:00:00.001Z"),
                Instant.parse("0004-02-29T12:34:56.789Z"),
                Instant.parse("1000-06-15T08:00:00Z"),
                Instant.parse("1582-10-04T23:59:59.999Z"),
                Instant.parse("1582-10-15T00:00:00Z"),
                Instant.parse("1900-01-01T00:00:00Z"),
                Instant.parse("1969-12-31T23:59:59.999Z"),
                Instant.parse("1970-01-01T00:00:00Z"),
                Instant.parse("1970-01-01T00:00:00.001Z"),
                Instant.parse("2038-01-19T03:14:08Z"),
                Instant.parse("2262-04-11T23:47:16.855Z"),
                Instant.parse("9999-12-31T00:00:00Z"),
                TaskGenerators.MAX_INSTANT);
        List<Task> tasks = new ArrayList<>();
        for (Instant e : edges) {
            tasks.add(insertOne(taskA().status(TaskStatus.COMPLETE).createdAt(e).updatedAt(e).completedAt(e).dueAt(e).trashedAt(e).build()));
        }
        tasks.add(insertOne(taskA().status(TaskStatus.COMPLETE).createdAt(TaskGenerators.MIN_INSTANT).updatedAt(TaskGenerators.MAX_INSTANT)
                .completedAt(Instant.parse("5000-01-01T00:00:00.500Z")).dueAt(TaskGenerators.MIN_INSTANT).build()));
        for (Task t : tasks) {
            assertStored(t);
        }
    }

    /**
     * Strings at their maximum length round-trip, counted in code points with supplementary characters
     * (a 500-character title of emoji is 1,000 UTF-16 units and 2,000 UTF-8 bytes): title, description,
     * external id, 20 metadata keys of 40 characters with 500-character values, 128-character entity ids,
     * 100 ids in a has-many relationship, and a 255-character tenant.
     */
    @Test
    void maximumLengthStringsRoundTrip() {
        String title = codePoints("\uD83D\uDE80", 499) + "!";
        String description = codePoints("\uD834\uDD1E\u00e9\n\uD83C\uDF89\t", 20_000);
        String externalId = codePoints("\uD841\uDF0E", 255);
        assertThat(title.codePointCount(0, title.length())).isEqualTo(500);
        assertThat(description.codePointCount(0, description.length())).isEqualTo(20_000);
        TestTasks.Builder b = taskA().title(title).description(description).externalId(externalId);
        for (int i = 0; i < 20; i++) {
            String key = String.format(Locale.ROOT, "k%02d.", i) + "a:b-c_d".repeat(6).substring(0, 36);
            b.metadata(key, codePoints("\u2603\uD83C\uDF89" + i, 500));
        }
        String entityId = "A-z_0".repeat(26).substring(0, 128);
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            notes.add(String.format(Locale.ROOT, "%03d_", i) + entityId.substring(4));
        }
        b.assignee(entityId).notes(notes.toArray(String[]::new));
        Task task = insertOne(b.build());
        assertThat(task.metadata()).hasSize(20).allSatisfy((k, v) -> assertThat(k).hasSize(40));
        assertStored(task);
        assertThat(store.findByExternalId(TENANT_A, externalId)).contains(task);

        TenantId longTenant = TenantId.of("t".repeat(200) + "\u00e9".repeat(55));
        Task other = insertOne(TestTasks.task(longTenant).title("x").build());
        assertStored(other);
        assertThat(ids(findAll(longTenant, TaskFilter.ALL, CREATED_ASC))).containsExactly(other.id());
    }

    /**
     * Every character the domain accepts is kept exactly: control characters in descriptions and
     * metadata values, characters at the edges of the planes, combining sequences without Unicode
     * normalization, leading and trailing spaces, quotes, backslashes, SQL wildcards, and the empty
     * metadata value (not turned into null or a missing key).
     */
    @Test
    void everyAcceptedCharacterRoundTripsWithoutNormalization() {
        String controls = "tab\t lf\n cr\r soh\u0001 us\u001f del\u007f c1\u0080 nel\u0085 apc\u009f";
        String edges = "\u00a0 \u2028 \u2029 \ufeff \ufffd \uffff \uD800\uDC00 \uDBFF\uDFFF \uD83D\uDC4D\uD83C\uDFFD";
        Task task = insertOne(taskA()
                .title("  caf\u00e9 vs cafe\u0301 'quoted' \"double\" back\\slash 100% a_b  ")
                .description(controls + " | " + edges + " | ' ; DROP TABLE tasks; -- %_")
                .externalId(" cafe\u0301 ")
                .metadata("empty", "")
                .metadata("spaces", "  ")
                .metadata("controls", controls)
                .metadata("edges", edges)
                .build());
        Task composed = insertOne(taskA().externalId(" caf\u00e9 ").title("caf\u00e9").build());
        assertStored(task);
        assertStored(composed);
        assertThat(store.findByExternalId(TENANT_A, " cafe\u0301 ")).contains(task);
        assertThat(store.findByExternalId(TENANT_A, " caf\u00e9 ")).contains(composed);
        assertThat(store.findByExternalId(TENANT_A, "cafe\u0301")).isEmpty();
    }

    /** The ids of a has-many relationship keep their order, which is not sorted. */
    @Test
    void relationshipIdsKeepTheirOrder() {
        Task task = insertOne(taskA().notes("n_z", "n_a", "n_m", "N_B").relationship("watchers", "m3", "m1", "m2").build());
        assertThat(store.get(TENANT_A, task.id()).orElseThrow().relationship("$note")).containsExactly("n_z", "n_a", "n_m", "N_B");
        assertThat(store.get(TENANT_A, task.id()).orElseThrow().relationship("watchers")).containsExactly("m3", "m1", "m2");
    }

    /** Generated valid tasks of every shape round-trip (a property, over {@link TaskGenerators#tasks}). */
    @Test
    void generatedTasksRoundTrip() {
        qt().withShrinkCycles(TckSettings.shrinkCycles()).withExamples(TckSettings.examples(100)).forAll(TaskGenerators.tasks(TENANT_A)).checkAssert(task -> {
            store.insert(task, Optional.empty());
            try {
                assertStored(task);
                task.externalId().ifPresent(ext -> assertThat(store.findByExternalId(TENANT_A, ext)).contains(task));
            } finally {
                // Keeps the store empty for the next example (external ids come from a small pool).
                store.delete(TENANT_A, task.id(), task.version());
            }
        });
    }

    // ------------------------------------------------------------------ clashes on insert

    /** A second task with a taken id is refused and nothing of it is written. */
    @Test
    void insertingATakenIdIsRefusedAndWritesNothing() {
        Task first = insertOne(taskA().title("first").build());
        Task second = taskA().id(first.id()).title("second").externalId("ext-second").metadata("k", "v").build();
        assertThatThrownBy(() -> store.insert(second, Optional.of(createRecord("key-second", second))))
                .isInstanceOf(DuplicateTaskIdException.class);
        assertStored(first);
        assertThat(store.count(TENANT_A, EVERYTHING)).isEqualTo(1);
        assertThat(store.findByExternalId(TENANT_A, "ext-second")).isEmpty();
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.CREATE, "key-second")).isEmpty();
    }

    /** Ids are unique across tenants: another tenant cannot take an id either. */
    @Test
    void insertingAnIdTakenInAnotherTenantIsRefused() {
        Task first = insertOne(taskA().build());
        Task second = taskB().id(first.id()).externalId("ext-b").build();
        assertThatThrownBy(() -> store.insert(second, Optional.of(createRecord("key-b", second))))
                .isInstanceOf(DuplicateTaskIdException.class);
        assertStored(first);
        assertAbsent(TENANT_B, first.id());
        assertThat(store.count(TENANT_B, EVERYTHING)).isZero();
        assertThat(store.findByExternalId(TENANT_B, "ext-b")).isEmpty();
        assertThat(store.findIdempotencyRecord(TENANT_B, IdempotencyOperation.CREATE, "key-b")).isEmpty();
    }

    /** Inserting the same task twice is refused the second time. */
    @Test
    void insertingTheSameTaskTwiceIsRefused() {
        Task task = insertOne(taskA().build());
        assertThatThrownBy(() -> store.insert(task, Optional.empty())).isInstanceOf(DuplicateTaskIdException.class);
        assertThat(store.count(TENANT_A, EVERYTHING)).isEqualTo(1);
    }

    /** A second task with an external id taken in the tenant is refused and nothing of it is written. */
    @Test
    void insertingATakenExternalIdIsRefusedAndWritesNothing() {
        Task first = insertOne(taskA().externalId("ext-1").build());
        Task second = taskA().externalId("ext-1").build();
        assertThatThrownBy(() -> store.insert(second, Optional.of(createRecord("k2", second))))
                .isInstanceOf(DuplicateExternalIdException.class);
        assertAbsent(TENANT_A, second.id());
        assertThat(store.count(TENANT_A, EVERYTHING)).isEqualTo(1);
        assertThat(store.findByExternalId(TENANT_A, "ext-1")).contains(first);
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.CREATE, "k2")).isEmpty();
        // The id of the refused task is still free.
        Task retried = insertOne(second.toBuilder().externalId("ext-2").build());
        assertStored(retried);
    }

    /** A trashed task still holds its external id. */
    @Test
    void aTrashedTaskStillHoldsItsExternalId() {
        insertOne(taskA().externalId("ext-1").trashed().build());
        Task second = taskA().externalId("ext-1").build();
        assertThatThrownBy(() -> insertOne(second)).isInstanceOf(DuplicateExternalIdException.class);
        assertAbsent(TENANT_A, second.id());
    }

    /** External ids are unique per tenant only: two tenants may use the same one. */
    @Test
    void twoTenantsMayUseTheSameExternalId() {
        Task a = insertOne(taskA().externalId("ext-1").build());
        Task b = insertOne(taskB().externalId("ext-1").build());
        assertThat(store.findByExternalId(TENANT_A, "ext-1")).contains(a);
        assertThat(store.findByExternalId(TENANT_B, "ext-1")).contains(b);
    }

    /** External ids are compared exactly: case, accents and surrounding spaces make them differ. */
    @Test
    void externalIdsAreComparedExactly() {
        Task lower = insertOne(taskA().externalId("ext-1").build());
        Task upper = insertOne(taskA().externalId("EXT-1").build());
        Task spaced = insertOne(taskA().externalId("ext-1 ").build());
        Task accented = insertOne(taskA().externalId("\u00e9xt-1").build());
        Task plain = insertOne(taskA().externalId("ext-one").build());
        assertThat(store.findByExternalId(TENANT_A, "ext-1")).contains(lower);
        assertThat(store.findByExternalId(TENANT_A, "EXT-1")).contains(upper);
        assertThat(store.findByExternalId(TENANT_A, "ext-1 ")).contains(spaced);
        assertThat(store.findByExternalId(TENANT_A, "\u00e9xt-1")).contains(accented);
        assertThat(store.findByExternalId(TENANT_A, "ext-one")).contains(plain);
        assertThat(store.findByExternalId(TENANT_A, "Ext-1")).isEmpty();
        assertThat(store.findByExternalId(TENANT_A, "ext-")).isEmpty();
        assertThat(store.findByExternalId(TENANT_A, "ext-%")).isEmpty();
    }

    /**
     * Clash exceptions name what clashed (their constructors' contract) and leak no SQL or driver
     * detail.
     */
    @Test
    void clashMessagesNameWhatClashedAndLeakNoStorageDetail() {
        Task first = insertOne(taskA().externalId("ext-msg-1").build());
        store.insert(taskA().build(), Optional.of(record(TENANT_A, IdempotencyOperation.CREATE, "key-msg-1", first.id(), T0, Duration.ofHours(1))));
        TaskStoreException byId = catchClash(() -> insertOne(taskA().id(first.id()).build()), DuplicateTaskIdException.class);
        TaskStoreException byExternalId = catchClash(() -> insertOne(taskA().externalId("ext-msg-1").build()), DuplicateExternalIdException.class);
        Task third = taskA().build();
        TaskStoreException byKey = catchClash(() -> store.insert(third, Optional.of(record(TENANT_A, IdempotencyOperation.CREATE, "key-msg-1",
                third.id(), T0.plusSeconds(1), Duration.ofHours(1)))), DuplicateIdempotencyKeyException.class);
        assertThat(byId.getMessage()).contains(first.id().value());
        assertThat(byExternalId.getMessage()).contains("ext-msg-1");
        assertThat(byKey.getMessage()).contains("key-msg-1");
        for (TaskStoreException e : List.of(byId, byExternalId, byKey)) {
            assertThat(e.getMessage().toLowerCase(Locale.ROOT))
                    .doesNotContain("sql", "jdbc", "insert into", "select ", "update tasks", "org.", "java.", "duplicate key value",
                            "constraint failed", "violates");
        }
    }

    private static TaskStoreException catchClash(Runnable r, Class<? extends TaskStoreException> type) {
        try {
            r.run();
        } catch (TaskStoreException e) {
            assertThat(e).isInstanceOf(type);
            return e;
        }
        throw new AssertionError("expected " + type.getSimpleName());
    }

    // ------------------------------------------------------------------ find by external id

    /** Find by external id follows the task's external id through updates, clearing and deletion. */
    @Test
    void findByExternalIdFollowsUpdatesAndDeletion() {
        Task v1 = insertOne(taskA().externalId("ext-1").build());
        assertThat(store.findByExternalId(TENANT_A, "ext-1")).contains(v1);
        Task v2 = v1.toBuilder().externalId("ext-2").version(2).build();
        assertThat(store.update(v2, 1, Optional.empty())).isTrue();
        assertThat(store.findByExternalId(TENANT_A, "ext-1")).isEmpty();
        assertThat(store.findByExternalId(TENANT_A, "ext-2")).contains(v2);
        Task v3 = v2.toBuilder().externalId(null).version(3).build();
        assertThat(store.update(v3, 2, Optional.empty())).isTrue();
        assertThat(store.findByExternalId(TENANT_A, "ext-2")).isEmpty();
        Task v4 = v3.toBuilder().externalId("ext-1").version(4).build();
        assertThat(store.update(v4, 3, Optional.empty())).isTrue();
        assertThat(store.findByExternalId(TENANT_A, "ext-1")).contains(v4);
        assertThat(store.delete(TENANT_A, v4.id(), 4)).isTrue();
        assertThat(store.findByExternalId(TENANT_A, "ext-1")).isEmpty();
    }

    /** Once its task is deleted or has let it go, an external id can be taken again. */
    @Test
    void aReleasedExternalIdCanBeTakenAgain() {
        Task first = insertOne(taskA().externalId("ext-1").build());
        assertThat(store.delete(TENANT_A, first.id(), 1)).isTrue();
        Task second = insertOne(taskA().externalId("ext-1").build());
        assertThat(store.findByExternalId(TENANT_A, "ext-1")).contains(second);
        assertThat(store.update(second.toBuilder().externalId("ext-2").version(2).build(), 1, Optional.empty())).isTrue();
        Task third = insertOne(taskA().externalId("ext-1").build());
        assertThat(store.findByExternalId(TENANT_A, "ext-1")).contains(third);
    }

    // ------------------------------------------------------------------ update

    /** An update on the current version replaces every component, removing what the new state lacks. */
    @Test
    void updateOnTheCurrentVersionReplacesTheTask() {
        Task v1 = insertOne(fullTask());
        Task v2 = Task.builder()
                .id(v1.id()).tenantId(TENANT_A).title("Renamed \u00e9").status(TaskStatus.IN_PROGRESS)
                .createdAt(v1.createdAt()).updatedAt(v1.updatedAt().plusMillis(1)).version(2)
                .metadata(java.util.Map.of("region", "south", "new", "1"))
                .relationship("$assignedTo", List.of("mem_2"))
                .relationship("$note", List.of("note_2", "note_9"))
                .build();
        assertThat(store.update(v2, 1, Optional.empty())).isTrue();
        assertStored(v2);
        TaskAssertions.assertThat(store.get(TENANT_A, v1.id()).orElseThrow())
                .hasVersion(2).isNotComplete().isNotTrashed().hasNoDueAt().hasNoExternalId()
                .hasNoMetadataKey("empty").hasMetadata("region", "south")
                .hasRelationship("$account").hasRelationship("project").hasRelationship("$note", "note_2", "note_9");
        assertThat(store.count(TENANT_A, EVERYTHING)).isEqualTo(1);
    }

    /** Successive updates each move one version on. */
    @Test
    void successiveUpdatesMoveVersionByVersion() {
        Task current = insertOne(taskA().build());
        for (int v = 2; v <= 6; v++) {
            Task next = current.toBuilder().title("v" + v).version(v).updatedAt(current.updatedAt().plusSeconds(1)).build();
            assertThat(store.update(next, v - 1, Optional.empty())).isTrue();
            current = next;
            assertStored(current);
        }
        TaskAssertions.assertThat(store.get(TENANT_A, current.id()).orElseThrow()).hasVersion(6).hasTitle("v6");
    }

    /** An update computed from an older version answers false and changes nothing. */
    @Test
    void updateOnAStaleVersionAnswersFalseAndChangesNothing() {
        Task v1 = insertOne(taskA().build());
        Task v2 = v1.toBuilder().title("v2").version(2).build();
        assertThat(store.update(v2, 1, Optional.empty())).isTrue();
        Task stale = v1.toBuilder().title("stale").version(2).externalId("ext-stale").build();
        assertThat(store.update(stale, 1, Optional.of(record(TENANT_A, IdempotencyOperation.UPDATE, "k-stale", v1.id(), T0, Duration.ofHours(1)))))
                .isFalse();
        assertStored(v2);
        assertThat(store.findByExternalId(TENANT_A, "ext-stale")).isEmpty();
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.UPDATE, "k-stale")).isEmpty();
    }

    /** An update that expects a version the task has not reached answers false and changes nothing. */
    @Test
    void updateOnAFutureVersionAnswersFalse() {
        Task v1 = insertOne(taskA().build());
        assertThat(store.update(v1.toBuilder().title("ahead").version(3).build(), 2, Optional.empty())).isFalse();
        assertStored(v1);
    }

    /** An update of a task that does not exist answers false and creates nothing. */
    @Test
    void updateOfAMissingTaskAnswersFalseAndCreatesNothing() {
        Task ghost = taskA().version(2).build();
        assertThat(store.update(ghost, 1, Optional.empty())).isFalse();
        assertAbsent(TENANT_A, ghost.id());
        assertThat(store.count(TENANT_A, EVERYTHING)).isZero();
    }

    /** An update of a deleted task answers false and does not bring it back. */
    @Test
    void updateOfADeletedTaskAnswersFalse() {
        Task v1 = insertOne(taskA().build());
        assertThat(store.delete(TENANT_A, v1.id(), 1)).isTrue();
        assertThat(store.update(v1.toBuilder().version(2).build(), 1, Optional.empty())).isFalse();
        assertAbsent(TENANT_A, v1.id());
    }

    // ------------------------------------------------------------------ update from the previous state

    /**
     * Told the stored task, an update replaces every component that differs, side rows included, and
     * leaves the rest as it was: what was added, changed and removed all reads back.
     */
    @Test
    void updateFromThePreviousStateReplacesTheTask() {
        Task v1 = insertOne(fullTask());
        Task v2 = v1.toBuilder()
                .title("Renamed \u00e9").status(TaskStatus.IN_PROGRESS).completedAt(null).trashedAt(null).dueAt(null)
                .description(null).externalId("crm-43").updatedAt(v1.updatedAt().plusMillis(1)).version(2)
                .metadata(java.util.Map.of("region", "south", "empty", "", "new", "1"))
                .relationship("$assignedTo", List.of("mem_9"))
                .relationship("$opportunity", List.of())
                .relationship("$note", List.of("note_2", "note_9"))
                .build();
        assertThat(store.update(v1, v2, Optional.empty())).isTrue();
        assertStored(v2);
        assertThat(store.findByExternalId(TENANT_A, "crm-42")).isEmpty();
        assertThat(store.findByExternalId(TENANT_A, "crm-43")).contains(v2);
        Task v3 = v2.toBuilder().title("Bare").metadata(java.util.Map.of()).relationships(java.util.Map.of())
                .externalId(null).dueAt(T0).updatedAt(v2.updatedAt().plusMillis(1)).version(3).build();
        assertThat(store.update(v2, v3, Optional.of(record(TENANT_A, IdempotencyOperation.UPDATE, "k-prev", v1.id(), T0, Duration.ofHours(1)))))
                .isTrue();
        assertStored(v3);
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.UPDATE, "k-prev")).isPresent();
        Task v4 = v3.toBuilder().metadata(java.util.Map.of("region", "east"))
                .relationship("$assignedTo", List.of("mem_1")).relationship("$note", List.of("note_1"))
                .updatedAt(v3.updatedAt().plusMillis(1)).version(4).build();
        assertThat(store.update(v3, v4, Optional.empty())).isTrue();
        assertStored(v4);
        assertThat(store.count(TENANT_A, EVERYTHING)).isEqualTo(1);
    }

    /**
     * A previous state the task has moved on from answers false and writes nothing, whatever it holds:
     * the store compares versions, it does not trust an outdated copy.
     */
    @Test
    void updateFromAnOutdatedPreviousStateAnswersFalseAndChangesNothing() {
        Task v1 = insertOne(taskA().metadata("k", "1").build());
        Task v2 = v1.toBuilder().title("v2").metadata(java.util.Map.of("k", "2")).version(2).build();
        assertThat(store.update(v1, v2, Optional.empty())).isTrue();
        Task stale = v1.toBuilder().title("stale").metadata(java.util.Map.of("other", "x")).externalId("ext-stale").version(2).build();
        assertThat(store.update(v1, stale, Optional.of(record(TENANT_A, IdempotencyOperation.UPDATE, "k-stale", v1.id(), T0, Duration.ofHours(1)))))
                .isFalse();
        assertStored(v2);
        assertThat(store.findByExternalId(TENANT_A, "ext-stale")).isEmpty();
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.UPDATE, "k-stale")).isEmpty();
        Task ahead = v2.toBuilder().version(3).build();
        assertThat(store.update(ahead, ahead.toBuilder().title("ahead").version(4).build(), Optional.empty())).isFalse();
        assertStored(v2);
    }

    /** Told the previous state of a task that is gone, or never was, an update answers false and creates nothing. */
    @Test
    void updateFromThePreviousStateOfAMissingTaskAnswersFalse() {
        Task v1 = insertOne(taskA().metadata("k", "v").build());
        assertThat(store.delete(TENANT_A, v1.id(), 1)).isTrue();
        assertThat(store.update(v1, v1.toBuilder().title("back").version(2).build(), Optional.empty())).isFalse();
        assertAbsent(TENANT_A, v1.id());
        Task ghost = taskA().build();
        assertThat(store.update(ghost, ghost.toBuilder().version(2).build(), Optional.empty())).isFalse();
        assertAbsent(TENANT_A, ghost.id());
        assertThat(store.count(TENANT_A, EVERYTHING)).isZero();
    }

    /** Two states of different tasks, or of one id in two tenants, are refused before anything is written. */
    @Test
    void updateFromThePreviousStateOfAnotherTaskIsRefused() {
        Task a = insertOne(taskA().build());
        Task other = insertOne(taskA().build());
        assertThatThrownBy(() -> store.update(a, other.toBuilder().title("x").version(2).build(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.update(a, a.toBuilder().tenantId(TENANT_B).version(2).build(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertStored(a);
        assertStored(other);
    }

    /** An update to an external id that another task of the tenant holds is refused; nothing is written. */
    @Test
    void updateToATakenExternalIdIsRefusedAndWritesNothing() {
        Task holder = insertOne(taskA().externalId("ext-1").build());
        Task v1 = insertOne(taskA().externalId("ext-2").metadata("k", "v").build());
        Task v2 = v1.toBuilder().externalId("ext-1").title("changed").metadata(java.util.Map.of()).version(2).build();
        assertThatThrownBy(() -> store.update(v2, 1, Optional.of(record(TENANT_A, IdempotencyOperation.UPDATE, "k-upd", v1.id(), T0, Duration.ofHours(1)))))
                .isInstanceOf(DuplicateExternalIdException.class);
        assertStored(v1);
        assertStored(holder);
        assertThat(store.findByExternalId(TENANT_A, "ext-1")).contains(holder);
        assertThat(store.findByExternalId(TENANT_A, "ext-2")).contains(v1);
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.UPDATE, "k-upd")).isEmpty();
    }

    /** An update that keeps the task's own external id is no clash. */
    @Test
    void updateKeepingItsOwnExternalIdSucceeds() {
        Task v1 = insertOne(taskA().externalId("ext-1").build());
        Task v2 = v1.toBuilder().title("renamed").version(2).build();
        assertThat(store.update(v2, 1, Optional.empty())).isTrue();
        assertThat(store.findByExternalId(TENANT_A, "ext-1")).contains(v2);
    }

    /** An update may take an external id that another tenant holds. */
    @Test
    void updateToAnExternalIdOfAnotherTenantSucceeds() {
        Task b = insertOne(taskB().externalId("ext-1").build());
        Task v1 = insertOne(taskA().build());
        Task v2 = v1.toBuilder().externalId("ext-1").version(2).build();
        assertThat(store.update(v2, 1, Optional.empty())).isTrue();
        assertThat(store.findByExternalId(TENANT_A, "ext-1")).contains(v2);
        assertThat(store.findByExternalId(TENANT_B, "ext-1")).contains(b);
    }

    /** The trash is just data to a store: trashing and restoring are updates that round-trip. */
    @Test
    void trashingAndRestoringRoundTripAsUpdates() {
        Task v1 = insertOne(taskA().build());
        Task v2 = v1.toBuilder().trashedAt(T0.plusSeconds(5)).updatedAt(T0.plusSeconds(5)).version(2).build();
        assertThat(store.update(v2, 1, Optional.empty())).isTrue();
        assertStored(v2);
        assertThat(ids(findAll(TENANT_A, TaskFilter.ALL, CREATED_ASC))).isEmpty();
        Task v3 = v2.toBuilder().trashedAt(null).updatedAt(T0.plusSeconds(6)).version(3).build();
        assertThat(store.update(v3, 2, Optional.empty())).isTrue();
        assertStored(v3);
        assertThat(ids(findAll(TENANT_A, TaskFilter.builder().trashed(TrashFilter.ONLY).build(), CREATED_ASC))).isEmpty();
        assertThat(ids(findAll(TENANT_A, TaskFilter.ALL, CREATED_ASC))).containsExactly(v1.id());
    }

    // ------------------------------------------------------------------ delete

    /** Delete on the current version removes the task for good; a second delete answers false. */
    @Test
    void deleteOnTheCurrentVersionRemovesTheTask() {
        Task keep = insertOne(taskA().build());
        Task gone = insertOne(taskA().externalId("ext-1").metadata("k", "v").assignee("mem_1").build());
        assertThat(store.delete(TENANT_A, gone.id(), 1)).isTrue();
        assertAbsent(TENANT_A, gone.id());
        assertThat(store.count(TENANT_A, EVERYTHING)).isEqualTo(1);
        assertThat(ids(findAll(TENANT_A, EVERYTHING, CREATED_ASC))).containsExactly(keep.id());
        assertThat(store.count(TENANT_A, TaskFilter.builder().assignee("mem_1").build())).isZero();
        assertThat(store.findByExternalId(TENANT_A, "ext-1")).isEmpty();
        assertThat(store.delete(TENANT_A, gone.id(), 1)).isFalse();
        assertStored(keep);
    }

    /** Delete on another version answers false and keeps the task. */
    @Test
    void deleteOnAnotherVersionAnswersFalseAndKeepsTheTask() {
        Task v1 = insertOne(taskA().build());
        Task v2 = v1.toBuilder().title("v2").version(2).build();
        assertThat(store.update(v2, 1, Optional.empty())).isTrue();
        assertThat(store.delete(TENANT_A, v1.id(), 1)).isFalse();
        assertThat(store.delete(TENANT_A, v1.id(), 3)).isFalse();
        assertStored(v2);
        assertThat(store.delete(TENANT_A, v1.id(), 2)).isTrue();
        assertAbsent(TENANT_A, v1.id());
    }

    /** Delete of an id that was never inserted answers false. */
    @Test
    void deleteOfAMissingTaskAnswersFalse() {
        insertOne(taskA().build());
        assertThat(store.delete(TENANT_A, TestTasks.newId(), 1)).isFalse();
        assertThat(store.count(TENANT_A, EVERYTHING)).isEqualTo(1);
    }

    /** A trashed task can be deleted. */
    @Test
    void aTrashedTaskCanBeDeleted() {
        Task t = insertOne(taskA().trashed().build());
        assertThat(store.delete(TENANT_A, t.id(), 1)).isTrue();
        assertAbsent(TENANT_A, t.id());
    }

    /** After a delete the id no longer exists, so it can be inserted again (in any tenant). */
    @Test
    void aDeletedIdCanBeInsertedAgain() {
        Task first = insertOne(taskA().title("first").build());
        assertThat(store.delete(TENANT_A, first.id(), 1)).isTrue();
        Task again = insertOne(taskB().id(first.id()).title("again").build());
        assertStored(again);
        assertAbsent(TENANT_A, first.id());
    }
}
