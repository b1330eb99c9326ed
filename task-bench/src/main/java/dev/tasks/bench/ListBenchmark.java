package dev.tasks.bench;

import dev.tasks.api.TaskPage;
import dev.tasks.api.TaskService;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lists and counts through {@code TaskService}, and the same SQL in raw JDBC beside them: every list
 * shape ({@link Shape}) on every data set ({@link DataSet}: 10 thousand, 100 thousand and a million
 * tasks in one tenant, a million over 100 tenants), a first page and a deep cursor page of
 * {@value Shape#PAGE}, and the count.
 *
 * <p>The deep page starts after the task in the middle of the shape's selection (at most 100,000 deep,
 * the service's offset limit): its cursor is taken once, in set-up, from a one-task page at that
 * offset, and the benchmark then reads the page after it, as a client following cursors does.
 *
 * <p>Scores are sampled times per call, in microseconds; {@code BENCHMARKS.md} quotes their median.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx6g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ListBenchmark {

    /** The library on a store, or the raw baseline: see {@code Target}. */
    @Param({"memory", "sqlite", "sqlite-raw", "postgres", "postgres-raw"})
    public String target;

    /** The data set: see {@link DataSet}. */
    @Param({"10k", "100k", "1m", "1m-100t"})
    public String dataset;

    /** The filter: see {@link Shape}. */
    @Param({"ALL", "STATUSES", "ASSIGNEE", "RELATIONSHIP", "DUE_RANGE", "CREATED_RANGE", "UPDATED_RANGE", "EXTERNAL_ID",
        "METADATA", "TRASHED", "TITLE_CONTAINS"})
    public String shape;

    /** The targets opened in this JVM, by target and data set. */
    private static final java.util.Map<String, Fixture> FIXTURES = new java.util.concurrent.ConcurrentHashMap<>();

    private Fixture fixture;
    private Callable<Object> firstPage;
    private Callable<Object> deepPage;
    private Callable<Object> count;

    /**
     * Opens the target on the data set (built on first use) and prepares the three calls.
     *
     * @throws Exception if the data cannot be built or opened
     */
    @Setup(Level.Trial)
    public void open() throws Exception {
        DataSet dataSet = DataSet.of(dataset);
        Shape s = Shape.valueOf(shape);
        TaskGenerator generator = new TaskGenerator(dataSet);
        fixture = FIXTURES.computeIfAbsent(target + " " + dataset, k -> {
            try {
                return Fixture.forReading(Target.of(target), dataSet);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        if (JvmWarmUp.due("lists")) {
            List<Callable<?>> all = new ArrayList<>();
            for (Shape each : Shape.values()) {
                Calls calls = calls(fixture, each, generator);
                all.addAll(List.of(calls.firstPage, calls.deepPage, calls.count));
            }
            JvmWarmUp.run("lists", all);
        }
        Calls calls = calls(fixture, s, generator);
        firstPage = calls.firstPage;
        deepPage = calls.deepPage;
        count = calls.count;
    }

    private static Calls calls(Fixture fixture, Shape shape, TaskGenerator generator) throws Exception {
        return fixture.raw != null ? Calls.raw(fixture.raw, shape, generator) : Calls.library(fixture.service, shape, generator);
    }

    /**
     * Keeps the target open for the next benchmark of this JVM: the data sets are only read, and a JVM
     * that runs several shapes and calls in turn ({@code Bench}'s profiles) opens each one once (the
     * memory store at a million tasks takes seconds to build). Closed when the JVM exits.
     */
    @TearDown(Level.Trial)
    public void close() {
        // kept open: see FIXTURES
    }

    /** The three calls of a shape on a target, prepared. */
    record Calls(Callable<Object> firstPage, Callable<Object> deepPage, Callable<Object> count, long matches) {

        static Calls library(TaskService service, Shape shape, TaskGenerator generator) {
            TaskFilter filter = shape.filter(generator);
            TaskQuery first = TaskQuery.builder().filter(filter).sort(shape.sort()).limit(Shape.PAGE).build();
            long matches = service.count(Fixture.ACTOR, filter);
            TaskPage one = service.list(Fixture.ACTOR, TaskQuery.builder().filter(filter).sort(shape.sort()).limit(1)
                    .offset(deepOffset(matches)).build());
            TaskQuery deep = one.nextCursor().map(first::after).orElse(first);
            return new Calls(() -> service.list(Fixture.ACTOR, first), () -> service.list(Fixture.ACTOR, deep),
                    () -> service.count(Fixture.ACTOR, filter), matches);
        }

        static Calls raw(RawTaskDao dao, Shape shape, TaskGenerator generator) throws Exception {
            RawQuery query = RawQuery.of(dao.kind(), shape, generator);
            long matches = dao.count(query);
            int offset = deepOffset(matches);
            RawQuery.Position position = offset + 1 < matches ? dao.positionAt(query, offset) : null;
            int limit = Shape.PAGE + 1; // as the service asks its store: one more tells whether a next page exists
            return new Calls(() -> dao.list(query, null, limit), () -> dao.list(query, position, limit),
                    () -> dao.count(query), matches);
        }
    }

    /** The offset of the task a deep page starts after: the middle of the selection, at most 100,000. */
    static int deepOffset(long matches) {
        return (int) Math.min(matches / 2, TaskQuery.MAX_OFFSET);
    }

    /**
     * The first page of the shape.
     *
     * @return the page
     * @throws Exception if the store fails
     */
    @Benchmark
    public Object firstPage() throws Exception {
        return firstPage.call();
    }

    /**
     * The page after the middle of the shape's selection, by cursor.
     *
     * @return the page
     * @throws Exception if the store fails
     */
    @Benchmark
    public Object deepPage() throws Exception {
        return deepPage.call();
    }

    /**
     * The count of the shape's selection.
     *
     * @return the count
     * @throws Exception if the store fails
     */
    @Benchmark
    public Object count() throws Exception {
        return count.call();
    }
}
