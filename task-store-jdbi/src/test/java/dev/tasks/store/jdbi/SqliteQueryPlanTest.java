package dev.tasks.store.jdbi;

import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Query plans on SQLite: no {@code SCAN}. The statistics are those the store keeps up to date itself
 * ({@code PRAGMA optimize} every {@value Database#OPTIMIZE_EVERY} writes); the test runs no ANALYZE.
 */
class SqliteQueryPlanTest extends QueryPlanContract {

    private static final Path DIRECTORY = TestFiles.temporaryDirectory("sqlite-plans");

    @Override
    protected JdbiTaskStore openEmptyStore() {
        return JdbiTaskStore.sqlite(DIRECTORY.resolve(getClass().getSimpleName() + ".db"));
    }

    @Override
    protected void analyze(Handle handle) {
        // the store's own PRAGMA optimize
    }

    @Override
    protected String explainPrefix() {
        return "EXPLAIN QUERY PLAN ";
    }

    /**
     * SQLite says {@code SCAN t} when it reads a table in full, and {@code SCAN t USING INDEX i} when it
     * reads a whole index; both are refused here (stricter than refusing the first only). Every access
     * must be a {@code SEARCH} (an index range or lookup).
     */
    @Override
    protected List<String> fullScans(List<String> plan) {
        return plan.stream().filter(line -> line.trim().startsWith("SCAN ")).toList();
    }
}
