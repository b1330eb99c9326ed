package dev.tasks.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasks.core.NewTask;
import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskIdGenerator;
import dev.tasks.store.memory.InMemoryTaskStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** createAll: each request judged as create judges it, the valid ones written together. */
class BulkCreateTest {

    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final TaskService service = TaskService.builder(store).build();
    private final Actor alice = Actor.of("acme", "mem_alice", Scope.all());

    @Test
    void validRequestsAreCreatedAndInvalidOnesRefusedEachWithItsOwnError() {
        List<NewTask> requests = new ArrayList<>();
        requests.add(NewTask.builder("first").metadata("k", "v").assignee("mem_1").build());
        requests.add(NewTask.titled(" "));
        requests.add(NewTask.builder("second").externalId("ext-1").build());
        requests.add(NewTask.builder("third").externalId("ext-1").build());
        requests.add(null);
        requests.add(NewTask.builder("fourth").relationship("nope", List.of("x")).build());
        BulkCreateResult result = service.createAll(alice, requests);

        assertThat(result.outcomes()).hasSize(6);
        assertThat(result.created()).extracting(Task::title).containsExactly("first", "second");
        assertThat(result.refused()).containsOnlyKeys(1, 3, 4, 5);
        assertThat(result.refused().get(1).violations()).singleElement().satisfies(v -> assertThat(v.pointer()).isEqualTo("/title"));
        assertThat(result.refused().get(3).code()).isEqualTo(ErrorCode.EXTERNAL_ID_CONFLICT);
        assertThat(result.refused().get(4).code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(result.refused().get(5).violations()).singleElement()
                .satisfies(v -> assertThat(v.pointer()).isEqualTo("/relationships/nope"));
        for (Task task : result.created()) {
            assertThat(service.get(alice, task.id())).isEqualTo(task);
            assertThat(task.version()).isEqualTo(1);
            assertThat(task.relationships().get("$createdBy")).containsExactly("mem_alice");
        }
        assertThat(service.count(alice, TaskFilter.ALL)).isEqualTo(2);
    }

    @Test
    void anExternalIdTakenInTheStoreIsRefusedForThatRequestOnly() {
        service.create(alice, NewTask.builder("existing").externalId("ext-9").build());
        BulkCreateResult result = service.createAll(alice, List.of(NewTask.titled("a"), NewTask.builder("b").externalId("ext-9").build()));
        assertThat(result.created()).extracting(Task::title).containsExactly("a");
        assertThat(result.refused().get(1).code()).isEqualTo(ErrorCode.EXTERNAL_ID_CONFLICT);
    }

    @Test
    void aTakenIdIsReplacedAndTheWholeBatchWritten() {
        Task existing = service.create(alice, NewTask.titled("existing"));
        AtomicInteger calls = new AtomicInteger();
        TaskIdGenerator collidingOnce = () -> calls.getAndIncrement() == 1 ? existing.id() : TaskIdGenerator.random().next();
        TaskService colliding = TaskService.builder(store).idGenerator(collidingOnce).build();
        BulkCreateResult result = colliding.createAll(alice, List.of(NewTask.titled("a"), NewTask.titled("b"), NewTask.titled("c")));
        assertThat(result.created()).hasSize(3).extracting(Task::id).doesNotContain(existing.id());
        assertThat(service.count(alice, TaskFilter.ALL)).isEqualTo(4);
    }

    @Test
    void theCallerNeedsCreateAndTheListIsBounded() {
        Actor reader = Actor.of("acme", "mem_r", Set.of(Scope.READ));
        assertThatThrownBy(() -> service.createAll(reader, List.of(NewTask.titled("a")))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> service.createAll(alice, null)).isInstanceOf(TaskValidationException.class);
        assertThatThrownBy(() -> service.createAll(alice, Collections.nCopies(TaskService.MAX_BULK + 1, NewTask.titled("a"))))
                .isInstanceOf(TaskValidationException.class).hasMessageContaining("at most 1000");
        assertThat(service.count(alice, TaskFilter.ALL)).isZero();
        assertThat(service.createAll(alice, List.of()).outcomes()).isEmpty();
    }
}
