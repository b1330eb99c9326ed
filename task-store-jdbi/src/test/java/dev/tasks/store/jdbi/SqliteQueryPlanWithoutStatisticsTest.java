package dev.tasks.store.jdbi;

import org.jdbi.v3.core.Handle;

/**
 * Query plans on SQLite without statistics (as before the store's first {@code PRAGMA optimize}: SQLite's
 * planner then goes by the indexes' shapes alone): still no scan.
 */
class SqliteQueryPlanWithoutStatisticsTest extends SqliteQueryPlanTest {

    @Override
    protected void analyze(Handle handle) {
        handle.execute("DELETE FROM sqlite_stat1");
        handle.execute("ANALYZE sqlite_schema"); // reloads the (now missing) statistics
    }
}
