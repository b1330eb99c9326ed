package dev.tasks.api;

import dev.tasks.core.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link TaskService#createAll} did with each request, in the order of the requests.
 *
 * <pre>{@code
 * BulkCreateResult result = tasks.createAll(alice, requests);
 * result.created();                 // the tasks written, in request order
 * result.refused().forEach((index, error) -> log(index, error.code(), error.violations()));
 * }</pre>
 *
 * @param outcomes one outcome per request, in request order
 */
public record BulkCreateResult(List<Outcome> outcomes) {

    /** What happened to one request. */
    public sealed interface Outcome permits Created, Refused {
    }

    /**
     * The request was valid and its task is written.
     *
     * @param task the task as stored
     */
    public record Created(Task task) implements Outcome {
        /**
         * Checks the task.
         *
         * @param task the task
         */
        public Created {
            Objects.requireNonNull(task, "task");
        }
    }

    /**
     * The request was refused; nothing of it is written.
     *
     * @param error why: a validation failure (its violations point into this request, e.g. {@code /title})
     *     or an external id conflict
     */
    public record Refused(TaskException error) implements Outcome {
        /**
         * Checks the error.
         *
         * @param error the error
         */
        public Refused {
            Objects.requireNonNull(error, "error");
        }
    }

    /**
     * Copies the outcomes.
     *
     * @param outcomes one per request
     */
    public BulkCreateResult {
        outcomes = List.copyOf(outcomes);
    }

    /**
     * The tasks written, in request order.
     *
     * @return the created tasks; unmodifiable
     */
    public List<Task> created() {
        List<Task> created = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            if (outcome instanceof Created c) {
                created.add(c.task());
            }
        }
        return Collections.unmodifiableList(created);
    }

    /**
     * The refused requests by their index in the request list.
     *
     * @return index to error, in index order; unmodifiable
     */
    public Map<Integer, TaskException> refused() {
        Map<Integer, TaskException> refused = new LinkedHashMap<>();
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) instanceof Refused r) {
                refused.put(i, r.error());
            }
        }
        return Collections.unmodifiableMap(refused);
    }
}
