package dev.tasks.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskId;
import dev.tasks.core.TenantId;
import dev.tasks.core.store.DuplicateExternalIdException;
import dev.tasks.core.store.DuplicateIdempotencyKeyException;
import dev.tasks.core.store.DuplicateTaskIdException;
import dev.tasks.core.store.IdempotencyOperation;
import dev.tasks.core.store.IdempotencyRecord;
import dev.tasks.core.store.PageRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract under concurrency: threads released together by a start gate race on one task, one
 * idempotency key (by inserts, updates or records stored alone), one external id or one id, and the store keeps every rule: compare-and-set loses no
 * update and lets no two writers past one version, exactly one of several racing inserts wins, and
 * readers never see half a write. Every test is bounded in time.
 *
 * <p>The number of threads is {@code tasks.tck.threads} (default 8).
 */
public abstract class ConcurrencyContract extends StoreContractSupport {

    /** Made by subclasses. */
    protected ConcurrencyContract() {
    }

    private static final long WAIT_SECONDS = 60;

    /**
     * Runs one task per thread, all released at once, and collects their results in thread order.
     *
     * @param threads how many threads
     * @param work the work of thread {@code i}
     * @param <T> the result type
     * @return the results
     * @throws Exception if a thread failed (its failure is rethrown) or the race timed out
     */
    protected static <T> List<T> race(int threads, IntFunction<Callable<T>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<T> c = work.apply(i);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return c.call();
                }));
            }
            if (!ready.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("the threads did not start within " + WAIT_SECONDS + " s");
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                try {
                    results.add(f.get(WAIT_SECONDS, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new AssertionError("a racing thread failed: " + e.getCause(), e.getCause());
                } catch (TimeoutException e) {
                    throw new AssertionError("a racing thread did not finish within " + WAIT_SECONDS + " s (deadlock?)", e);
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** One compare-and-set attempt of a racing thread. */
    private record Attempt(String token, long expectedVersion, boolean succeeded) {
    }

    /**
     * Threads race read-modify-write cycles on one task. Every success is one version step from a
     * version no other success started from; the final version is 1 + the successes; the final state
     * holds every success's mark, in version order; and every failure is explained by a success from
     * the version the failing thread had read.
     */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void racingCompareAndSetUpdatesLoseNothing() throws Exception {
        int threads = TckSettings.threads();
        int attemptsPerThread = 25;
        Task initial = insertOne(taskA().title("count 0").description("").build());
        List<List<Attempt>> perThread = race(threads, i -> () -> {
            List<Attempt> attempts = new ArrayList<>();
            for (int n = 0; n < attemptsPerThread; n++) {
                Task current = store.get(TENANT_A, initial.id()).orElseThrow(() -> new AssertionError("the task vanished"));
                String token = "|t" + i + "." + n;
                Task next = current.toBuilder()
                        .version(current.version() + 1)
                        .title("count " + current.version())
                        .description(current.description().orElse("") + token)
                        .updatedAt(current.updatedAt().plusMillis(1))
                        .build();
                // Half the threads tell the store what they read, as the service does: a store that
                // trusted that copy instead of comparing versions would lose marks here.
                boolean written = i % 2 == 0 ? store.update(next, current.version(), Optional.empty())
                        : store.update(current, next, Optional.empty());
                attempts.add(new Attempt(token, current.version(), written));
            }
            return attempts;
        });
        List<Attempt> all = perThread.stream().flatMap(List::stream).toList();
        List<Attempt> successes = all.stream().filter(Attempt::succeeded).sorted(Comparator.comparingLong(Attempt::expectedVersion)).toList();
        Task last = store.get(TENANT_A, initial.id()).orElseThrow();

        assertThat(successes).isNotEmpty();
        assertThat(last.version()).as("final version").isEqualTo(1 + successes.size());
        assertThat(successes.stream().map(Attempt::expectedVersion).toList()).as("versions the successes started from")
                .doesNotHaveDuplicates()
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, successes.size()).boxed().toList());
        List<String> marks = Arrays.stream(last.description().orElse("").split("\\|")).filter(s -> !s.isEmpty()).map(s -> "|" + s).toList();
        assertThat(marks).as("marks of the successes in the final state").containsExactlyElementsOf(successes.stream().map(Attempt::token).toList());
        assertThat(last.title()).isEqualTo("count " + successes.size());
        Set<Long> movedOn = new HashSet<>();
        successes.forEach(s -> movedOn.add(s.expectedVersion()));
        for (Attempt failure : all.stream().filter(a -> !a.succeeded()).toList()) {
            assertThat(movedOn).as("a success from version %d explains the failure of %s", failure.expectedVersion(), failure.token())
                    .contains(failure.expectedVersion());
        }
    }

    /** Threads race to insert different tasks under one idempotency key: one wins, the others are refused and write nothing. */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void racingInsertsWithOneIdempotencyKeyCreateExactlyOneTask() throws Exception {
        int threads = TckSettings.threads();
        int rounds = 10;
        for (int round = 0; round < rounds; round++) {
            String key = "race-" + round;
            List<Task> tasks = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                tasks.add(taskA().title("round " + round + " thread " + i).build());
            }
            List<String> outcomes = race(threads, i -> () -> {
                Task t = tasks.get(i);
                try {
                    store.insert(t, Optional.of(createRecord(key, t)));
                    return "won";
                } catch (DuplicateIdempotencyKeyException e) {
                    return "refused";
                }
            });
            assertThat(outcomes).as("round %d", round).containsOnlyOnce("won").containsOnly("won", "refused");
            Task winner = tasks.get(outcomes.indexOf("won"));
            for (Task t : tasks) {
                if (t == winner) {
                    assertStored(t);
                } else {
                    assertAbsent(TENANT_A, t.id());
                }
            }
            assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.CREATE, key)).contains(createRecord(key, winner));
        }
        assertThat(store.count(TENANT_A, EVERYTHING)).isEqualTo(rounds);
    }

    /**
     * Threads race to hold one update key, half by updating their own task with it, half by storing the
     * record alone: exactly one wins; the others are refused and change nothing.
     */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void racingUpdatesAndRecordsOfOneKeyStoreExactlyOneRecord() throws Exception {
        int threads = TckSettings.threads();
        for (int round = 0; round < 10; round++) {
            String key = "race-upd-" + round;
            List<Task> tasks = new ArrayList<>();
            List<IdempotencyRecord> records = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Task t = insertOne(taskA().build());
                tasks.add(t);
                records.add(record(TENANT_A, IdempotencyOperation.UPDATE, key, t.id(), T0, Duration.ofHours(1)));
            }
            List<String> outcomes = race(threads, i -> () -> {
                try {
                    if (i % 2 == 0) {
                        store.putIdempotencyRecord(records.get(i));
                        return "won";
                    }
                    Task t = tasks.get(i);
                    return store.update(t.toBuilder().title("updated").version(2).build(), 1, Optional.of(records.get(i))) ? "won" : "false";
                } catch (DuplicateIdempotencyKeyException e) {
                    return "refused";
                }
            });
            assertThat(outcomes).as("round %d", round).containsOnlyOnce("won").containsOnly("won", "refused");
            int winner = outcomes.indexOf("won");
            assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.UPDATE, key)).contains(records.get(winner));
            for (int i = 0; i < threads; i++) {
                assertThat(store.get(TENANT_A, tasks.get(i).id()).orElseThrow().version()).as("round %d, task %d", round, i)
                        .isEqualTo(i == winner && i % 2 == 1 ? 2 : 1);
            }
        }
    }

    /** Threads race to insert different tasks with one external id: one wins, the others are refused and write nothing. */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void racingInsertsWithOneExternalIdCreateExactlyOneTask() throws Exception {
        int threads = TckSettings.threads();
        int rounds = 10;
        for (int round = 0; round < rounds; round++) {
            String externalId = "race-ext-" + round;
            List<Task> tasks = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                tasks.add(taskA().externalId(externalId).build());
            }
            List<String> outcomes = race(threads, i -> () -> {
                try {
                    store.insert(tasks.get(i), Optional.empty());
                    return "won";
                } catch (DuplicateExternalIdException e) {
                    return "refused";
                }
            });
            assertThat(outcomes).as("round %d", round).containsOnlyOnce("won").containsOnly("won", "refused");
            Task winner = tasks.get(outcomes.indexOf("won"));
            assertThat(store.findByExternalId(TENANT_A, externalId)).contains(winner);
            assertThat(store.count(TENANT_A, TaskFilter.builder().externalId(externalId).build())).isEqualTo(1);
        }
    }

    /** Threads race to insert one id, each in its own tenant: one wins, the others are refused. */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void racingInsertsOfOneIdAcrossTenantsCreateExactlyOneTask() throws Exception {
        int threads = TckSettings.threads();
        for (int round = 0; round < 10; round++) {
            TaskId id = TestTasks.newId();
            List<Task> tasks = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                tasks.add(TestTasks.task(TenantId.of("race-tenant-" + i)).id(id).build());
            }
            List<String> outcomes = race(threads, i -> () -> {
                try {
                    store.insert(tasks.get(i), Optional.empty());
                    return "won";
                } catch (DuplicateTaskIdException e) {
                    return "refused";
                }
            });
            assertThat(outcomes).as("round %d", round).containsOnlyOnce("won").containsOnly("won", "refused");
            int winner = outcomes.indexOf("won");
            for (int i = 0; i < threads; i++) {
                assertThat(store.get(tasks.get(i).tenantId(), id)).as("tenant %d", i).isEqualTo(i == winner ? Optional.of(tasks.get(i)) : Optional.empty());
            }
        }
    }

    /** An update and a delete racing on one version: exactly one succeeds, and the outcome shows which. */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void anUpdateAndADeleteRacingOnOneVersionDoNotBothSucceed() throws Exception {
        for (int round = 0; round < 30; round++) {
            Task v1 = insertOne(taskA().build());
            Task v2 = v1.toBuilder().title("updated").version(2).build();
            List<Boolean> outcomes = race(2, i -> () -> i == 0 ? store.update(v2, 1, Optional.empty()) : store.delete(TENANT_A, v1.id(), 1));
            assertThat(outcomes).as("round %d: [update, delete]", round).containsOnlyOnce(true);
            if (outcomes.get(0)) {
                assertStored(v2);
            } else {
                assertAbsent(TENANT_A, v1.id());
            }
        }
    }

    /** Threads insert distinct tasks at once: every one is stored, counted and listed once. */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void concurrentInsertsOfDistinctTasksAreAllKept() throws Exception {
        int threads = TckSettings.threads();
        int perThread = 50;
        List<List<Task>> inserted = race(threads, i -> () -> {
            List<Task> mine = new ArrayList<>();
            for (int n = 0; n < perThread; n++) {
                Task t = taskA().title("t" + i + "." + n).externalId("ext-" + i + "-" + n).metadata("thread", "" + i)
                        .assignee("mem_" + (n % 3)).createdAt(T0.plusMillis(n)).build();
                store.insert(t, Optional.of(createRecord("key-" + i + "-" + n, t)));
                mine.add(t);
            }
            return mine;
        });
        List<Task> all = inserted.stream().flatMap(List::stream).toList();
        assertThat(store.count(TENANT_A, TaskFilter.ALL)).isEqualTo((long) threads * perThread);
        assertThat(ids(walk(TENANT_A, TaskFilter.ALL, CREATED_ASC, 37))).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids(all));
        for (Task t : all) {
            assertStored(t);
            assertThat(store.findByExternalId(TENANT_A, t.externalId().orElseThrow())).contains(t);
        }
        assertThat(store.count(TENANT_A, TaskFilter.builder().metadata("thread", "0").build())).isEqualTo(perThread);
    }

    /**
     * Readers running beside writers only ever see whole states: every task they get or list equals one
     * of the states a writer wrote (metadata and relationships included), never a mix.
     */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void readersNeverSeeHalfAWrite() throws Exception {
        int writers = Math.max(1, TckSettings.threads() / 2);
        int readers = Math.max(1, TckSettings.threads() - writers);
        int perWriter = 30;
        Map<TaskId, Set<Task>> written = new ConcurrentHashMap<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch writersDone = new CountDownLatch(writers);
        List<Integer> checked = race(writers + readers, i -> () -> {
            if (i < writers) {
                try {
                    for (int n = 0; n < perWriter; n++) {
                        Task v1 = taskA().title("w" + i + "." + n).metadata("a", "1").metadata("b", "1").metadata("c", "1")
                                .assignee("mem_1").notes("n1", "n2", "n3").build();
                        Task v2 = v1.toBuilder().title("w" + i + "." + n + " v2").version(2)
                                .metadata(Map.of("d", "2", "e", "2")).relationship("$assignedTo", List.of("mem_2"))
                                .relationship("$note", List.of("n4")).build();
                        Set<Task> states = ConcurrentHashMap.newKeySet();
                        states.add(v1);
                        states.add(v2);
                        written.put(v1.id(), states);
                        store.insert(v1, Optional.empty());
                        if (!store.update(v2, 1, Optional.empty())) {
                            throw new AssertionError("an uncontended update answered false");
                        }
                    }
                    return 0;
                } finally {
                    writersDone.countDown();
                    if (writersDone.getCount() == 0) {
                        writing.set(false);
                    }
                }
            }
            int seen = 0;
            while (writing.get() || seen == 0) {
                for (Task t : store.find(TENANT_A, new PageRequest(EVERYTHING, CREATED_ASC, Optional.empty(), 0, 10_000))) {
                    assertWhole(written, t);
                    seen++;
                    Optional<Task> again = store.get(TENANT_A, t.id());
                    again.ifPresent(x -> assertWhole(written, x));
                }
                if (!writing.get() && seen == 0) {
                    break;
                }
            }
            return seen;
        });
        assertThat(checked.stream().mapToInt(Integer::intValue).sum()).isPositive();
        Map<TaskId, Task> finalStates = new HashMap<>();
        for (Task t : findAll(TENANT_A, EVERYTHING, CREATED_ASC)) {
            finalStates.put(t.id(), t);
        }
        assertThat(finalStates).hasSize(writers * perWriter);
        assertThat(finalStates.values()).allSatisfy(t -> assertThat(t.version()).isEqualTo(2));
    }

    private static void assertWhole(Map<TaskId, Set<Task>> written, Task t) {
        Set<Task> states = written.get(t.id());
        if (states == null || !states.contains(t)) {
            throw new AssertionError("a reader saw a state no writer wrote (half a write?): " + t);
        }
    }
}
