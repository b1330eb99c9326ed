package dev.tasks.reliability.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;

import dev.tasks.api.Actor;
import dev.tasks.api.ErrorCode;
import dev.tasks.api.ForbiddenException;
import dev.tasks.api.Scope;
import dev.tasks.api.TaskPage;
import dev.tasks.api.TaskService;
import dev.tasks.api.TaskValidationException;
import dev.tasks.api.WriteOptions;
import dev.tasks.core.NewTask;
import dev.tasks.core.SortDirection;
import dev.tasks.core.SortField;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.TaskQuery;
import dev.tasks.core.TaskSort;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.store.TaskStore;
import dev.tasks.core.validation.ViolationCode;
import dev.tasks.reliability.hostile.ClientErrors;
import dev.tasks.reliability.hostile.Stores;
import dev.tasks.store.memory.InMemoryTaskStore;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Item 4 of the reliability issue, second half: every operation refuses an actor without its scope before
 * touching the store, and cursors are tamper-evident and bound to tenant and query.
 */
class ScopesAndCursorsTest {

    private static final TaskId SOME_ID = new TaskId("task_0000000000000001");

    /** Every operation that takes an actor, with the scope it needs. */
    private static List<Operation> operations() {
        TaskPatch patch = TaskPatch.builder().title("t").build();
        return List.of(
                new Operation("create", Scope.CREATE, (s, a) -> s.create(a, NewTask.titled("t"))),
                new Operation("create with key", Scope.CREATE, (s, a) -> s.create(a, NewTask.titled("t"), "k")),
                new Operation("createAll", Scope.CREATE, (s, a) -> s.createAll(a, List.of(NewTask.titled("t")))),
                new Operation("get", Scope.READ, (s, a) -> s.get(a, SOME_ID)),
                new Operation("find", Scope.READ, (s, a) -> s.find(a, SOME_ID)),
                new Operation("findByExternalId", Scope.READ, (s, a) -> s.findByExternalId(a, "EXT-1")),
                new Operation("list", Scope.READ, (s, a) -> s.list(a, TaskQuery.builder().build())),
                new Operation("count", Scope.READ, (s, a) -> s.count(a, TaskFilter.ALL)),
                new Operation("update", Scope.UPDATE, (s, a) -> s.update(a, SOME_ID, patch)),
                new Operation("update with options", Scope.UPDATE, (s, a) -> s.update(a, SOME_ID, patch,
                        WriteOptions.idempotencyKey("k").withExpectedVersion(1))),
                new Operation("changeStatus", Scope.UPDATE, (s, a) -> s.changeStatus(a, SOME_ID, TaskStatus.COMPLETE)),
                new Operation("changeStatus expecting", Scope.UPDATE, (s, a) -> s.changeStatus(a, SOME_ID, TaskStatus.COMPLETE, 1)),
                new Operation("trash", Scope.DELETE, (s, a) -> s.trash(a, SOME_ID)),
                new Operation("trash expecting", Scope.DELETE, (s, a) -> s.trash(a, SOME_ID, 1)),
                new Operation("restore", Scope.DELETE, (s, a) -> s.restore(a, SOME_ID)),
                new Operation("restore expecting", Scope.DELETE, (s, a) -> s.restore(a, SOME_ID, 1)),
                new Operation("delete", Scope.DELETE, (s, a) -> s.delete(a, SOME_ID)),
                new Operation("delete expecting", Scope.DELETE, (s, a) -> s.delete(a, SOME_ID, 1)));
    }

    record Operation(String name, Scope needs, Call call) {
    }

    @FunctionalInterface
    interface Call {
        void on(TaskService service, Actor actor);
    }

