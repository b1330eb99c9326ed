package dev.tasks.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasks.core.SortField;
import dev.tasks.core.SortPosition;
import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskSort;
import dev.tasks.store.jdbi.JdbiTaskStore.Part;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every list query shape the service makes (each filter of {@link PlanData#filters()}, under each sort,
 * first page and keyset page) is answered from an index: its plan never scans the tasks table (nor a side
 * table). Runs over {@link PlanData}'s 55,500 tasks in 12 tenants with the database's statistics up to date; the
 * planner is left free (no {@code enable_seqscan = off}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QueryPlanContract {

    /** The store, populated. */
    protected JdbiTaskStore store;
    private List<Task> tasks;

    /** A store on an empty database. */
    protected abstract JdbiTaskStore openEmptyStore();

    /** Brings the planner's statistics up to date. */
    protected abstract void analyze(Handle handle);

    /** The statement that explains a query. */
    protected abstract String explainPrefix();

    /**
     * The lines of a plan that read a table (or a whole index of it) in full: the scans this test forbids.
     *
     * @param plan the plan, one line per element
     * @return the offending lines; empty if every table is reached through an index condition
     */
    protected abstract List<String> fullScans(List<String> plan);

    /** Releases the store. */
    protected void closeStore() {
        store.close();
    }

    @BeforeAll
    void populate() {
        store = openEmptyStore();
        tasks = PlanData.populate(store);
        store.database().write(handle -> {
            PlanData.copyToOtherTenants(handle);
            analyze(handle);
            return null;
        });
    }

    @AfterAll
    void close() {
        closeStore();
    }

    @Test
    void everyListQueryShapeIsAnsweredFromAnIndex() {
        Map<String, List<String>> scans = new LinkedHashMap<>();
        StringBuilder report = new StringBuilder();
        int checked = 0;
        for (Map.Entry<String, TaskFilter> shape : PlanData.filters().entrySet()) {
            for (TaskSort sort : PlanData.sorts()) {
                for (Map.Entry<String, Optional<SortPosition>> page : pages(sort).entrySet()) {
                    for (Part part : parts(sort, page.getValue())) {
                        String name = shape.getKey() + " | " + sort.field() + " " + sort.direction() + " | " + page.getKey() + " | " + part;
                        Sql query = store.pageQuery(PlanData.TENANT, shape.getValue(), sort, page.getValue(), part, 0, 25);
                        List<String> plan = explain(query);
                        checked++;
                        report.append(name).append('\n');
                        plan.forEach(line -> report.append("    ").append(line).append('\n'));
                        List<String> bad = fullScans(plan);
                        if (!bad.isEmpty()) {
                            scans.put(name, plan);
                        }
                    }
                }
            }
        }
        System.out.println("Checked " + checked + " page queries on " + store.dialect() + ":\n" + report);
        assertThat(scans).as("page queries whose plan scans a table").isEmpty();
    }

    @Test
    void everyCountShapeIsAnsweredFromAnIndex() {
        Map<String, List<String>> scans = new LinkedHashMap<>();
        StringBuilder report = new StringBuilder();
        int checked = 0;
        for (Map.Entry<String, TaskFilter> shape : PlanData.filters().entrySet()) {
            Map<String, Sql> queries = new LinkedHashMap<>();
            queries.put(shape.getKey() + " | count", store.countQuery(PlanData.TENANT, shape.getValue()));
            for (TaskSort sort : PlanData.sorts()) {
                if (sort.field() == SortField.DUE_AT) {
                    // The count a deep offset needs to step from the tasks with a due time to those without.
                    for (Map.Entry<String, Optional<SortPosition>> page : pages(sort).entrySet()) {
                        if (page.getValue().isEmpty() || page.getValue().get().value().isPresent()) {
                            queries.put(shape.getKey() + " | count with due time | " + sort.direction() + " | " + page.getKey(),
                                    store.countQuery(PlanData.TENANT, shape.getValue(), sort, page.getValue(), Part.WITH_DUE));
                        }
                    }
                }
            }
            for (Map.Entry<String, Sql> query : queries.entrySet()) {
                List<String> plan = explain(query.getValue());
                checked++;
                report.append(query.getKey()).append('\n');
                plan.forEach(line -> report.append("    ").append(line).append('\n'));
                if (!fullScans(plan).isEmpty()) {
                    scans.put(query.getKey(), plan);
                }
            }
        }
        System.out.println("Checked " + checked + " count queries on " + store.dialect() + ":\n" + report);
        assertThat(scans).as("count queries whose plan scans a table").isEmpty();
    }

    /** The pages of a sort: the first, and one after the position of a task in the middle. */
    private Map<String, Optional<SortPosition>> pages(TaskSort sort) {
        Map<String, Optional<SortPosition>> pages = new LinkedHashMap<>();
        pages.put("first page", Optional.empty());
        List<Task> ordered = tasks.stream().sorted(sort.comparator()).toList();
        pages.put("keyset page", Optional.of(SortPosition.of(ordered.get(ordered.size() / 3), sort)));
        if (sort.field() == SortField.DUE_AT) {
            pages.put("keyset page among tasks without due time",
                    Optional.of(SortPosition.of(ordered.get(ordered.size() - 10), sort)));
        }
        return pages;
    }

    private static List<Part> parts(TaskSort sort, Optional<SortPosition> after) {
        if (sort.field() != SortField.DUE_AT) {
            return List.of(Part.ALL);
        }
        if (after.isPresent() && after.get().value().isEmpty()) {
            return List.of(Part.WITHOUT_DUE);
        }
        return List.of(Part.WITH_DUE, Part.WITHOUT_DUE);
    }

    private List<String> explain(Sql query) {
        return store.database().readOnce(handle -> {
            List<String> lines = new ArrayList<>();
            query.prefixed(explainPrefix()).query(handle).map((rs, ctx) -> {
                int columns = rs.getMetaData().getColumnCount();
                return rs.getString(columns); // SQLite: the detail column; PostgreSQL: the only column
            }).forEach(lines::add);
            return lines;
        });
    }
}
