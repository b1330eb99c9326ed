package dev.tasks.reliability.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tasks.api.Actor;
import dev.tasks.api.ErrorCode;
import dev.tasks.api.Scope;
import dev.tasks.api.TaskException;
import dev.tasks.api.TaskService;
import dev.tasks.api.WriteOptions;
import dev.tasks.core.NewTask;
import dev.tasks.core.Task;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.store.TaskStore;
import dev.tasks.reliability.hostile.ClientErrors;
import dev.tasks.reliability.hostile.Stores;
import dev.tasks.store.jdbi.EmbeddedPostgresSupport;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Item 5 of the reliability issue: every error the service throws is one a server can return unchanged.
 * Each of the library's error codes is provoked through the service on each store (the storage failure
 * on the SQL stores, whose database is broken under the service), and each exception goes through
 * {@link ClientErrors#check}: a stable snake-case code, the documented HTTP status, a message on one line
 * and bounded, with no SQL, schema name, driver, Java class or stack trace, and none of another tenant's
 * data; its Stora and Lightfield renderings likewise.
 */
class ErrorContractTest {

    @TempDir
    Path directory;

    @Test
    void memoryStore() {
        TaskStore store = Stores.open(Stores.Kind.MEMORY, "errors", directory);
        Map<ErrorCode, TaskException> seen = provoke(store, () -> {
            throw new IllegalStateException("the memory store cannot fail");
        });
        assertThat(seen.keySet()).isEqualTo(EnumSet.complementOf(EnumSet.of(ErrorCode.STORAGE_FAILURE)));
    }

    @Test
    void sqliteStore() {
        Path file = directory.resolve("errors.db");
        TaskStore store = Stores.open(Stores.Kind.SQLITE, "errors", directory);
        try {
            Map<ErrorCode, TaskException> seen = provoke(store, () -> breakDatabase(() -> DriverManager.getConnection("jdbc:sqlite:" + file)));
            assertThat(seen.keySet()).isEqualTo(EnumSet.allOf(ErrorCode.class));
        } finally {
            Stores.close(store);
        }
    }

    @Test
    void postgresqlStore() {
        TaskStore store = Stores.open(Stores.Kind.POSTGRESQL, "errors_contract", directory);
        try {
            Map<ErrorCode, TaskException> seen = provoke(store,
                    () -> breakDatabase(() -> EmbeddedPostgresSupport.unpooled("errors_contract").getConnection()));
            assertThat(seen.keySet()).isEqualTo(EnumSet.allOf(ErrorCode.class));
        } finally {
            Stores.close(store);
        }
    }

    @FunctionalInterface
    interface Connect {
        Connection open() throws SQLException;
    }

    /** Drops a side table under the running service, as a botched migration or a careless operator would. */
    private static Void breakDatabase(Connect connect) {
        try (Connection c = connect.open(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE task_metadata");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return null;
    }

    /** Provokes every code through the service, checks each error, and returns them by code. */
    private static Map<ErrorCode, TaskException> provoke(TaskStore store, Supplier<Void> breakStore) {
        TaskService service = TaskService.builder(store).clock(Stores.tickingClock()).build();
        Actor me = Actor.of("errors-tenant", "mem_1", Scope.all());
        Actor other = Actor.of("errors-tenant-other", "mem_1", Scope.all());
        // The other tenant's data, which no error may show: secrets in titles, descriptions, metadata.
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Task t = service.create(other, NewTask.builder("other-secret-title-" + i).description("other-secret-description")
                    .externalId("EXT-" + i).metadata("owner", "other-secret-owner").build(), "key-" + i).task();
            secrets.addAll(List.of(t.title(), "other-secret-description", "other-secret-owner"));
        }
        Task mine = service.create(me, NewTask.builder("mine").externalId("EXT-0").build(), "key-0").task();
        Task trashed = service.trash(me, service.create(me, NewTask.titled("to trash")).id());
        Map<ErrorCode, TaskException> seen = new EnumMap<>(ErrorCode.class);
        record Attempt(ErrorCode expected, List<String> caller, Runnable call) {
        }
        List<Attempt> attempts = List.of(
                new Attempt(ErrorCode.VALIDATION_FAILED, List.of(" ", "x".repeat(600)),
                        () -> service.create(me, NewTask.builder(" ").description("d").metadata("BAD KEY", "x".repeat(600)).build())),
                new Attempt(ErrorCode.FORBIDDEN, List.of(), () -> service.create(Actor.of("errors-tenant", "mem_1", Set.of(Scope.READ)),
                        NewTask.titled("no scope"))),
                new Attempt(ErrorCode.NOT_FOUND, List.of("task_zzzzzzzzzzzzzzzz"), () -> service.get(me, new TaskId("task_zzzzzzzzzzzzzzzz"))),
                new Attempt(ErrorCode.VERSION_CONFLICT, List.of(mine.id().value()),
                        () -> service.update(me, mine.id(), TaskPatch.builder().title("t").build(), WriteOptions.expectVersion(99))),
                new Attempt(ErrorCode.TASK_TRASHED, List.of(trashed.id().value()),
                        () -> service.update(me, trashed.id(), TaskPatch.builder().title("t").build())),
                new Attempt(ErrorCode.EXTERNAL_ID_CONFLICT, List.of("EXT-0"),
                        () -> service.create(me, NewTask.builder("again").externalId("EXT-0").build())),
                new Attempt(ErrorCode.IDEMPOTENCY_KEY_REUSED, List.of("key-0"),
                        () -> service.create(me, NewTask.titled("a different request"), "key-0")));
        for (Attempt attempt : attempts) {
            seen.put(attempt.expected(), check(attempt.expected(), attempt.caller(), secrets, attempt.call()));
        }
        // A broken database, where the store can break: every operation fails as storage_failure, and says nothing of it.
        Throwable cannotBreak = catchThrowable(breakStore::get);
        if (cannotBreak == null) {
            seen.put(ErrorCode.STORAGE_FAILURE, check(ErrorCode.STORAGE_FAILURE, List.of(), secrets, () -> service.get(me, mine.id())));
            check(ErrorCode.STORAGE_FAILURE, List.of(), secrets,
                    () -> service.create(me, NewTask.builder("t").metadata("owner", "x").build()));
        }
        return seen;
    }

    private static TaskException check(ErrorCode expected, List<String> caller, List<String> secrets, Runnable call) {
        Throwable e = catchThrowable(call::run);
        assertThat(e).as("%s", expected).isInstanceOf(TaskException.class);
        TaskException te = (TaskException) e;
        assertThat(te.code()).isEqualTo(expected);
        assertThat(te.httpStatus()).isEqualTo(expected.httpStatus());
        ClientErrors.check(te, caller, secrets);
        return te;
    }
}
