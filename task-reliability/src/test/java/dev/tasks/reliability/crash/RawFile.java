package dev.tasks.reliability.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasks.core.Task;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The database file as the kill left it, read with plain JDBC, around the store: SQLite's own checks, and
 * every row of the task tables, to compare with what the store answers.
 *
 * <p>Why around the store: a task the store reads back whole proves that its rows are there, but not that
 * no row is left over (side rows of a task that is gone, a relationship position skipped, a denormalized
 * column out of step): only the tables themselves show that.
 */
final class RawFile {

    /** A row of {@code tasks}: the columns that are not already in the store's answer under their own name. */
    record TaskRow(String tenantId, String assignee) {
    }

    final Map<String, TaskRow> tasks = new TreeMap<>();
    final Map<String, Map<String, String>> metadata = new HashMap<>();
    final Map<String, Map<String, List<String>>> relationships = new HashMap<>();
    /** {@code operation/key} to the task id of each idempotency record. */
    final Map<String, String> idempotencyRecords = new HashMap<>();
    int sideRows;

    private RawFile() {
    }

    /**
     * Opens the file as the next application would (which also recovers the WAL after the kill), checks it
     * and reads it.
     *
     * @throws AssertionError if {@code integrity_check} is not {@code ok}, a foreign key is broken, the file
     *     is no longer in WAL mode, or side rows have no task, another tenant than their task, or a gap in
     *     their positions
     */
    static RawFile read(Path file, int round) throws SQLException {
        RawFile raw = new RawFile();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
             Statement s = c.createStatement()) {
            assertThat(column(s, "PRAGMA integrity_check")).as("round %d: PRAGMA integrity_check", round).containsExactly("ok");
            assertThat(column(s, "PRAGMA foreign_key_check")).as("round %d: PRAGMA foreign_key_check", round).isEmpty();
            assertThat(column(s, "PRAGMA journal_mode")).as("round %d: the journal mode the file keeps", round).containsExactly("wal");
            for (String table : new String[] {"task_relationships", "task_metadata"}) {
                assertThat(column(s, "SELECT x.task_id FROM " + table + " x WHERE NOT EXISTS (SELECT 1 FROM tasks t WHERE t.id = x.task_id)"))
                        .as("round %d: rows of %s without their task", round, table).isEmpty();
                assertThat(column(s, "SELECT x.task_id FROM " + table + " x JOIN tasks t ON t.id = x.task_id WHERE t.tenant_id <> x.tenant_id"))
                        .as("round %d: rows of %s in another tenant than their task", round, table).isEmpty();
            }
            try (ResultSet r = s.executeQuery("SELECT id, tenant_id, assignee FROM tasks")) {
                while (r.next()) {
                    raw.tasks.put(r.getString(1), new TaskRow(r.getString(2), r.getString(3)));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT task_id, key, value FROM task_metadata")) {
                while (r.next()) {
                    raw.metadata.computeIfAbsent(r.getString(1), k -> new TreeMap<>()).put(r.getString(2), r.getString(3));
                    raw.sideRows++;
                }
            }
            try (ResultSet r = s.executeQuery("SELECT task_id, name, position, entity_id FROM task_relationships ORDER BY task_id, name, position")) {
                while (r.next()) {
                    List<String> ids = raw.relationships.computeIfAbsent(r.getString(1), k -> new TreeMap<>())
                            .computeIfAbsent(r.getString(2), k -> new ArrayList<>());
                    assertThat(r.getInt(3)).as("round %d: the position of %s's %s id %s (positions run from 0 without gaps)",
                            round, r.getString(1), r.getString(2), r.getString(4)).isEqualTo(ids.size());
                    ids.add(r.getString(4));
                    raw.sideRows++;
                }
            }
            try (ResultSet r = s.executeQuery("SELECT operation, key_value, task_id FROM task_idempotency_records")) {
                while (r.next()) {
                    raw.idempotencyRecords.put(r.getString(1) + "/" + r.getString(2), r.getString(3));
                }
            }
        }
        return raw;
    }

    /** Checks that the task's rows in the tables are exactly the task the store answered: no row more, none less. */
    void assertRowsOf(Task task, int round) {
        String id = task.id().value();
        TaskRow row = tasks.get(id);
        assertThat(row).as("round %d: the row of %s", round, id).isNotNull();
        assertThat(row.tenantId()).as("round %d: the tenant of %s", round, id).isEqualTo(task.tenantId().value());
        assertThat(row.assignee()).as("round %d: the denormalized assignee of %s", round, id).isEqualTo(task.assignee().orElse(null));
        assertThat(metadata.getOrDefault(id, Map.of())).as("round %d: the metadata rows of %s", round, id).isEqualTo(task.metadata());
        assertThat(relationships.getOrDefault(id, Map.of())).as("round %d: the relationship rows of %s", round, id)
                .isEqualTo(task.relationships());
    }

    private static List<String> column(Statement s, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                values.add(r.getString(1));
            }
        }
        return values;
    }
}
