package dev.tasks.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * One JDBC connection of the raw baseline and the statements prepared on it, kept for the life of the
 * connection: a statement is prepared the first time its text is used and reused ever after, as
 * hand-written JDBC code that cares about speed does (on SQLite this keeps the compiled statement; on
 * PostgreSQL it lets the driver switch to a server-side prepared statement after a few uses).
 */
final class RawConnection implements AutoCloseable {

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    RawConnection(Connection connection) {
        this.connection = connection;
    }

    /** The statement of this text, prepared on first use. */
    PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /** Runs a statement without parameters or results (BEGIN, COMMIT, ROLLBACK), prepared once. */
    void run(String sql) throws SQLException {
        statement(sql).execute();
    }

    Connection connection() {
        return connection;
    }

    @Override
    public void close() {
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // closing what can be closed
            }
        }
        statements.clear();
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing what can be closed
        }
    }
}
