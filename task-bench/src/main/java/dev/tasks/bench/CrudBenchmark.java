package dev.tasks.bench;

import dev.tasks.core.NewTask;
import dev.tasks.core.Task;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Single-task operations through {@code TaskService}, and the same SQL work in raw JDBC beside them
 * ({@code target} {@code sqlite-raw}, {@code postgres-raw}): create (title only; and with an assignee,
 * two metadata keys and the custom relationship {@code project}), get by id, update (a metadata patch),
 * status change, each on one thread; create and update on 8 threads at once; bulk create of 100 tasks.
 *
 * <p>Every trial writes to its own copy of the {@code 10k} data set (a copied SQLite file, a PostgreSQL
 * database made from the data set's as a template, a memory store built anew), so writes start from the
 * same 10 thousand tasks and never touch the data the list benchmarks read. Gets and updates walk the
 * queried tenant's tasks that are not in the trash, in order; 8-thread updates give each thread its own
 * share of them, so that threads do not fight over one row (contention is not what is measured).
 *
 * <p>Scores are operations per second (for the bulk create, tasks per second); the median of the
 * iterations is what {@code BENCHMARKS.md} quotes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx6g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CrudBenchmark {

    /** Tasks per bulk create. */
    public static final int BATCH = 100;

    /** The library on a store, or the raw baseline: see {@code Target}. */
    @Param({"memory", "sqlite", "sqlite-raw", "postgres", "postgres-raw"})
    public String target;

    private Fixture fixture;
    private Ops ops;
    private final List<TaskId> ids = new ArrayList<>();
    private final List<TaskStatus> initialStatuses = new ArrayList<>();
    private NewTask titleOnly;
    private NewTask full;
    private List<NewTask> batch;

    /** Whether the target is the memory store, which keeps every task it is given: see {@link #boundMemory()}. */
    private boolean memory;

    /**
     * Opens the target on a fresh copy of the {@code 10k} data set.
     *
     * @throws Exception if the data cannot be built or opened
     */
    @Setup(Level.Trial)
    public void open() throws Exception {
        DataSet dataSet = DataSet.of("10k");
        Target t = Target.of(target);
        memory = t.backend() == Target.Backend.MEMORY;
        fixture = Fixture.forWriting(t, dataSet);
        ops = Ops.of(fixture);
        TaskGenerator generator = new TaskGenerator(dataSet);
        for (int k = 0; k < dataSet.tasksPerTenant(); k++) {
            Task task = generator.task(0, k);
            if (!task.isTrashed()) {
                ids.add(task.id());
                initialStatuses.add(task.status());
            }
        }
        titleOnly = NewTask.titled("Call the customer back");
        full = fullRequest(0);
        batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            batch.add(fullRequest(i));
        }
        if (JvmWarmUp.due("crud")) {
            warmUp(t, dataSet);
        }
    }

    /** Every call of the benchmarks, on a copy of the data of its own, so that the trials' data stays as built. */
    private void warmUp(Target t, DataSet dataSet) throws Exception {
        Fixture scratch = Fixture.forWriting(t, dataSet);
        try {
            Ops o = Ops.of(scratch);
            int[] next = {0};
            java.util.function.IntSupplier index = () -> next[0] = (next[0] + 1) % ids.size();
            JvmWarmUp.run("crud", List.of(
                    () -> o.create(titleOnly),
                    () -> o.create(full),
                    () -> o.get(ids.get(index.getAsInt())),
                    () -> o.putMetadata(ids.get(index.getAsInt()), "note", Integer.toString(next[0])),
                    () -> o.changeStatus(ids.get(index.getAsInt()), next[0] % 2 == 0 ? TaskStatus.OPEN : TaskStatus.IN_PROGRESS),
                    () -> o.createAll(batch)));
        } finally {
            scratch.close();
            System.gc(); // the scratch copy (on the memory target, every task it created) is garbage now
        }
    }

    /** A create with an assignee, two metadata keys and a custom relationship. */
    static NewTask fullRequest(int i) {
        return NewTask.builder("Inspect unit " + i)
                .assignee(TaskGenerator.assignee(i % 10))
                .metadata("region", "north")
                .metadata("batch", TaskGenerator.batch(i % 25))
                .relationship(TaskGenerator.PROJECT, List.of(TaskGenerator.project(i % 20)))
                .build();
    }

    /**
     * The memory store keeps every task created: past 300 thousand (a few GB), it starts again from the
     * data set between iterations, so that a fast create does not run the heap out.
     *
     * @throws Exception if the data cannot be rebuilt
     */
    @Setup(Level.Iteration)
    public void boundMemory() throws Exception {
        if (memory) {
            Runtime runtime = Runtime.getRuntime();
            if (runtime.totalMemory() - runtime.freeMemory() > 3L << 30) {
                fixture.close();
                fixture = Fixture.forWriting(Target.MEMORY, DataSet.of("10k"));
                ops = Ops.of(fixture);
            }
        }
    }

    /** Closes the target and deletes its copy of the data. */
    @TearDown(Level.Trial)
    public void close() {
        fixture.close();
    }

    /** Each thread's share of the tasks to read and change, and where it is in it. */
    @State(Scope.Thread)
    public static class Share {
        private List<TaskId> ids;
        private TaskStatus[] statuses;
        private int next;
        private long counter;

        /**
         * Takes the thread's share: thread {@code i} of {@code n} gets every task whose position modulo
         * {@code n} is {@code i}.
         *
         * @param bench the benchmark's shared state
         * @param params the run's parameters (for the thread count and this thread's index)
         * @param thread which thread this is
         */
        @Setup(Level.Trial)
        public void take(CrudBenchmark bench, BenchmarkParams params, ThreadIndex thread) {
            int n = params.getThreads();
            int index = thread.index;
            ids = new ArrayList<>();
            List<TaskStatus> s = new ArrayList<>();
            for (int i = index; i < bench.ids.size(); i += n) {
                ids.add(bench.ids.get(i));
                s.add(bench.initialStatuses.get(i));
            }
            statuses = s.toArray(new TaskStatus[0]);
        }

        int nextIndex() {
            int i = next;
            next = i + 1 == ids.size() ? 0 : i + 1;
            return i;
        }
    }

    /** Numbers the threads of a trial, 0 to n - 1. */
    @State(Scope.Thread)
    public static class ThreadIndex {
        private int index;

        /**
         * Takes the next number.
         *
         * @param counter the trial's counter
         */
        @Setup(Level.Trial)
        public void number(ThreadCounter counter) {
            index = counter.next();
        }
    }

    /** The trial's thread counter. */
    @State(Scope.Benchmark)
    public static class ThreadCounter {
        private int next;

        synchronized int next() {
            return next++;
        }
    }

    /**
     * Creates a task with a title only (the service adds {@code $createdBy}: one task row and one
     * relationship row).
     *
     * @return the new task (or its id, raw)
     * @throws Exception if the store fails
     */
    @Benchmark
    public Object createTitle() throws Exception {
        return ops.create(titleOnly);
    }

    /**
     * Creates a task with an assignee, two metadata keys and a custom relationship (one task row, three
     * relationship rows, two metadata rows).
     *
     * @return the new task (or its id, raw)
     * @throws Exception if the store fails
     */
    @Benchmark
    public Object createFull() throws Exception {
        return ops.create(full);
    }

    /**
     * Reads a task by id, with its relationships and metadata.
     *
     * @param share this thread's tasks
     * @return the task
     * @throws Exception if the store fails
     */
    @Benchmark
    public Object get(Share share) throws Exception {
        return ops.get(share.ids.get(share.nextIndex()));
    }

    /**
     * Sets one metadata key to a new value (every call changes the task).
     *
     * @param share this thread's tasks
     * @return the changed task
     * @throws Exception if the store fails
     */
    @Benchmark
    public Object update(Share share) throws Exception {
        return ops.putMetadata(share.ids.get(share.nextIndex()), "note", Long.toString(share.counter++));
    }

    /**
     * Changes a task's status: OPEN to IN_PROGRESS, anything else to OPEN (every call changes the task).
     *
     * @param share this thread's tasks
     * @return the changed task
     * @throws Exception if the store fails
     */
    @Benchmark
    public Object changeStatus(Share share) throws Exception {
        int i = share.nextIndex();
        TaskStatus next = share.statuses[i] == TaskStatus.OPEN ? TaskStatus.IN_PROGRESS : TaskStatus.OPEN;
        Object changed = ops.changeStatus(share.ids.get(i), next);
        share.statuses[i] = next;
        return changed;
    }

    /**
     * {@link #createTitle()} on 8 threads at once. On SQLite, the issue compares this (the library)
     * with one thread of the raw single-row commit ({@code createTitle}, {@code sqlite-raw}).
     *
     * @return the new task (or its id, raw)
     * @throws Exception if the store fails
     */
    @Benchmark
    @Threads(8)
    public Object createTitle8Threads() throws Exception {
        return ops.create(titleOnly);
    }

    /**
     * {@link #update(Share)} on 8 threads at once, each on its own share of the tasks.
     *
     * @param share this thread's tasks
     * @return the changed task
     * @throws Exception if the store fails
     */
    @Benchmark
    @Threads(8)
    public Object update8Threads(Share share) throws Exception {
        return ops.putMetadata(share.ids.get(share.nextIndex()), "note", Long.toString(share.counter++));
    }

    /**
     * Creates {@value #BATCH} tasks (each as {@link #createFull()}) in one call: the service's bulk create,
     * or the raw batched insert of the same rows. The score counts tasks.
     *
     * @return what the call returns
     * @throws Exception if the store fails
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Object createAll100() throws Exception {
        return ops.createAll(batch);
    }
}