    @Test
    void everyOperationRefusesAnActorWithoutItsScopeBeforeTouchingTheStore() {
        AtomicInteger touches = new AtomicInteger();
        // A store that counts every call and answers none: the service must not reach it.
        TaskStore untouchable = (TaskStore) Proxy.newProxyInstance(TaskStore.class.getClassLoader(), new Class<?>[] {TaskStore.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("toString") ? "untouchable store" : method.invoke(this, args);
                    }
                    touches.incrementAndGet();
                    throw new AssertionError("the store was touched: " + method.getName());
                });
        TaskService service = TaskService.builder(untouchable).build();
        int checked = 0;
        for (Operation op : operations()) {
            // Every subset of the other scopes: none of them stands in for the one needed.
            Set<Scope> others = EnumSet.complementOf(EnumSet.of(op.needs()));
            for (Set<Scope> held : subsets(others)) {
                Actor actor = Actor.of("acme", "mem_1", held);
                Throwable e = catchThrowable(() -> op.call().on(service, actor));
                assertThat(e).as("%s with %s", op.name(), held).isInstanceOfSatisfying(ForbiddenException.class, f -> {
                    assertThat(f.missingScope()).isEqualTo(op.needs());
                    assertThat(f.code()).isEqualTo(ErrorCode.FORBIDDEN);
                    assertThat(f.httpStatus()).isEqualTo(403);
                    ClientErrors.check(f, List.of(), List.of());
                });
                checked++;
            }
        }
        assertThat(touches.get()).as("calls that reached the store").isZero();
        assertThat(checked).isEqualTo(operations().size() * 8);
    }

    @Test
    void aTamperedCursorIsRefusedAndNeverReadsAnotherPage() {
        TaskService service = TaskService.builder(new InMemoryTaskStore()).clock(Stores.tickingClock()).build();
        Actor alice = Actor.of("acme", "mem_1", Scope.all());
        Actor bob = Actor.of("other", "mem_1", Scope.all());
        for (int i = 0; i < 8; i++) {
            service.create(alice, NewTask.builder("alice " + i).assignee(i % 2 == 0 ? "mem_1" : "mem_2").build());
            service.create(bob, NewTask.builder("bob " + i).assignee("mem_1").build());
        }
        TaskFilter mine = TaskFilter.builder().assignee("mem_1").build();
        TaskSort byDue = TaskSort.by(SortField.DUE_AT, SortDirection.ASC);
        List<TaskQuery.Builder> queries = List.of(TaskQuery.builder().limit(2), TaskQuery.builder().limit(2).filter(mine),
                TaskQuery.builder().limit(2).sort(byDue), TaskQuery.builder().limit(2).filter(mine).sort(byDue));
        List<String> cursors = new ArrayList<>();
        for (TaskQuery.Builder q : queries) {
            cursors.add(service.list(alice, q.build()).nextCursor().orElseThrow());
        }
        // The genuine cursor works for its own query and tenant only.
        for (int i = 0; i < queries.size(); i++) {
            String cursor = cursors.get(i);
            TaskPage next = service.list(alice, queries.get(i).cursor(cursor).build());
            assertThat(next.tasks()).isNotEmpty().allSatisfy(t -> assertThat(t.tenantId()).isEqualTo(alice.tenantId()));
            for (int j = 0; j < queries.size(); j++) {
                if (j != i) {
                    int other = j;
                    refused(() -> service.list(alice, queries.get(other).cursor(cursor).build()));
                }
                int same = i;
                refused(() -> service.list(bob, queries.get(same).cursor(cursor).build()));
            }
        }
        Gen<String> tampered = in -> tamper(cursors.get(Generate.range(0, cursors.size() - 1).generate(in)),
                Generate.range(0, 6).generate(in), Generate.range(0, 10_000).generate(in), Generate.range(0, 0x10FFFF).generate(in));
        AtomicInteger refusedCount = new AtomicInteger();
        qt().withExamples(2_000).forAll(tampered, Generate.range(0, queries.size() - 1)).checkAssert((cursor, q) -> {
            if (cursors.contains(cursor)) {
                return; // a tamper that happened to change nothing
            }
            refused(() -> service.list(alice, queries.get(q).cursor(cursor).build()));
            refusedCount.incrementAndGet();
        });
        assertThat(refusedCount.get()).as("tampered cursors tried").isGreaterThan(1_000);
        System.out.println("cursors: " + refusedCount.get() + " tampered cursors refused");
    }

    /** Changes a cursor: a character replaced, cut, added, swapped, re-encoded, forged or emptied. */
    private static String tamper(String cursor, int how, int where, int codePoint) {
        int at = where % cursor.length();
        String replacement = Character.isValidCodePoint(codePoint) && !Character.isSurrogate((char) codePoint)
                ? new String(Character.toChars(codePoint)) : "A";
        return switch (how) {
            case 0 -> cursor.substring(0, at) + (cursor.charAt(at) == 'A' ? "B" : "A") + cursor.substring(at + 1);
            case 1 -> cursor.substring(0, at);
            case 2 -> cursor.substring(0, at) + replacement + cursor.substring(at);
            case 3 -> at + 1 < cursor.length() && cursor.charAt(at) != cursor.charAt(at + 1)
                    ? cursor.substring(0, at) + cursor.charAt(at + 1) + cursor.charAt(at) + cursor.substring(at + 2) : cursor + "=";
            case 4 -> {
                byte[] raw = decode(cursor);
                raw[at % raw.length] ^= (byte) (1 + codePoint % 255);
                yield Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            }
            case 5 -> Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ("{\"tenant\":\"acme\",\"after\":\"task_0000000000000000\",\"n\":" + where + "}").getBytes(StandardCharsets.UTF_8));
            default -> replacement.repeat(1 + where % 300);
        };
    }

    private static byte[] decode(String cursor) {
        try {
            byte[] raw = Base64.getUrlDecoder().decode(cursor);
            return raw.length == 0 ? new byte[] {0} : raw;
        } catch (IllegalArgumentException notBase64) {
            return cursor.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static void refused(Runnable list) {
        Throwable e = catchThrowable(list::run);
        assertThat(e).as("a cursor of another tenant or query, or tampered with").isInstanceOfSatisfying(TaskValidationException.class,
                v -> {
                    assertThat(v.violations()).singleElement().satisfies(violation -> {
                        assertThat(violation.pointer()).isEqualTo("/cursor");
                        assertThat(violation.code()).isEqualTo(ViolationCode.INVALID_CURSOR);
                    });
                    // The refusal quotes nothing of the cursor's payload: no other tenant's id or title.
                    ClientErrors.check(v, List.of(), List.of("bob "));
                });
    }

    private static List<Set<Scope>> subsets(Set<Scope> of) {
        List<Scope> items = List.copyOf(of);
        List<Set<Scope>> all = new ArrayList<>();
        for (int mask = 0; mask < 1 << items.size(); mask++) {
            Set<Scope> s = EnumSet.noneOf(Scope.class);
            for (int i = 0; i < items.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    s.add(items.get(i));
                }
            }
            all.add(s);
        }
        return all;
    }
}
