package dev.tasks.store.jdbi;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * What differs between SQLite and PostgreSQL: how instants are stored, how titles are searched, how
 * metadata values are matched through their index, and how the database names a broken uniqueness rule.
 * Everything else is the same SQL.
 */
abstract class SqlDialect {

    /** The constraint and index names of the schema, as the migration scripts create them. */
    static final String TASKS_PK = "tasks_pk";
    static final String TASKS_EXTERNAL_ID = "tasks_tenant_external_id";
    static final String IDEMPOTENCY_PK = "task_idempotency_records_pk";

    static final SqlDialect SQLITE = new Sqlite();
    static final SqlDialect POSTGRESQL = new Postgresql();

    static SqlDialect of(Dialect dialect) {
        return dialect == Dialect.SQLITE ? SQLITE : POSTGRESQL;
    }

    abstract Dialect dialect();

    /** Binds an instant (or NULL) as the schema stores it. */
    abstract void bindInstant(PreparedStatement statement, int position, Instant value) throws SQLException;

    /** Reads an instant column; null for SQL NULL. */
    abstract Instant readInstant(ResultSet rs, String column) throws SQLException;

    /** Reads an instant column by position; null for SQL NULL. */
    abstract Instant readInstant(ResultSet rs, int column) throws SQLException;

    /** Appends a condition: the title of {@code tasks} contains {@code part}, ignoring the case of ASCII letters only. */
    abstract void titleContains(Sql sql, String part);

    /** Appends a condition: the metadata row {@code m} holds {@code value} (its key is matched by the caller). */
    abstract void metadataValueEquals(Sql sql, String value);

    /** Tells which uniqueness rule a driver error reports, if any. */
    abstract Clash clashOf(SQLException e);

    /** Lowers ASCII letters only, as {@link dev.tasks.core.TaskFilter#containsIgnoringAsciiCase} compares. */
    static String asciiLower(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (b == null) {
                    b = new StringBuilder(s);
                }
                b.setCharAt(i, (char) (c + ('a' - 'A')));
            }
        }
        return b == null ? s : b.toString();
    }

    /** SQLite: instants as epoch milliseconds (INTEGER); LIKE is ASCII-case-insensitive. */
    private static final class Sqlite extends SqlDialect {

        @Override
        Dialect dialect() {
            return Dialect.SQLITE;
        }

        @Override
        void bindInstant(PreparedStatement statement, int position, Instant value) throws SQLException {
            if (value == null) {
                statement.setNull(position, Types.BIGINT);
            } else {
                statement.setLong(position, value.toEpochMilli());
            }
        }

        @Override
        Instant readInstant(ResultSet rs, String column) throws SQLException {
            long millis = rs.getLong(column);
            return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
        }

        @Override
        Instant readInstant(ResultSet rs, int column) throws SQLException {
            long millis = rs.getLong(column);
            return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
        }

        @Override
        void titleContains(Sql sql, String part) {
            // SQLite's LIKE folds the case of ASCII letters only (and compares everything else
            // exactly); its wildcards and the escape character itself are escaped in the value.
            StringBuilder pattern = new StringBuilder(part.length() + 8).append('%');
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (c == '%' || c == '_' || c == '\\') {
                    pattern.append('\\');
                }
                pattern.append(c);
            }
            pattern.append('%');
            sql.sql("tasks.title LIKE ").string(pattern.toString()).sql(" ESCAPE '\\'");
        }

        @Override
        void metadataValueEquals(Sql sql, String value) {
            sql.sql("m.value = ").string(value);
        }

        @Override
        Clash clashOf(SQLException e) {
            if (e.getErrorCode() != 19 && (e.getMessage() == null || !e.getMessage().contains("SQLITE_CONSTRAINT"))) {
                return Clash.NONE; // 19 is SQLITE_CONSTRAINT
            }
            String message = e.getMessage() == null ? "" : e.getMessage();
            int at = message.lastIndexOf("constraint failed: ");
            if (at < 0) {
                return Clash.NONE;
            }
            String columns = message.substring(at + "constraint failed: ".length());
            int end = columns.indexOf(')');
            if (end >= 0) {
                columns = columns.substring(0, end);
            }
            columns = columns.trim();
            if (columns.equals("tasks.id") || columns.equals("index '" + TASKS_PK + "'")) {
                return Clash.TASK_ID;
            }
            if (columns.equals("tasks.tenant_id, tasks.external_id") || columns.equals("index '" + TASKS_EXTERNAL_ID + "'")) {
                return Clash.EXTERNAL_ID;
            }
            if (columns.startsWith("task_idempotency_records.") || columns.equals("index '" + IDEMPOTENCY_PK + "'")) {
                return Clash.IDEMPOTENCY_KEY;
            }
            return Clash.NONE;
        }
    }

    /** PostgreSQL: instants as {@code timestamptz}, bound as {@link OffsetDateTime} at UTC. */
    private static final class Postgresql extends SqlDialect {

        private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

        @Override
        Dialect dialect() {
            return Dialect.POSTGRESQL;
        }

        @Override
        void bindInstant(PreparedStatement statement, int position, Instant value) throws SQLException {
            // Never java.sql.Timestamp: it uses the Julian calendar before 1582 and drifts.
            if (value == null) {
                statement.setNull(position, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                statement.setObject(position, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
            }
        }

        @Override
        Instant readInstant(ResultSet rs, String column) throws SQLException {
            OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }

        @Override
        Instant readInstant(ResultSet rs, int column) throws SQLException {
            OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }

        @Override
        void titleContains(Sql sql, String part) {
            // translate() lowers ASCII letters only, whatever the database's locale; strpos() finds
            // an exact substring, so nothing in the value is a wildcard.
            sql.sql("strpos(translate(tasks.title, '" + UPPER + "', '" + UPPER.toLowerCase(Locale.ROOT) + "'), ")
                    .string(asciiLower(part)).sql(") > 0");
        }

        @Override
        void metadataValueEquals(Sql sql, String value) {
            // The index holds md5(value): values of up to 500 characters may not fit a btree entry.
            sql.sql("md5(m.value) = md5(").string(value).sql(") AND m.value = ").string(value);
        }

        @Override
        Clash clashOf(SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                return Clash.NONE;
            }
            String constraint = PostgresErrors.constraintName(e);
            if (constraint == null) {
                // Without the driver's details, the message still quotes the constraint's name.
                String message = e.getMessage() == null ? "" : e.getMessage();
                for (String name : new String[] {TASKS_PK, TASKS_EXTERNAL_ID, IDEMPOTENCY_PK}) {
                    if (message.contains("\"" + name + "\"")) {
                        constraint = name;
                    }
                }
            }
            if (TASKS_PK.equals(constraint)) {
                return Clash.TASK_ID;
            }
            if (TASKS_EXTERNAL_ID.equals(constraint)) {
                return Clash.EXTERNAL_ID;
            }
            if (IDEMPOTENCY_PK.equals(constraint)) {
                return Clash.IDEMPOTENCY_KEY;
            }
            return Clash.NONE;
        }
    }
}
