package dev.tasks.examples;

import dev.tasks.api.Actor;
import dev.tasks.api.Scope;
import dev.tasks.api.TaskPage;
import dev.tasks.api.TaskService;
import dev.tasks.api.TaskValidationException;
import dev.tasks.api.VersionConflictException;
import dev.tasks.api.WriteOptions;
import dev.tasks.api.Written;
import dev.tasks.core.NewTask;
import dev.tasks.core.RelationshipPatch;
import dev.tasks.core.SortDirection;
import dev.tasks.core.SortField;
import dev.tasks.core.SystemRelationship;
import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.TaskQuery;
import dev.tasks.core.TaskSort;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.validation.Violation;
import dev.tasks.store.jdbi.JdbiTaskStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A tour of the library in nine steps, printed as it goes: build a service, create tasks the way
 * Stora's and Lightfield's "Create a task" examples do, patch metadata and relationships, complete
 * and reopen, walk a list with a cursor, and see the three errors a caller meets most: a validation
 * error, a version conflict and an idempotent replay.
 *
 * <p>The tasks live in an embedded SQLite file, so that they outlive the run: a second run finds the
 * first run's tasks. The database is the first program argument, else the system property
 * {@value #DATABASE_PROPERTY}, else {@value #DEFAULT_FILE} in the working directory. A value that starts
 * with {@code jdbc:postgresql:} is a PostgreSQL URL instead of a file (user and password from the system
 * properties {@value #USER_PROPERTY} and {@value #PASSWORD_PROPERTY}, if given). Every run tags what it
 * creates with its own run id, so that each step reads only its own run's tasks.
 *
 * <p>Run it from the repository root with
 * <pre>{@code
 * ./mvnw -q -pl task-examples -am verify -DskipTests -Prun-example
 * }</pre>
 * which keeps the tasks in {@code tasks-example.db} at the repository root (the {@code run-example}
 * profile passes that path as {@value #DATABASE_PROPERTY} unless the command line sets it), and on
 * PostgreSQL with
 * <pre>{@code
 * ./mvnw -q -pl task-examples -am verify -DskipTests -Prun-example \
 *     -Dtasks.db=jdbc:postgresql://localhost:5432/tasks -Dtasks.db.user=tasks -Dtasks.db.password=secret
 * }</pre>
 */
public final class QuickStart {

    /** The system property naming the database: a file path or a {@code jdbc:postgresql:} URL. */
    public static final String DATABASE_PROPERTY = "tasks.db";

    /** The system property with the PostgreSQL user, if any. */
    public static final String USER_PROPERTY = "tasks.db.user";

    /** The system property with the PostgreSQL password, if any. */
    public static final String PASSWORD_PROPERTY = "tasks.db.password";

    /** The SQLite file used when neither an argument nor {@value #DATABASE_PROPERTY} names one. */
    public static final String DEFAULT_FILE = "tasks-example.db";

    private static final String POSTGRES_PREFIX = "jdbc:postgresql:";

    /**
     * Hibernate Validator, which checks every request, announces its version once through
     * java.util.logging; this keeps the tour's output to the tour. Held in a field so that the
     * logger, and with it the level, is not garbage-collected.
     */
    private static final Logger VALIDATOR_LOG = Logger.getLogger("org.hibernate.validator");

    private final PrintStream out;
    /** Tags this run's walk batch and keys its idempotent create: earlier runs' tasks stay out of both. */
    private final String runId;
    private int step;

    private QuickStart(PrintStream out, String runId) {
        this.out = out;
        this.runId = runId;
    }

    /**
     * Runs the tour and prints every step to standard output.
     *
     * @param args optionally, the database: a SQLite file path or a {@code jdbc:postgresql:} URL
     *     (before the system property {@value #DATABASE_PROPERTY} and the default {@value #DEFAULT_FILE})
     */
    public static void main(String[] args) {
        VALIDATOR_LOG.setLevel(Level.WARNING);
        // JDBI logs through SLF4J; with no SLF4J provider on the class path, SLF4J warns about it once.
        // The tour logs nothing, so that warning is noise here (an application brings its own provider).
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        String database = args.length > 0 && !args[0].isBlank()
                ? args[0]
                : System.getProperty(DATABASE_PROPERTY, DEFAULT_FILE);
        String runId = "run-" + UUID.randomUUID().toString().substring(0, 8);
        new QuickStart(System.out, runId).run(database);
    }

    /** Opens the store the database names: a PostgreSQL URL, or else a SQLite file. */
    private JdbiTaskStore open(String database) {
        if (database.startsWith(POSTGRES_PREFIX)) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(database);
            String user = System.getProperty(USER_PROPERTY);
            if (user != null) {
                dataSource.setUser(user);
            }
            String password = System.getProperty(PASSWORD_PROPERTY);
            if (password != null) {
                dataSource.setPassword(password);
            }
            say("database: PostgreSQL at " + withoutQuery(database));
            return JdbiTaskStore.create(dataSource);
        }
        Path file = Path.of(database).toAbsolutePath().normalize();
        say("database: SQLite file " + file);
        return JdbiTaskStore.sqlite(file);
    }

    private void run(String database) {
        // ---------------------------------------------------------------------------------------
        heading("Build a TaskService on a SQLite file (or PostgreSQL)");
        // The store is the only thing to choose; nothing else in this file changes with it.
        // The store holds connections: close it when done (here, try-with-resources).
        try (JdbiTaskStore store = open(database)) {
            TaskService tasks = TaskService.builder(store).build();
            // Every call says who makes it: a tenant, a principal (recorded as $createdBy) and scopes.
            Actor ada = Actor.of("acme", "mem_ada", Scope.all());
            say("service on " + store.getClass().getSimpleName() + " (" + store.dialect() + "); acting as "
                    + ada.principal() + " in tenant " + ada.tenantId().value() + " with "
                    + ada.scopes().stream().map(Scope::wireName).collect(Collectors.joining(", ")));
            say("tasks already in tenant " + ada.tenantId().value() + ": " + tasks.count(ada, TaskFilter.ALL)
                    + "; this run is " + runId);
            tour(tasks, ada);
            say("tasks in tenant " + ada.tenantId().value() + " now: " + tasks.count(ada, TaskFilter.ALL));
        }
        out.println();
        out.println("Done.");
    }

    private void tour(TaskService tasks, Actor ada) {

        // ---------------------------------------------------------------------------------------
        heading("Create a task with only a title (Stora's minimal example)");
        Task minimal = tasks.create(ada, NewTask.titled("Task with minimal params"));
        show(minimal);
        say("status defaults to OPEN; $createdBy defaults to the caller");

        // ---------------------------------------------------------------------------------------
        heading("Create a task with a status, an assignee and a due time (Lightfield's example)");
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        Task task = tasks.create(ada, NewTask.builder("Call Initech about the renewal")
                .status(TaskStatus.TODO)
                .assignee("mem_ada")
                .dueAt(today.plus(Duration.ofDays(2)).plus(Duration.ofHours(9)))   // in two days, 09:00 UTC
                .build());
        show(task);
        long readAtStep3 = task.version();

        // ---------------------------------------------------------------------------------------
        heading("Patch metadata and relationships");
        task = tasks.update(ada, task.id(), TaskPatch.builder()
                .metadata("region", "north")
                .metadata("source", "api")
                .build());
        say("set region and source:");
        show(task);
        task = tasks.update(ada, task.id(), TaskPatch.builder()
                .metadata("source", null)                     // null removes a key
                .build());
        say("remove source (null):");
        show(task);
        task = tasks.update(ada, task.id(), TaskPatch.builder()
                .relationship(SystemRelationship.ASSIGNED_TO, RelationshipPatch.replace(List.of("mem_grace")))
                .relationship(SystemRelationship.ACCOUNT, RelationshipPatch.add(List.of("acc_initech")))
                .build());
        say("reassign to mem_grace, add $account acc_initech:");
        show(task);

        // ---------------------------------------------------------------------------------------
        heading("Complete it, then reopen it");
        long before = task.version();
        task = tasks.changeStatus(ada, task.id(), TaskStatus.COMPLETE);
        say("complete: v" + before + " -> v" + task.version() + ", completedAt=" + instant(task.completedAt()));
        show(task);
        before = task.version();
        task = tasks.changeStatus(ada, task.id(), TaskStatus.OPEN);
        say("reopen:   v" + before + " -> v" + task.version() + ", completedAt=" + instant(task.completedAt()));
        show(task);
        before = task.version();
        task = tasks.changeStatus(ada, task.id(), TaskStatus.OPEN);
        say("reopen again: v" + before + " -> v" + task.version() + " (already OPEN: nothing changes)");

        // ---------------------------------------------------------------------------------------
        heading("Create a dozen tasks and walk them with a cursor, 5 per page");
        Instant firstDue = today.plus(Duration.ofHours(9));
        for (int i = 1; i <= 12; i++) {
            tasks.create(ada, NewTask.builder(String.format("Walk %02d", i))
                    .dueAt(firstDue.plus(Duration.ofDays(i)))
                    .metadata("batch", runId)        // this run's dozen, not an earlier run's
                    .build());
        }
        TaskFilter batch = TaskFilter.builder().metadata("batch", runId).build();
        TaskQuery query = TaskQuery.builder()
                .filter(batch)
                .sort(TaskSort.by(SortField.DUE_AT, SortDirection.ASC))
                .limit(5)
                .build();
        List<String> seen = new ArrayList<>();
        int pageNumber = 0;
        while (true) {
            TaskPage page = tasks.list(ada, query);
            pageNumber++;
            page.tasks().forEach(t -> seen.add(t.title()));
            say("page " + pageNumber + ": " + page.tasks().stream().map(Task::title).collect(Collectors.joining(", ")));
            say("  next cursor: " + page.nextCursor().map(QuickStart::abbreviate).orElse("(none: last page)"));
            if (page.nextCursor().isEmpty()) {
                break;
            }
            query = query.after(page.nextCursor().get());
        }
        boolean eachOnce = seen.stream().distinct().count() == seen.size();
        say("walked " + seen.size() + " tasks in " + pageNumber + " pages; each seen once: " + eachOnce
                + "; count() says " + tasks.count(ada, batch));

        // ---------------------------------------------------------------------------------------
        heading("A validation error: every problem at once, with a JSON Pointer");
        try {
            tasks.create(ada, NewTask.builder("   ")
                    .metadata("Bad Key", "x")
                    .relationship("$watcher", List.of("mem_bob"))
                    .build());
            say("unexpected: the request was accepted");
        } catch (TaskValidationException e) {
            say("code=" + e.code().code() + " http=" + e.httpStatus());
            for (Violation v : e.violations()) {
                say(String.format("  %-24s %-22s %s", v.pointer(), v.code().code(), v.message()));
            }
        }

        // ---------------------------------------------------------------------------------------
        heading("A version conflict: update with a stale expected version");
        say("the task read at step 3 was v" + readAtStep3 + "; it is now v" + task.version());
        try {
            tasks.update(ada, task.id(), TaskPatch.builder().title("Call Initech (stale edit)").build(),
                    WriteOptions.expectVersion(readAtStep3));
            say("unexpected: the stale update was accepted");
        } catch (VersionConflictException e) {
            say("code=" + e.code().code() + " http=" + e.httpStatus() + ": expected version " + e.expectedVersion()
                    + ", actual version " + e.actualVersion());
            say("  message: " + e.getMessage());
        }

        // ---------------------------------------------------------------------------------------
        heading("An idempotent create, replayed with the same key");
        // A key per run: with a fixed key, a later run on the same database would be a replay of an
        // earlier run's create from its very first call.
        String key = "req-welcome-" + runId;
        NewTask request = NewTask.builder("Send the welcome pack").assignee("mem_grace")
                .metadata("batch", runId)
                .build();
        Written first = tasks.create(ada, request, key);
        say("key " + key);
        say("first call:  " + first.task().id() + " v" + first.task().version() + " replayed=" + first.replayed());
        Written again = tasks.create(ada, request, key);
        say("second call: " + again.task().id() + " v" + again.task().version() + " replayed=" + again.replayed());
        say("same task: " + first.task().id().equals(again.task().id()) + "; tasks titled like it in this run: "
                + tasks.count(ada, TaskFilter.builder().titleContains("welcome pack").metadata("batch", runId).build()));
    }

    // ---- printing ----

    private void heading(String title) {
        if (step > 0) {
            out.println();
        }
        step++;
        out.println(step + ". " + title);
    }

    private void say(String line) {
        out.println("   " + line);
    }

    /** Two lines per task: who and where it is, then what it holds. */
    private void show(Task t) {
        say(t.id() + "  v" + t.version() + "  " + t.status() + "  \"" + t.title() + "\""
                + t.dueAt().map(d -> "  due " + d).orElse(""));
        say("  completedAt=" + instant(t.completedAt())
                + "  assignee=" + t.assignee().orElse("-")
                + "  metadata=" + t.metadata()
                + "  relationships=" + t.relationships());
    }

    private static String instant(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse("-");
    }

    /** A URL without its query string, where a password may be. */
    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?...";
    }

    private static String abbreviate(String cursor) {
        return cursor.length() <= 24 ? cursor : cursor.substring(0, 20) + "... (" + cursor.length() + " chars)";
    }
}
