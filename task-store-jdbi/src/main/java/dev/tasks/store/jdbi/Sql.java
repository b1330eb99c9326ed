package dev.tasks.store.jdbi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.Update;

/**
 * A SQL statement being built: its text and its bound arguments, in order. Every value goes in as a
 * {@code ?} placeholder and a bound argument; only the store's own constants become text.
 */
final class Sql {

    private final SqlDialect dialect;
    private final StringBuilder text = new StringBuilder(256);
    private final List<Argument> arguments = new ArrayList<>();

    Sql(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** Appends SQL text: only the store's constants, never a value. */
    Sql sql(String constant) {
        text.append(constant);
        return this;
    }

    /** Appends a placeholder for a string (null binds SQL NULL). */
    Sql string(String value) {
        text.append('?');
        arguments.add(value == null
                ? (position, statement, ctx) -> statement.setNull(position, Types.VARCHAR)
                : (position, statement, ctx) -> statement.setString(position, value));
        return this;
    }

    /** Appends a placeholder for a number. */
    Sql number(long value) {
        text.append('?');
        arguments.add((position, statement, ctx) -> statement.setLong(position, value));
        return this;
    }

    /** Appends a placeholder for an instant (null binds SQL NULL), in the dialect's representation. */
    Sql instant(Instant value) {
        text.append('?');
        arguments.add((position, statement, ctx) -> dialect.bindInstant(statement, position, value));
        return this;
    }

    /** Appends {@code (?, ?, …)} with one string placeholder per value. */
    Sql strings(Collection<String> values) {
        text.append('(');
        boolean first = true;
        for (String value : values) {
            if (!first) {
                text.append(", ");
            }
            string(value);
            first = false;
        }
        text.append(')');
        return this;
    }

    /** The same statement with constant text in front, e.g. {@code EXPLAIN}: for the plan tests. */
    Sql prefixed(String constant) {
        Sql copy = new Sql(dialect);
        copy.text.append(constant).append(text);
        copy.arguments.addAll(arguments);
        return copy;
    }

    String text() {
        return text.toString();
    }

    Query query(Handle handle) {
        return bind(handle.createQuery(text.toString()));
    }

    Update update(Handle handle) {
        return bind(handle.createUpdate(text.toString()));
    }

    /** Reads one row of a result, by column position. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * Runs the statement (an INSERT, UPDATE or DELETE) straight on the handle's connection and answers
     * the rows changed. Straight: no Jdbi statement object, configuration copy or argument-factory
     * lookup per call, which cost more than SQLite's own work for the small statements of a task
     * (measured by task-bench); the statement comes from the store's statement cache on its own SQLite
     * connections, and is prepared and closed otherwise (PostgreSQL's driver keeps the server-side
     * statement per connection by its text).
     *
     * @throws Database.UncheckedSqlException if the driver fails
     */
    int execute(Handle handle) {
        return straight(handle, PreparedStatement::executeUpdate);
    }

    /**
     * Runs the query straight on the handle's connection (see {@link #execute(Handle)}) and reads every row.
     *
     * @throws Database.UncheckedSqlException if the driver fails
     */
    <T> List<T> list(Handle handle, RowReader<T> reader) {
        return straight(handle, statement -> {
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            return rows;
        });
    }

    /** Work on a bound statement. */
    @FunctionalInterface
    private interface StatementWork<T> {
        T apply(PreparedStatement statement) throws SQLException;
    }

    /** Prepares (or takes from the cache) the statement, binds the arguments, runs the work, releases it. */
    private <T> T straight(Handle handle, StatementWork<T> work) {
        Connection connection = handle.getConnection();
        String sql = text.toString();
        try {
            PreparedStatement statement = prepare(handle, connection, sql);
            try {
                bind(statement);
                return work.apply(statement);
            } finally {
                release(handle, connection, sql, statement);
            }
        } catch (SQLException e) {
            throw new Database.UncheckedSqlException(e);
        }
    }

    /** Runs a query of one number ({@code SELECT count(*) …}) straight on the handle's connection. */
    long number(Handle handle) {
        List<Long> rows = list(handle, rs -> rs.getLong(1));
        if (rows.size() != 1) {
            throw new IllegalStateException("expected one row, got " + rows.size() + ": " + text);
        }
        return rows.get(0);
    }

    private void bind(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < arguments.size(); i++) {
            arguments.get(i).apply(i + 1, statement, null); // the store's arguments need no context
        }
    }

    private static PreparedStatement prepare(Handle handle, Connection connection, String sql) throws SQLException {
        StatementBuilder builder = handle.getStatementBuilder();
        return builder instanceof StatementCache.Builder ? builder.create(connection, sql, null) : connection.prepareStatement(sql);
    }

    private static void release(Handle handle, Connection connection, String sql, PreparedStatement statement) throws SQLException {
        StatementBuilder builder = handle.getStatementBuilder();
        if (builder instanceof StatementCache.Builder) {
            builder.close(connection, sql, statement);
        } else {
            statement.close();
        }
    }

    private <S extends SqlStatement<S>> S bind(S statement) {
        for (int i = 0; i < arguments.size(); i++) {
            statement.bind(i, arguments.get(i));
        }
        return statement;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
