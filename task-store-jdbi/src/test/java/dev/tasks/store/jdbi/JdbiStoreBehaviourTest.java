package dev.tasks.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasks.api.Actor;
import dev.tasks.api.Scope;
import dev.tasks.api.TaskService;
import dev.tasks.core.NewTask;
import dev.tasks.core.RelatedTo;
import dev.tasks.core.SortDirection;
import dev.tasks.core.SortField;
import dev.tasks.core.SystemRelationship;
import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskSort;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.Text;
import dev.tasks.core.TenantId;
import dev.tasks.core.TrashFilter;
import dev.tasks.core.store.IdempotencyOperation;
import dev.tasks.core.store.IdempotencyRecord;
import dev.tasks.core.store.PageRequest;
import dev.tasks.core.store.TaskStoreException;
import dev.tasks.store.tck.TestTasks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the storage contract does not say but a SQL store must do: migrations that are safe to repeat
 * and to race, the schema check of {@link Migrations#VERIFY}, exact round-trips of the extreme values the
 * domain accepts (through the indexes too), side rows that go with their task, purges that leave nothing
 * behind, and driver failures that surface as {@link TaskStoreException}s telling nothing of SQL or of
 * the driver. Each backend runs it in a subclass.
 */
abstract class JdbiStoreBehaviourTest {

    static final TenantId TENANT = TenantId.of("tenant-a");
    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private final List<AutoCloseable> opened = new ArrayList<>();

    /** A store on an empty database (no task, no record), migrated. */
    protected abstract JdbiTaskStore newStore();

    /** The settings of a database that no other test uses, and that is not yet migrated. */
    protected abstract FreshDatabase freshDatabase();

    /** A database of this backend that no other test touches. */
    protected interface FreshDatabase {
        /** Opens a store on it. */
        JdbiTaskStore open(Migrations migrations);

        /** Makes the database fail as a lost server or a closed pool does. */
        void makeUnreachable();
    }

    /** Remembers a store to close after the test. */
    protected JdbiTaskStore track(JdbiTaskStore store) {
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeStores() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        opened.clear();
    }

    static long rows(JdbiTaskStore store, String table) {
        return store.database().readOnce(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }

    static List<Integer> versions(JdbiTaskStore store) {
        return store.database().readOnce(h -> h.createQuery("SELECT version FROM task_schema_version ORDER BY version")
                .mapTo(Integer.class).list());
    }

    // ------------------------------------------------------------------ migrations

    @Test
    void migratingTwiceChangesNothing() {
        FreshDatabase db = freshDatabase();
        JdbiTaskStore first = track(db.open(Migrations.APPLY));
        Task task = TestTasks.task(TENANT).title("kept").metadata("k", "v").assignee("mem_1").build();
        first.insert(task, Optional.empty());
        List<String> schema = schema(first);
        JdbiTaskStore second = track(db.open(Migrations.APPLY));
        assertThat(versions(second)).containsExactly(JdbiTaskStore.SCHEMA_VERSION);
        assertThat(schema(second)).isEqualTo(schema);
        assertThat(second.get(TENANT, task.id())).contains(task);
    }

    @Test
    void storesStartingAtOnceMigrateOnce() throws Exception {
        FreshDatabase db = freshDatabase();
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<JdbiTaskStore>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return db.open(Migrations.APPLY);
                }));
            }
            start.countDown();
            for (Future<JdbiTaskStore> f : futures) {
                track(f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        JdbiTaskStore store = track(db.open(Migrations.VERIFY));
        assertThat(versions(store)).containsExactly(JdbiTaskStore.SCHEMA_VERSION);
        Task task = TestTasks.task(TENANT).build();
        store.insert(task, Optional.empty());
        assertThat(store.get(TENANT, task.id())).contains(task);
    }

    @Test
    void verifyRefusesAMissingSchemaAndAcceptsAMigratedOne() {
        FreshDatabase db = freshDatabase();
        assertThatThrownBy(() -> track(db.open(Migrations.VERIFY)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("task_schema_version")
                .hasMessageContaining("Migrations.APPLY");
        JdbiTaskStore migrated = track(db.open(Migrations.APPLY));
        JdbiTaskStore verified = track(db.open(Migrations.VERIFY));
        assertThat(verified.count(TENANT, TaskFilter.ALL)).isZero();
        migrated.database().write(h -> h.execute("DELETE FROM task_schema_version"));
        assertThatThrownBy(() -> track(db.open(Migrations.VERIFY)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs schema version " + JdbiTaskStore.SCHEMA_VERSION)
                .hasMessageContaining("records version 0");
    }

    @Test
    void theScriptsRecordTheirOwnVersionSoThatAnyToolCanApplyThem() {
        FreshDatabase db = freshDatabase();
        JdbiTaskStore store = track(db.open(Migrations.APPLY));
        Dialect dialect = store.dialect();
        assertThat(Migrator.script(dialect, 1)).contains("INSERT INTO task_schema_version");
        assertThat(Thread.currentThread().getContextClassLoader()
                .getResource(dialect.migrationLocation() + "/V1__tasks.sql")).isNotNull();
    }

    @Test
    void aStoreReopenedOnTheDatabaseSeesEverything() {
        FreshDatabase db = freshDatabase();
        Task open = TestTasks.task(TENANT).title("survives").metadata("k", "v").assignee("mem_1").dueAt(T0)
                .relationship(SystemRelationship.ACCOUNT, "acc_1").externalId("ext-1").build();
        Task trashed = TestTasks.task(TENANT).status(TaskStatus.COMPLETE).completedAt(T0).trashedAt(T0).build();
        Task updated = TestTasks.task(TENANT).metadata("a", "1").build().toBuilder().version(2).metadata(Map.of("b", "2")).build();
        IdempotencyRecord record = new IdempotencyRecord(TENANT, IdempotencyOperation.CREATE, "key", "fp", open.id(), T0,
                T0.plus(Duration.ofHours(24)));
        try (JdbiTaskStore store = db.open(Migrations.APPLY)) {
            store.insert(open, Optional.of(record));
            store.insert(trashed, Optional.empty());
            store.insert(updated.toBuilder().version(1).metadata(Map.of("a", "1")).build(), Optional.empty());
            assertThat(store.update(updated, 1, Optional.empty())).isTrue();
        }
        try (JdbiTaskStore store = db.open(Migrations.VERIFY)) {
            assertThat(store.get(TENANT, open.id())).contains(open);
            assertThat(store.get(TENANT, trashed.id())).contains(trashed);
            assertThat(store.get(TENANT, updated.id())).contains(updated);
            assertThat(store.findByExternalId(TENANT, "ext-1")).contains(open);
            assertThat(store.count(TENANT, TaskFilter.builder().assignee("mem_1").build())).isEqualTo(1);
            assertThat(store.count(TENANT, TaskFilter.builder().trashed(TrashFilter.ONLY).build())).isEqualTo(1);
            assertThat(find(store, TENANT, TaskFilter.builder().metadata("b", "2").build())).containsExactly(updated);
            assertThat(find(store, TENANT, TaskFilter.builder().metadata("a", "1").build())).isEmpty();
            assertThat(store.findIdempotencyRecord(TENANT, IdempotencyOperation.CREATE, "key")).contains(record);
        }
    }

    /** The tables, columns and indexes of the schema, as the database describes them. */
    protected abstract List<String> schema(JdbiTaskStore store);

    // ------------------------------------------------------------------ values

    @Test
    void theLongestValuesTheDomainAcceptsRoundTripAndAreFoundThroughTheirIndexes() {
        JdbiTaskStore store = track(newStore());
        String emoji = "\uD83C\uDF89"; // U+1F389: one character, two UTF-16 units, four UTF-8 bytes
        TenantId tenant = TenantId.of(emoji.repeat(255));
        String externalId = "\uD801\uDC37".repeat(255);
        String value = "\uD83D\uDE00".repeat(500);
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            metadata.put(String.format(Locale.ROOT, "%02d", i) + "k".repeat(38), i == 0 ? value : "\uFFFF\uDBFF\uDFFF " + i);
        }
        String entity = "E".repeat(127) + "1";
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            notes.add("note_" + i);
        }
        Task task = TestTasks.task(tenant)
                .title(emoji.repeat(500))
                .description(("x\u00e9\uD834\uDD1E\t\n").repeat(4_000))
                .externalId(externalId)
                .metadata(metadata)
                .assignee(entity)
                .notes(notes.toArray(String[]::new))
                .relationship("custom_" + "a".repeat(55), "a-b_C", "a-b_c")
                .build();
        store.insert(task, Optional.empty());
        assertThat(store.get(tenant, task.id())).contains(task);
        assertThat(store.findByExternalId(tenant, externalId)).contains(task);
        assertThat(find(store, tenant, TaskFilter.builder().metadata(metadata.keySet().iterator().next(), value).build())).containsExactly(task);
        assertThat(find(store, tenant, TaskFilter.builder().assignee(entity).build())).containsExactly(task);
        assertThat(find(store, tenant, TaskFilter.builder().relatedTo(RelatedTo.any("note_99")).build())).containsExactly(task);
        assertThat(find(store, tenant, TaskFilter.builder().titleContains(emoji.repeat(3)).build())).containsExactly(task);
        assertThat(find(store, tenant, TaskFilter.builder().externalId(externalId).build())).containsExactly(task);
        assertThat(find(store, TENANT, TaskFilter.ALL)).isEmpty();
    }

    @Test
    void instantsFromYear1ToYear9999RoundTripToTheMillisecondAndOrderAndFilterExactly() {
        JdbiTaskStore store = track(newStore());
        Instant first = Instant.parse("0001-01-01T00:00:00.001Z");
        Instant julianGap = Instant.parse("1582-10-10T12:34:56.789Z");
        Instant last = Instant.parse("9999-12-31T23:59:59.999Z");
        Task a = TestTasks.task(TENANT).createdAt(first).updatedAt(julianGap).dueAt(last).build();
        Task b = TestTasks.task(TENANT).createdAt(julianGap).updatedAt(last).dueAt(first)
                .status(TaskStatus.COMPLETE).completedAt(last).trashedAt(last).build();
        Task c = TestTasks.task(TENANT).createdAt(last).updatedAt(last).dueAt(julianGap).build();
        for (Task t : List.of(a, b, c)) {
            store.insert(t, Optional.empty());
            assertThat(store.get(TENANT, t.id())).contains(t);
        }
        TaskFilter all = TaskFilter.builder().trashed(TrashFilter.INCLUDE).build();
        assertThat(store.find(TENANT, new PageRequest(all, TaskSort.by(SortField.DUE_AT, SortDirection.ASC), Optional.empty(), 0, 10)))
                .containsExactly(b, c, a);
        assertThat(store.find(TENANT, new PageRequest(all, TaskSort.by(SortField.CREATED_AT, SortDirection.DESC), Optional.empty(), 0, 10)))
                .containsExactly(c, b, a);
        assertThat(find(store, TENANT, all.toBuilder().dueAfter(julianGap).dueBefore(last).build())).containsExactly(c);
        assertThat(find(store, TENANT, all.toBuilder().dueAfter(julianGap.plusMillis(1)).build())).containsExactly(a);
        assertThat(find(store, TENANT, all.toBuilder().createdBefore(first.plusMillis(1)).build())).containsExactly(a);
        IdempotencyRecord record = new IdempotencyRecord(TENANT, IdempotencyOperation.CREATE, "k", "fp", a.id(), first, last);
        store.putIdempotencyRecord(record);
        assertThat(store.findIdempotencyRecord(TENANT, IdempotencyOperation.CREATE, "k")).contains(record);
    }

    /** Every metadata key character the domain allows, in a key of the longest length: 26 + 10 + 4 = 40. */
    static final String EVERY_KEY_CHARACTER = "abcdefghijklmnopqrstuvwxyz0123456789._:-";

    /**
     * Every code point the domain accepts (U+0001 to U+10FFFF, surrogates excepted: all 17 planes),
     * written through the service in descriptions of the longest length, with titles, metadata values and
     * external ids cut from the same characters, then read back exactly from a store reopened on the
     * database, and found again through the metadata and external-id indexes.
     */
    @Test
    void everyCharacterTheDomainAcceptsRoundTripsThroughTheServiceIntoAReopenedStore() {
        FreshDatabase db = freshDatabase();
        Actor actor = Actor.of(TENANT.value(), "mem_1", Scope.all());
        List<Task> written = new ArrayList<>();
        long characters = 0;
        try (JdbiTaskStore store = db.open(Migrations.APPLY)) {
            TaskService service = TaskService.builder(store).build();
            int next = 1;
            while (next <= Character.MAX_CODE_POINT) {
                StringBuilder all = new StringBuilder();
                StringBuilder printable = new StringBuilder();
                int count = 0;
                int printableCount = 0;
                for (; next <= Character.MAX_CODE_POINT && count < 20_000; next++) {
                    if (next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE) {
                        continue;
                    }
                    all.appendCodePoint(next);
                    count++;
                    if (printableCount < 500 && !Character.isISOControl(next) && !Text.isBlank(Character.toString(next))) {
                        printable.appendCodePoint(next);
                        printableCount++;
                    }
                }
                characters += count;
                String title = printable.toString();
                String externalId = title.substring(0, title.offsetByCodePoints(0, Math.min(255, printableCount)));
                Task task = service.create(actor, NewTask.builder(title)
                        .description(all.toString())
                        .externalId(externalId)
                        .metadata(EVERY_KEY_CHARACTER, all.substring(0, all.offsetByCodePoints(0, Math.min(500, count))))
                        .build());
                written.add(task);
            }
        }
        assertThat(characters).isEqualTo(Character.MAX_CODE_POINT + 1 - 1 - (Character.MAX_SURROGATE - Character.MIN_SURROGATE + 1));
        assertThat(written).hasSize((int) ((characters + 19_999) / 20_000));
        try (JdbiTaskStore reopened = db.open(Migrations.VERIFY)) {
            for (Task task : written) {
                assertThat(reopened.get(TENANT, task.id())).contains(task);
                assertThat(reopened.findByExternalId(TENANT, task.externalId().orElseThrow())).contains(task);
                assertThat(find(reopened, TENANT, TaskFilter.builder()
                        .metadata(EVERY_KEY_CHARACTER, task.metadata().get(EVERY_KEY_CHARACTER)).build())).containsExactly(task);
            }
            assertThat(reopened.count(TENANT, TaskFilter.ALL)).isEqualTo(written.size());
        }
    }

    private static List<Task> find(JdbiTaskStore store, TenantId tenant, TaskFilter filter) {
        return store.find(tenant, new PageRequest(filter, TaskSort.DEFAULT, Optional.empty(), 0, 100));
    }

    // ------------------------------------------------------------------ rows

    @Test
    void sideRowsGoWithTheirTaskAndFollowUpdates() {
        JdbiTaskStore store = track(newStore());
        Task task = TestTasks.task(TENANT).metadata("a", "1").metadata("b", "2").assignee("mem_1")
                .relationship(SystemRelationship.ACCOUNT, "acc_1").build();
        store.insert(task, Optional.empty());
        assertThat(rows(store, "task_relationships")).isEqualTo(2); // $assignedTo, $account
        assertThat(rows(store, "task_metadata")).isEqualTo(2);
        Task updated = task.toBuilder().version(2).metadata(Map.of("c", "3")).relationship("$account", List.of()).build();
        assertThat(store.update(updated, 1, Optional.empty())).isTrue();
        assertThat(store.get(TENANT, task.id())).contains(updated);
        assertThat(rows(store, "task_relationships")).isEqualTo(1);
        assertThat(rows(store, "task_metadata")).isEqualTo(1);
        assertThat(store.delete(TENANT, task.id(), 2)).isTrue();
        assertThat(rows(store, "tasks")).isZero();
        assertThat(rows(store, "task_relationships")).isZero();
        assertThat(rows(store, "task_metadata")).isZero();
    }

    @Test
    void purgeDeletesExactlyTheExpiredRecordRows() {
        JdbiTaskStore store = track(newStore());
        Task task = TestTasks.task(TENANT).build();
        store.insert(task, Optional.empty());
        for (int i = 0; i < 10; i++) {
            store.putIdempotencyRecord(new IdempotencyRecord(TENANT, IdempotencyOperation.UPDATE, "key-" + i, "fp", task.id(),
                    T0, T0.plus(Duration.ofMinutes(i))));
        }
        assertThat(rows(store, "task_idempotency_records")).isEqualTo(10);
        assertThat(store.purgeExpiredIdempotencyRecords(T0.plus(Duration.ofMinutes(4)))).isEqualTo(5);
        assertThat(rows(store, "task_idempotency_records")).isEqualTo(5);
        assertThat(store.findIdempotencyRecord(TENANT, IdempotencyOperation.UPDATE, "key-4")).isEmpty();
        assertThat(store.findIdempotencyRecord(TENANT, IdempotencyOperation.UPDATE, "key-5")).isPresent();
        assertThat(store.purgeExpiredIdempotencyRecords(T0.plus(Duration.ofDays(1)))).isEqualTo(5);
        assertThat(rows(store, "task_idempotency_records")).isZero();
    }

    // ------------------------------------------------------------------ failures

    @Test
    void aDroppedTableSurfacesAsAStoreFailureThatLeaksNoSqlOrDriverDetail() {
        FreshDatabase db = freshDatabase();
        JdbiTaskStore store = track(db.open(Migrations.APPLY));
        Task task = TestTasks.task(TENANT).metadata("k", "v").build();
        store.insert(task, Optional.empty());
        store.database().write(h -> h.execute("DROP TABLE task_metadata"));
        List<TaskStoreException> failures = new ArrayList<>();
        failures.add(catchFailure(() -> store.get(TENANT, task.id())));
        failures.add(catchFailure(() -> store.insert(TestTasks.task(TENANT).metadata("k", "v").build(), Optional.empty())));
        failures.add(catchFailure(() -> store.find(TENANT, new PageRequest(TaskFilter.builder().metadata("k", "v").build(),
                TaskSort.DEFAULT, Optional.empty(), 0, 10))));
        failures.add(catchFailure(() -> store.count(TENANT, TaskFilter.builder().metadata("k", "v").build())));
        assertThat(failures).extracting(Throwable::getMessage).containsExactly(
                "the task store failed to read a task", "the task store failed to insert a task",
                "the task store failed to list tasks", "the task store failed to count tasks");
        failures.forEach(JdbiStoreBehaviourTest::assertLeaksNothing);
    }

    @Test
    void anUnreachableDatabaseSurfacesAsAStoreFailureThatLeaksNoSqlOrDriverDetail() {
        FreshDatabase db = freshDatabase();
        JdbiTaskStore store = track(db.open(Migrations.APPLY));
        Task task = TestTasks.task(TENANT).build();
        store.insert(task, Optional.empty());
        db.makeUnreachable();
        List<TaskStoreException> failures = new ArrayList<>();
        failures.add(catchFailure(() -> store.get(TENANT, task.id())));
        failures.add(catchFailure(() -> store.update(task.toBuilder().version(2).build(), 1, Optional.empty())));
        failures.add(catchFailure(() -> store.delete(TENANT, task.id(), 1)));
        failures.add(catchFailure(() -> store.purgeExpiredIdempotencyRecords(T0)));
        failures.add(catchFailure(() -> store.findIdempotencyRecord(TENANT, IdempotencyOperation.CREATE, "k")));
        assertThat(failures).extracting(Throwable::getMessage).containsExactly(
                "the task store failed to read a task", "the task store failed to update a task",
                "the task store failed to delete a task", "the task store failed to purge expired idempotency records",
                "the task store failed to read an idempotency record");
        failures.forEach(JdbiStoreBehaviourTest::assertLeaksNothing);
    }

    private static TaskStoreException catchFailure(Runnable call) {
        try {
            call.run();
        } catch (TaskStoreException e) {
            return e;
        }
        throw new AssertionError("expected a TaskStoreException");
    }

    static void assertLeaksNothing(TaskStoreException e) {
        assertThat(e.getClass()).isEqualTo(TaskStoreException.class);
        assertThat(e.getCause()).as("the driver's exception, kept for logs").isNotNull();
        assertThat(e.getMessage().toLowerCase(Locale.ROOT)).doesNotContain("sql", "jdbc", "jdbi", "select", "insert into",
                "delete from", "task_metadata", "tasks.", "org.", "java.", "exception", "postgres", "psql", "table", "syntax");
    }

    /** Runs calls from several threads at once and answers their results. */
    static <T> List<T> race(int threads, java.util.function.IntFunction<Callable<T>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<T> c = work.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return c.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
