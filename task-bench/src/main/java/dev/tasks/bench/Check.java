package dev.tasks.bench;

import dev.tasks.api.TaskPage;
import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskQuery;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that the raw baseline answers exactly what the library answers on the same data: every list
 * shape's first and deep page (the same tasks, field by field, in the same order), every count, and
 * gets. A baseline that answered something else would not be a baseline.
 */
final class Check {

    private Check() {
    }

    /**
     * Compares the library and the raw baseline on one database.
     *
     * @return the differences found, empty if none
     */
    static List<String> compare(Target library, Target raw, DataSet dataSet) throws Exception {
        List<String> problems = new ArrayList<>();
        TaskGenerator generator = new TaskGenerator(dataSet);
        try (Fixture lib = Fixture.forReading(library, dataSet); Fixture base = Fixture.forReading(raw, dataSet)) {
            for (Shape shape : Shape.values()) {
                TaskFilter filter = shape.filter(generator);
                RawQuery query = RawQuery.of(base.raw.kind(), shape, generator);
                long count = lib.service.count(Fixture.ACTOR, filter);
                long rawCount = base.raw.count(query);
                if (count != rawCount) {
                    problems.add(shape + " count: library " + count + ", raw " + rawCount);
                }
                if (count == 0) {
                    problems.add(shape + " selects nothing on " + dataSet.name() + ": the benchmark would measure an empty list");
                }
                TaskQuery first = TaskQuery.builder().filter(filter).sort(shape.sort()).limit(Shape.PAGE).build();
                compare(problems, shape + " first page", lib.service.list(Fixture.ACTOR, first),
                        base.raw.list(query, null, Shape.PAGE + 1));
                int offset = ListBenchmark.deepOffset(count);
                TaskPage one = lib.service.list(Fixture.ACTOR, TaskQuery.builder().filter(filter).sort(shape.sort()).limit(1)
                        .offset(offset).build());
                if (one.nextCursor().isPresent()) {
                    compare(problems, shape + " deep page", lib.service.list(Fixture.ACTOR, first.after(one.nextCursor().get())),
                            base.raw.list(query, base.raw.positionAt(query, offset), Shape.PAGE + 1));
                }
            }
            for (int k = 0; k < dataSet.tasksPerTenant(); k += Math.max(1, dataSet.tasksPerTenant() / 50)) {
                Task expected = generator.task(0, k);
                Task viaLibrary = lib.service.get(Fixture.ACTOR, expected.id());
                Task viaRaw = base.raw.get(TaskGenerator.QUERIED_TENANT, expected.id()).orElse(null);
                if (!expected.equals(viaLibrary) || !expected.equals(viaRaw)) {
                    problems.add("get " + expected.id() + ": generated " + expected + ", library " + viaLibrary + ", raw " + viaRaw);
                }
            }
        }
        return problems;
    }

    private static void compare(List<String> problems, String what, TaskPage page, List<Task> raw) {
        List<Task> rawPage = raw.subList(0, Math.min(Shape.PAGE, raw.size()));
        if (!page.tasks().equals(rawPage)) {
            problems.add(what + ": library " + ids(page.tasks()) + ", raw " + ids(rawPage));
        }
        if (page.nextCursor().isPresent() != raw.size() > Shape.PAGE) {
            problems.add(what + ": library " + (page.nextCursor().isPresent() ? "has" : "has no") + " next page, raw disagrees");
        }
        if (what.endsWith("first page") && page.tasks().size() < 2 && !what.startsWith("EXTERNAL_ID")) {
            problems.add(what + " holds " + page.tasks().size() + " tasks: too few to measure a page");
        }
    }

    private static List<String> ids(List<Task> tasks) {
        return tasks.stream().map(t -> t.id().value()).toList();
    }
}
