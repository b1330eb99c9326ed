package dev.tasks.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasks.api.Actor;
import dev.tasks.api.Scope;
import dev.tasks.api.TaskService;
import dev.tasks.api.VersionConflictException;
import dev.tasks.api.WriteOptions;
import dev.tasks.api.Written;
import dev.tasks.core.NewTask;
import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskPatch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Two {@link TaskService}s, each over its own {@link JdbiTaskStore} (its own connections), on one
 * database: racing writes from both must lose no update and make exactly one task per idempotency key.
 * Nothing but the documented exceptions may escape; in particular no {@code StorageFailureException}
 * (on SQLite that would be a {@code SQLITE_BUSY} leaking out). Each backend runs it in a subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoServicesRaceTest {

    /** Threads per service; twice as many race in all. */
    static final int PER_SERVICE = 4;
    static final int THREADS = 2 * PER_SERVICE;
    static final long RACE_TIMEOUT_SECONDS = 120;

    private static final AtomicInteger TENANTS = new AtomicInteger();

    private JdbiTaskStore storeA;
    private JdbiTaskStore storeB;
    private TaskService serviceA;
    private TaskService serviceB;

    /** Opens two stores, each with its own connections, on one (migrated) database. */
    protected abstract JdbiTaskStore[] openTwoStores();

    /** Releases what {@link #openTwoStores()} opened besides the stores. */
    protected void release() {
    }

    @BeforeAll
    void open() {
        JdbiTaskStore[] stores = openTwoStores();
        storeA = stores[0];
        storeB = stores[1];
        serviceA = TaskService.builder(storeA).build();
        serviceB = TaskService.builder(storeB).build();
    }

    @AfterAll
    void close() {
        try {
            storeA.close();
            storeB.close();
        } finally {
            release();
        }
    }

    /** The service of thread {@code t}: the first half use A, the second half B. */
    private TaskService service(int t) {
        return t < PER_SERVICE ? serviceA : serviceB;
    }

    private Actor newActor() {
        return Actor.of("two-services-" + getClass().getSimpleName() + "-" + TENANTS.incrementAndGet(), "mem_1", Scope.all());
    }

    // ------------------------------------------------------------------ (a) updates without a version

    @Test
    @Timeout(300)
    void updatesWithoutAnExpectedVersionAreAllAppliedAndNoneIsLost() throws Exception {
        int perThread = 25;
        Actor actor = newActor();
        Task task = serviceA.create(actor, NewTask.titled("hot"));
        assertThat(task.version()).isEqualTo(1);
        TaskId id = task.id();

        List<List<Long>> versions = race(t -> () -> {
            List<Long> mine = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                Written w = service(t).update(actor, id, TaskPatch.builder().metadata("k" + t, "v" + i).build(), WriteOptions.NONE);
                assertThat(w.replayed()).isFalse();
                assertThat(w.task().metadata()).containsEntry("k" + t, "v" + i);
                mine.add(w.task().version());
            }
            return mine;
        });

        Set<Long> distinct = new HashSet<>();
        int successes = 0;
        for (List<Long> mine : versions) {
            successes += mine.size();
            distinct.addAll(mine);
        }
        assertThat(successes).isEqualTo(THREADS * perThread);
        assertThat(distinct).as("every update claims its own version").hasSize(successes);
        for (TaskService service : List.of(serviceA, serviceB)) {
            Task last = service.get(actor, id);
            assertThat(last.version()).isEqualTo(1L + successes);
            for (int t = 0; t < THREADS; t++) {
                assertThat(last.metadata()).containsEntry("k" + t, "v" + (perThread - 1));
            }
        }
    }

    // ------------------------------------------------------------------ (b) read-modify-write with a version

    @Test
    @Timeout(300)
    void readModifyWriteWithAnExpectedVersionLosesNoIncrement() throws Exception {
        int perThread = 10;
        Actor actor = newActor();
        Task task = serviceA.create(actor, NewTask.builder("counter").metadata("counter", "0").build());
        TaskId id = task.id();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RACE_TIMEOUT_SECONDS / 2);

        List<int[]> outcomes = race(t -> () -> {
            int successes = 0;
            int conflicts = 0;
            while (successes < perThread && System.nanoTime() < deadline) {
                Task current = service(t).get(actor, id);
                int counter = Integer.parseInt(current.metadata().get("counter"));
                try {
                    Written w = service(t).update(actor, id,
                            TaskPatch.builder().metadata("counter", Integer.toString(counter + 1)).build(),
                            WriteOptions.expectVersion(current.version()));
                    assertThat(w.replayed()).isFalse();
                    assertThat(w.task().version()).isEqualTo(current.version() + 1);
                    successes++;
                } catch (VersionConflictException e) {
                    conflicts++;
                }
            }
            return new int[] {successes, conflicts};
        });

        int successes = outcomes.stream().mapToInt(o -> o[0]).sum();
        int conflicts = outcomes.stream().mapToInt(o -> o[1]).sum();
        assertThat(successes).as("successes (with %d conflicts)", conflicts).isPositive();
        for (TaskService service : List.of(serviceA, serviceB)) {
            Task last = service.get(actor, id);
            assertThat(last.version()).isEqualTo(1L + successes);
            assertThat(last.metadata()).containsEntry("counter", Integer.toString(successes));
        }
        assertThat(successes).as("every thread reached its successes before the deadline").isEqualTo(THREADS * perThread);
    }

    // ------------------------------------------------------------------ (c) creates with one key

    @Test
    @Timeout(300)
    void racingCreatesWithOneKeyMakeExactlyOneTask() throws Exception {
        for (int round = 0; round < 20; round++) {
            Actor actor = newActor();
            String key = "create-key-" + round;
            NewTask request = NewTask.builder("once " + round).metadata("round", Integer.toString(round)).build();

            List<Written> written = race(t -> () -> service(t).create(actor, request, key));

            assertThat(written).as("round %d", round).filteredOn(w -> !w.replayed()).hasSize(1);
            TaskId id = written.stream().filter(w -> !w.replayed()).findFirst().orElseThrow().task().id();
            assertThat(written).as("round %d", round).allSatisfy(w -> {
                assertThat(w.task().id()).isEqualTo(id);
                assertThat(w.task().version()).isEqualTo(1);
            });
            assertThat(serviceA.count(actor, TaskFilter.ALL)).as("round %d", round).isEqualTo(1);
            assertThat(serviceB.count(actor, TaskFilter.ALL)).as("round %d", round).isEqualTo(1);
            // A later retry, on either service, is a replay of the same task.
            Written again = serviceB.create(actor, request, key);
            assertThat(again.replayed()).isTrue();
            assertThat(again.task().id()).isEqualTo(id);
        }
    }

    // ------------------------------------------------------------------ (d) identical keyed updates

    @Test
    @Timeout(300)
    void racingIdenticalKeyedUpdatesApplyOnce() throws Exception {
        for (int round = 0; round < 10; round++) {
            Actor actor = newActor();
            Task task = serviceA.create(actor, NewTask.titled("target " + round));
            TaskId id = task.id();
            String title = "changed " + round;
            TaskPatch patch = TaskPatch.builder().title(title).metadata("round", Integer.toString(round)).build();
            WriteOptions options = WriteOptions.expectVersion(task.version()).withIdempotencyKey("update-key-" + round);

            List<Written> written = race(t -> () -> service(t).update(actor, id, patch, options));

            assertThat(written).as("round %d", round).filteredOn(w -> !w.replayed()).hasSize(1);
            assertThat(written).as("round %d", round).filteredOn(Written::replayed).hasSize(THREADS - 1);
            assertThat(written).as("round %d", round).allSatisfy(w -> {
                assertThat(w.task().id()).isEqualTo(id);
                assertThat(w.task().version()).isEqualTo(2);
                assertThat(w.task().title()).isEqualTo(title);
            });
            for (TaskService service : List.of(serviceA, serviceB)) {
                assertThat(service.get(actor, id).version()).as("round %d", round).isEqualTo(2);
            }
        }
    }

    // ------------------------------------------------------------------ the race

    /**
     * Runs {@link #THREADS} bodies at once behind a start gate, bounded in time, and returns their
     * results in thread order; the first failure of any thread fails the test with its cause.
     */
    private static <T> List<T> race(IntFunction<Callable<T>> body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Callable<T> work = body.apply(t);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return work.call();
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).as("all threads ready").isTrue();
            start.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RACE_TIMEOUT_SECONDS);
            List<T> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                try {
                    results.add(futures.get(t).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (ExecutionException e) {
                    throw new AssertionError("thread " + t + " failed: " + e.getCause(), e.getCause());
                } catch (TimeoutException e) {
                    throw new AssertionError("thread " + t + " did not finish within " + RACE_TIMEOUT_SECONDS + " s", e);
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }
}
