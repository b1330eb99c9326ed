package dev.tasks.store.jdbi;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;

/** Query plans on PostgreSQL: no {@code Seq Scan} of a table, with fresh statistics and the planner left free. */
class PostgresQueryPlanTest extends QueryPlanContract {

    @Override
    protected JdbiTaskStore openEmptyStore() {
        DataSource database = EmbeddedPostgresSupport.database("plans");
        JdbiTaskStore store = JdbiTaskStore.create(database);
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE tasks, task_relationships, task_metadata, task_idempotency_records CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return store;
    }

    @Override
    protected void analyze(Handle handle) {
        handle.execute("ANALYZE tasks");
        handle.execute("ANALYZE task_relationships");
        handle.execute("ANALYZE task_metadata");
    }

    @Override
    protected String explainPrefix() {
        return "EXPLAIN ";
    }

    /**
     * Refuses a {@code Seq Scan}, and also an {@code Index Scan} or {@code Index Only Scan} without an
     * {@code Index Cond} (a walk over a whole index, e.g. the primary key in id order, filtering the
     * tenant: as costly as a table scan).
     */
    @Override
    protected List<String> fullScans(List<String> plan) {
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            String line = plan.get(i);
            if (line.contains("Seq Scan on")) {
                bad.add(line);
            } else if (line.contains("Index Scan using") || line.contains("Index Only Scan using")) {
                boolean hasCondition = false;
                for (int j = i + 1; j < plan.size() && !plan.get(j).contains("->"); j++) {
                    hasCondition |= plan.get(j).contains("Index Cond:");
                }
                if (!hasCondition) {
                    bad.add(line);
                }
            }
        }
        return bad;
    }
}
