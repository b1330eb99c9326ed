package dev.tasks.reliability.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasks.api.Actor;
import dev.tasks.api.ErrorCode;
import dev.tasks.api.TaskException;
import dev.tasks.api.TaskService;
import dev.tasks.core.NewTask;
import dev.tasks.core.RelationshipCatalog;
import dev.tasks.core.SortPosition;
import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.TaskSort;
import dev.tasks.core.TenantId;
import dev.tasks.core.store.IdempotencyOperation;
import dev.tasks.core.store.IdempotencyRecord;
import dev.tasks.core.store.TaskStore;
import dev.tasks.core.validation.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * One generated sequence of tries against one store, in a tenant of its own: the service, the tenant's
 * state as the store holds it (re-read after every try), and what the tenant did before that decides
 * what a try must do now (idempotency keys used, cursors handed out, tasks deleted).
 *
 * <p>{@link #attempt} is where every try ends: the call is made, the tenant's tasks are read back
 * through the store, and the outcome must be the one expected: success (then the step checks what it
 * changed) or exactly the error expected, with the store unchanged and the error fit for a client.
 */
final class Session {

    /** A keyed create that succeeded: a retry with the same request is a replay, another request a reuse. */
    record CreateRecord(NewTask request, TaskId id) {
    }

    /** A keyed update that succeeded (or changed nothing and held its key). */
    record UpdateRecord(TaskId id, TaskPatch patch, OptionalLong expectedVersion) {
    }

    /** A cursor this tenant was handed, as the bytes it decodes to, with the query it belongs to. */
    record IssuedCursor(TaskFilter filter, TaskSort sort, SortPosition position) {
    }

    /** What a try must end in: refused at these pointers, this error, or success. */
    record Expect(List<String> problems, ErrorCode error) {
        static Expect success() {
            return new Expect(null, null);
        }

        static Expect refused(List<String> problems) {
            return new Expect(List.copyOf(problems), null);
        }

        static Expect error(ErrorCode code) {
            return new Expect(null, code);
        }

        @Override
        public String toString() {
            return problems != null ? "refused at " + problems : error != null ? error.code() : "success";
        }
    }

    /** An idempotency key whose record must not change when a try fails. */
    record Watched(IdempotencyOperation operation, String key) {
    }

    final Target target;
    final TenantId tenant;
    final Actor actor;
    Map<TaskId, Task> state;
    Map<TaskId, Task> before;
    TaskException lastError;
    final List<TaskId> gone = new ArrayList<>();
    final Map<String, CreateRecord> createKeys = new HashMap<>();
    final Map<String, UpdateRecord> updateKeys = new HashMap<>();
    final Map<String, IssuedCursor> cursors = new HashMap<>();

    Session(Target target, TenantId tenant) {
        this.target = target;
        this.tenant = tenant;
        this.actor = new Actor(tenant, Target.PRINCIPAL, dev.tasks.api.Scope.all());
        this.state = Stores.snapshot(target.store, tenant);
    }

    TaskService service() {
        return target.service;
    }

    TaskStore store() {
        return target.store;
    }

    RelationshipCatalog catalog() {
        return target.catalog;
    }

    /** Re-reads the tenant after a call that is not a try (the setup of one). */
    void refresh() {
        state = Stores.snapshot(target.store, tenant);
    }

    /**
     * Runs one try and checks its outcome.
     *
     * @param step the try, for failure messages
     * @param operation the operation's name, for the tally
     * @param expect what it must end in
     * @param caller every string the caller sent (a message may quote those)
     * @param watched idempotency keys whose records must stay as they are if it fails
     * @param call the call
     * @param <T> what the call returns
     * @return the result if it succeeded (the step then checks it against {@link #before} and {@link #state})
     */
    <T> Optional<T> attempt(Object step, String operation, Expect expect, List<String> caller, List<Watched> watched, Supplier<T> call) {
        before = state;
        Map<Watched, Optional<IdempotencyRecord>> records = new LinkedHashMap<>();
        for (Watched w : watched) {
            if (w.key() != null && Rules.idempotencyKey(w.key())) {
                records.put(w, target.store.findIdempotencyRecord(tenant, w.operation(), w.key()));
            }
        }
        T result = null;
        TaskException error = null;
        lastError = null;
        try {
            result = call.get();
        } catch (TaskException e) {
            error = e;
            lastError = e;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(context(step, expect) + ": an undocumented exception escaped", e);
        }
        state = Stores.snapshot(target.store, tenant);
        target.tally.count(target.kind.name(), operation, error == null ? "ok" : error.code().code());
        if (error == null) {
            if (expect.problems() != null || expect.error() != null) {
                throw new AssertionError(context(step, expect) + ": succeeded with " + Hostile.show(result));
            }
            return Optional.ofNullable(result);
        }
        try {
            ClientErrors.check(error, caller, target.secrets);
            if (expect.problems() != null) {
                assertThat(error.code()).as("the code").isEqualTo(ErrorCode.VALIDATION_FAILED);
                checkPointers(error.violations(), expect.problems());
            } else if (expect.error() != null) {
                assertThat(error.code()).as("the code").isEqualTo(expect.error());
            } else {
                throw new AssertionError("expected success");
            }
            assertThat(state).as("the store is unchanged after an error").isEqualTo(before);
            records.forEach((w, was) -> assertThat(target.store.findIdempotencyRecord(tenant, w.operation(), w.key()))
                    .as("the record of key %s after an error", Hostile.show(w.key())).isEqualTo(was));
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(context(step, expect) + ": failed with " + error.code() + " "
                    + Hostile.show(error.getMessage()) + " " + Hostile.show(error.violations()) + "\n" + e.getMessage(), e);
        }
        return Optional.empty();
    }

    /** The TCK's invalid request was refused naming its violation (pointer and code), among any others. */
    void checkTckViolation(Object step, String pointer, dev.tasks.core.validation.ViolationCode code) {
        assertThat(lastError).as("%s: refused", step).isNotNull();
        assertThat(lastError.violations()).as("%s: names the TCK's violation %s %s", step, pointer, code)
                .anyMatch(v -> v.pointer().equals(pointer) && v.code() == code);
    }

    /** Every violation lies under an expected problem, and every problem is named by a violation. */
    static void checkPointers(List<Violation> violations, List<String> problems) {
        for (Violation v : violations) {
            assertThat(problems.stream().anyMatch(p -> Rules.under(v.pointer(), p)))
                    .as("violation %s at %s lies under an expected problem %s", v.code(), Hostile.show(v.pointer()), Hostile.show(problems))
                    .isTrue();
        }
        for (String p : problems) {
            assertThat(violations.stream().anyMatch(v -> Rules.under(v.pointer(), p)))
                    .as("a violation names the problem at %s", Hostile.show(p)).isTrue();
        }
    }

    String context(Object step, Expect expect) {
        return target.kind + " tenant " + Hostile.show(tenant.value()) + ": " + step + " (expected " + expect + ")";
    }

    /** Remembers a cursor this tenant was handed, keyed by its exact spelling. */
    void issued(String cursor, TaskFilter filter, TaskSort sort, Task last) {
        cursors.put(cursor, new IssuedCursor(filter, sort, SortPosition.of(last, sort)));
    }

    /**
     * The query a cursor was handed out for, if this tenant was handed it, spelled exactly as it was: a
     * cursor has one spelling (docs/reliability.md, bug 4), so another spelling of the same bytes is a
     * tampered cursor.
     */
    Optional<IssuedCursor> issuedFor(String cursor) {
        return cursor == null ? Optional.empty() : Optional.ofNullable(cursors.get(cursor));
    }
}
