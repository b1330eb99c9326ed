package dev.tasks.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasks.core.NewTask;
import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskPatch;
import dev.tasks.store.memory.InMemoryTaskStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The service under concurrent callers: retries, replays and exactly-once creates. */
class ServiceRacesTest {

    private static final int THREADS = 8;

    private final TaskService service = TaskService.builder(new InMemoryTaskStore()).build();
    private final Actor actor = Actor.of("acme", "mem_alice", Scope.all());

    private <T> List<T> race(Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(() -> {
                    gate.await();
                    return call.call();
                }));
            }
            gate.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentPatchesWithoutExpectedVersionAllLand() throws Exception {
        Task t = service.create(actor, NewTask.titled("hot"));
        int rounds = 25;
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        race(() -> {
            for (int i = 0; i < rounds; i++) {
                int n = next.getAndIncrement();
                // each patch sets its own key and then removes it, so every effective change is visible
                service.update(actor, t.id(), TaskPatch.builder().metadata("k" + (n % 15), "v" + n).build());
            }
            return null;
        });
        Task end = service.get(actor, t.id());
        assertThat(end.version()).isEqualTo(1 + (long) THREADS * rounds);
        assertThat(end.metadata()).hasSize(15);
    }

    @Test
    void concurrentCreatesWithOneKeyMakeOneTask() throws Exception {
        NewTask request = NewTask.builder("once").assignee("mem_1").build();
        List<Written> results = race(() -> service.create(actor, request, "same-key"));
        assertThat(results).extracting(w -> w.task().id()).containsOnly(results.get(0).task().id());
        assertThat(results).filteredOn(w -> !w.replayed()).hasSize(1);
        assertThat(service.count(actor, TaskFilter.ALL)).isEqualTo(1);
    }

    @Test
    void concurrentIdenticalKeyedUpdatesWriteOnceAndReplay() throws Exception {
        // Many rounds: each loser may meet the winner at any point (before its version check, at its
        // compare-and-set, or after); every one of them must be answered as a replay.
        for (int round = 0; round < 200; round++) {
            Task t = service.create(actor, NewTask.titled("old"));
            TaskPatch patch = TaskPatch.builder().title("new").build();
            String key = "u" + round;
            List<Written> results = race(() -> service.update(actor, t.id(), patch, WriteOptions.expectVersion(1).withIdempotencyKey(key)));
            assertThat(results).filteredOn(w -> !w.replayed()).hasSize(1);
            assertThat(results).extracting(w -> w.task().version()).containsOnly(2L);
            assertThat(service.get(actor, t.id()).version()).isEqualTo(2);
        }
    }
}
