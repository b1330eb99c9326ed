package dev.tasks.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedClass;

import dev.tasks.core.SortDirection;
import dev.tasks.core.SortField;
import dev.tasks.core.SortPosition;
import dev.tasks.core.SystemRelationship;
import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskSort;
import dev.tasks.core.TenantId;
import dev.tasks.core.store.DuplicateIdempotencyKeyException;
import dev.tasks.core.store.DuplicateTaskIdException;
import dev.tasks.core.store.IdempotencyRecord;
import dev.tasks.core.store.TaskStore;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Comparator;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs the contract against deliberately broken stores (mutants of {@link SimpleTaskStore}, each with
 * one realistic bug) and demands that the parts meant to catch each bug fail: proof that the contract's
 * tests can fail. Property tests run with fewer examples here to keep the run short.
 */
class MutantStoresTest {

    /** The contract, run against whichever mutant is current. */
    static class MutantContract extends TaskStoreContract {
        static volatile Supplier<TaskStore> current;

        @Override
        protected TaskStore newStore() {
            return current.get();
        }
    }

    private static final Class<?> CRUD = TaskStoreContract.Crud.class;
    private static final Class<?> QUERIES = TaskStoreContract.Queries.class;
    private static final Class<?> IDEMPOTENCY = TaskStoreContract.Idempotency.class;
    private static final Class<?> TENANTS = TaskStoreContract.TenantIsolation.class;
    private static final Class<?> CONCURRENCY = TaskStoreContract.Concurrency.class;
    private static final Class<?> STATEFUL = TaskStoreContract.StatefulModel.class;

    static Stream<Arguments> mutants() {
        Map<String, Object[]> m = new LinkedHashMap<>();
        // Tenancy
        m.put("get and find ignore the tenant", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            protected boolean sameTenant(TenantId stored, TenantId asked) {
                return true;
            }
        }, List.of(TENANTS, STATEFUL)});
        m.put("tenants compared ignoring case", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            protected boolean sameTenant(TenantId stored, TenantId asked) {
                return stored.value().equalsIgnoreCase(asked.value());
            }
        }, List.of(TENANTS)});
        m.put("idempotency keys shared by tenants", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            protected Key key(IdempotencyRecord r) {
                return new Key(TenantId.of("all"), r.operation(), r.key());
            }
        }, List.of(TENANTS, STATEFUL)});
        // Writes
        m.put("update ignores the version", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            protected boolean versionMatches(Task current, long expectedVersion) {
                return true;
            }
        }, List.of(CRUD, STATEFUL, CONCURRENCY)});
        m.put("ids unique per tenant only", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            protected boolean idTaken(Task task) {
                Task t = tasks.get(task.id());
                return t != null && t.tenantId().equals(task.tenantId());
            }
        }, List.of(CRUD, STATEFUL)});
        m.put("external ids unique across tenants", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            protected boolean externalIdsClash(Task stored, Task written) {
                return !stored.id().equals(written.id()) && stored.externalId().isPresent() && stored.externalId().equals(written.externalId());
            }
        }, List.of(CRUD, TENANTS)});
        m.put("external ids compared ignoring case", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            protected boolean externalIdsClash(Task stored, Task written) {
                return stored.tenantId().equals(written.tenantId()) && !stored.id().equals(written.id()) && stored.externalId().isPresent()
                        && written.externalId().isPresent() && stored.externalId().get().equalsIgnoreCase(written.externalId().get());
            }
        }, List.of(CRUD, STATEFUL)});
        m.put("task written before the key is checked", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            public synchronized void insert(Task task, Optional<IdempotencyRecord> idempotency) {
                if (idTaken(task)) {
                    throw new DuplicateTaskIdException("task id " + task.id() + " is taken");
                }
                checkExternalId(task);
                tasks.put(task.id(), task);
                idempotency.ifPresent(this::checkKey);
                idempotency.ifPresent(r -> records.put(key(r), r));
            }
        }, List.of(IDEMPOTENCY, STATEFUL, CONCURRENCY)});
        m.put("an expired key is never replaced", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            protected boolean expired(IdempotencyRecord existing, Instant now) {
                return false;
            }
        }, List.of(IDEMPOTENCY, STATEFUL)});
        m.put("a key is expired only after its expiry", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            protected boolean expired(IdempotencyRecord existing, Instant now) {
                return now.isAfter(existing.expiresAt());
            }
        }, List.of(IDEMPOTENCY)});
        m.put("purge keeps records expiring now", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            protected boolean purgeable(IdempotencyRecord r, Instant now) {
                return r.expiresAt().isBefore(now);
            }
        }, List.of(IDEMPOTENCY)});
        m.put("a record stored alone overwrites an unexpired one", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            public synchronized void putIdempotencyRecord(IdempotencyRecord idempotency) {
                records.put(key(idempotency), idempotency);
            }
        }, List.of(IDEMPOTENCY, STATEFUL, CONCURRENCY)});
        m.put("delete removes the task's records", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            public synchronized boolean delete(TenantId tenant, dev.tasks.core.TaskId id, long expectedVersion) {
                boolean deleted = super.delete(tenant, id, expectedVersion);
                if (deleted) {
                    records.values().removeIf(r -> r.taskId().equals(id));
                }
                return deleted;
            }
        }, List.of(IDEMPOTENCY)});
        m.put("clash messages leak SQL", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            protected void checkKey(IdempotencyRecord r) {
                try {
                    super.checkKey(r);
                } catch (DuplicateIdempotencyKeyException e) {
                    throw new DuplicateIdempotencyKeyException("ERROR: duplicate key value violates unique constraint \"idem_pkey\" on key " + r.key());
                }
            }
        }, List.of(CRUD)});
        // Round-trips
        m.put("milliseconds dropped", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            protected Task stored(Task t) {
                return t.toBuilder().createdAt(t.createdAt().truncatedTo(ChronoUnit.SECONDS))
                        .dueAt(t.dueAt().map(d -> d.truncatedTo(ChronoUnit.SECONDS)).orElse(null)).build();
            }
        }, List.of(CRUD, STATEFUL)});
        m.put("instants drift through the Julian calendar", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            protected Task stored(Task t) {
                return t.toBuilder().dueAt(t.dueAt().map(MutantStoresTest::throughJulianCalendar).orElse(null)).build();
            }
        }, List.of(CRUD)});
        m.put("empty metadata values dropped", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            protected Task stored(Task t) {
                Map<String, String> kept = new LinkedHashMap<>(t.metadata());
                kept.values().removeIf(String::isEmpty);
                return t.toBuilder().metadata(kept).build();
            }
        }, List.of(CRUD, QUERIES)});
        m.put("relationship ids sorted", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            protected Task stored(Task t) {
                Task.Builder b = t.toBuilder();
                t.relationships().forEach((name, ids) -> b.relationship(name, ids.stream().sorted().toList()));
                return b.build();
            }
        }, List.of(CRUD)});
        m.put("strings trimmed", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            protected Task stored(Task t) {
                return t.toBuilder().title(t.title().strip().isEmpty() ? t.title() : t.title().strip())
                        .description(t.description().map(String::strip).orElse(null)).build();
            }
        }, List.of(CRUD)});
        m.put("titles cut at 500 UTF-16 units", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            protected Task stored(Task t) {
                return t.title().length() <= 500 ? t : t.toBuilder().title(t.title().substring(0, 500)).build();
            }
        }, List.of(CRUD)});
        // Queries
        m.put("count ignores the trash filter", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            public synchronized long count(TenantId tenant, TaskFilter filter) {
                return super.count(tenant, filter.toBuilder().trashed(dev.tasks.core.TrashFilter.INCLUDE).build());
            }
        }, List.of(QUERIES, STATEFUL)});
        m.put("due ranges include their upper bound", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            protected boolean matches(TaskFilter f, Task t) {
                if (f.dueBefore().isEmpty()) {
                    return f.matches(t);
                }
                return f.toBuilder().dueBefore(f.dueBefore().get().plusMillis(1)).build().matches(t);
            }
        }, List.of(QUERIES)});
        m.put("assignee filter looks at every relationship", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            protected boolean matches(TaskFilter f, Task t) {
                if (f.assignees().isEmpty()) {
                    return f.matches(t);
                }
                TaskFilter rest = TaskFilter.builder().statuses(f.statuses()).trashed(f.trashed()).build();
                return rest.matches(t) && t.relationships().values().stream().flatMap(List::stream).anyMatch(f.assignees()::contains);
            }
        }, List.of(QUERIES)});
        m.put("title search folds all case", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            protected boolean matches(TaskFilter f, Task t) {
                if (f.titleContains().isEmpty()) {
                    return f.matches(t);
                }
                return f.toBuilder().titleContains(null).build().matches(t)
                        && t.title().toLowerCase(Locale.ROOT).contains(f.titleContains().get().toLowerCase(Locale.ROOT));
            }
        }, List.of(QUERIES)});
        m.put("title search treats % and _ as wildcards", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            protected boolean matches(TaskFilter f, Task t) {
                if (f.titleContains().isEmpty()) {
                    return f.matches(t);
                }
                String regex = "(?s).*" + java.util.regex.Pattern.quote(f.titleContains().get().toLowerCase(Locale.ROOT))
                        .replace("%", "\\E.*\\Q").replace("_", "\\E.\\Q") + ".*";
                return f.toBuilder().titleContains(null).build().matches(t) && t.title().toLowerCase(Locale.ROOT).matches(regex);
            }
        }, List.of(QUERIES)});
        m.put("any-relationship criterion skips $note", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            protected boolean matches(TaskFilter f, Task t) {
                return f.matches(t.toBuilder().relationship(SystemRelationship.NOTE.relationshipName(), List.of()).build())
                        || f.relatedTo().isEmpty() && f.matches(t);
            }
        }, List.of(QUERIES)});
        m.put("tasks without due time first when descending", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            protected Comparator<Task> order(TaskSort sort) {
                if (sort.field() != SortField.DUE_AT || sort.direction() == SortDirection.ASC) {
                    return sort.comparator();
                }
                return Comparator.comparing((Task t) -> t.dueAt().orElse(null), Comparator.nullsFirst(Comparator.<Instant>reverseOrder()))
                        .thenComparing(Task::id, Comparator.reverseOrder());
            }
        }, List.of(QUERIES, STATEFUL)});
        m.put("ties always by ascending id", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            protected Comparator<Task> order(TaskSort sort) {
                return (a, b) -> {
                    int c = sort.comparator().compare(a, b);
                    return sort.valueOf(a).equals(sort.valueOf(b)) ? a.id().compareTo(b.id()) : c;
                };
            }
        }, List.of(QUERIES, STATEFUL)});
        m.put("pages start at their position, not after it", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            protected boolean isAfter(TaskSort sort, Task task, SortPosition position) {
                return sort.compare(SortPosition.of(task, sort), position) >= 0;
            }
        }, List.of(QUERIES, STATEFUL)});
        m.put("positions compare values only", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            protected boolean isAfter(TaskSort sort, Task task, SortPosition position) {
                // Keyset on the value alone: tasks tied with the position's value are lost.
                dev.tasks.core.TaskId same = position.id();
                return sort.compare(new SortPosition(sort.valueOf(task), same), new SortPosition(position.value(), same)) > 0;
            }
        }, List.of(QUERIES, STATEFUL)});
        m.put("offset applied before the position", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            public synchronized List<Task> find(TenantId tenant, dev.tasks.core.store.PageRequest request) {
                List<Task> all = super.find(tenant, new dev.tasks.core.store.PageRequest(request.filter(), request.sort(), Optional.empty(), 0, 100_000));
                return all.stream().skip(request.offset())
                        .filter(t -> request.after().map(p -> request.sort().isAfter(t, p)).orElse(true))
                        .limit(request.limit()).toList();
            }
        }, List.of(QUERIES, STATEFUL)});
        // Concurrency
        m.put("compare-and-set not atomic", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            public boolean update(Task task, long expectedVersion, Optional<IdempotencyRecord> idempotency) {
                Optional<Task> current = get(task.tenantId(), task.id());
                if (current.isEmpty() || current.get().version() != expectedVersion) {
                    return false;
                }
                pause(); // widen the race window so that the contract sees it every run, not by luck
                synchronized (this) {
                    tasks.put(task.id(), task);
                }
                return true;
            }
        }, List.of(CONCURRENCY)});
        m.put("update from a previous state trusts the copy's version", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            public synchronized boolean update(Task previous, Task next, Optional<IdempotencyRecord> idempotency) {
                Task current = tasks.get(next.id());
                return current != null && update(next, current.version(), idempotency);
            }
            // Not CONCURRENCY: its racing threads meet this bug only when one thread's read and write
            // happen to straddle another's, which an in-memory store this fast rarely lets happen.
        }, List.of(CRUD, STATEFUL)});
        m.put("idempotency key checked outside the write", new Object[] {(Supplier<TaskStore>) () -> new SimpleTaskStore() {
            @Override
            public void insert(Task task, Optional<IdempotencyRecord> idempotency) {
                synchronized (this) {
                    idempotency.ifPresent(this::checkKey);
                }
                pause(); // widen the race window so that the contract sees it every run, not by luck
                synchronized (this) {
                    super.insert(task, Optional.empty());
                    idempotency.ifPresent(r -> records.put(key(r), r));
                }
            }
        }, List.of(CONCURRENCY)});
        List<Arguments> out = new ArrayList<>();
        m.forEach((name, v) -> out.add(Arguments.of(Named.of(name, v[0]), v[1])));
        return out.stream();
    }

    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Julian calendar fields read as Gregorian ones: what {@code java.sql.Timestamp} does before 1582. */
    static Instant throughJulianCalendar(Instant t) {
        GregorianCalendar cal = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
        cal.setTimeInMillis(t.toEpochMilli());
        int year = cal.get(Calendar.ERA) == GregorianCalendar.BC ? 1 - cal.get(Calendar.YEAR) : cal.get(Calendar.YEAR);
        LocalDateTime ldt = LocalDateTime.of(year, cal.get(Calendar.MONTH) + 1, cal.get(Calendar.DAY_OF_MONTH),
                cal.get(Calendar.HOUR_OF_DAY), cal.get(Calendar.MINUTE), cal.get(Calendar.SECOND), cal.get(Calendar.MILLISECOND) * 1_000_000);
        Instant back = ldt.toInstant(ZoneOffset.UTC);
        return back.isBefore(TaskGenerators.MIN_INSTANT) ? TaskGenerators.MIN_INSTANT.plusMillis(1) : back;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutants")
    void theContractCatchesTheMutant(Supplier<TaskStore> mutant, List<Class<?>> catchers) {
        String examples = System.getProperty("tasks.tck.examples");
        String shrinks = System.getProperty("QT_SHRINKS");
        String seed = System.getProperty("QT_SEED");
        System.setProperty("tasks.tck.examples", "100");
        // A mutant only has to be caught; shrinking its counterexample would only cost time.
        System.setProperty("QT_SHRINKS", "0");
        // A fixed seed makes each verdict of the property tests repeatable.
        System.setProperty("QT_SEED", "20251123");
        MutantContract.current = mutant;
        try {
            for (Class<?> part : catchers) {
                TestExecutionSummary summary = run(selectNestedClass(List.of(MutantContract.class), part));
                assertThat(summary.getTestsFoundCount()).as("tests found in %s", part.getSimpleName()).isPositive();
                assertThat(summary.getTotalFailureCount()).as("failures in %s", part.getSimpleName()).isPositive();
            }
        } finally {
            MutantContract.current = null;
            restore("tasks.tck.examples", examples);
            restore("QT_SHRINKS", shrinks);
            restore("QT_SEED", seed);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    private static TestExecutionSummary run(DiscoverySelector selector) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selector).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        return listener.getSummary();
    }
}
