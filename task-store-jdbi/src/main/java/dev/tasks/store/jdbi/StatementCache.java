package dev.tasks.store.jdbi;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps the prepared statements of each connection of a store's own SQLite file, by SQL text, so that a
 * statement is compiled once per connection rather than on every call: SQLite spends about as long
 * preparing a small statement as running it. Only for connections the store owns and keeps open; each is
 * used by one thread at a time (the writer under the write lock, a reader while lent), which is what
 * makes sharing its statements safe.
 *
 * <p>The SQL of lists varies with the filter, so each connection keeps at most {@value #PER_CONNECTION}
 * statements, the least recently used closed first. sqlite-jdbc resets a statement when its result set
 * closes, so a kept statement holds no read snapshot between uses.
 */
final class StatementCache implements StatementBuilderFactory {

    /** How many statements one connection keeps. */
    static final int PER_CONNECTION = 200;

    private final Map<Connection, Map<String, PreparedStatement>> byConnection = new IdentityHashMap<>();

    @Override
    public StatementBuilder createStatementBuilder(Connection connection) {
        Map<String, PreparedStatement> cache;
        synchronized (byConnection) {
            cache = byConnection.computeIfAbsent(connection, c -> new Lru());
        }
        return new Builder(cache);
    }

    /** Closes the statements kept for a connection about to close. */
    void forget(Connection connection) {
        Map<String, PreparedStatement> cache;
        synchronized (byConnection) {
            cache = byConnection.remove(connection);
        }
        if (cache != null) {
            cache.values().forEach(StatementCache::closeQuietly);
            cache.clear();
        }
    }

    private static void closeQuietly(Statement statement) {
        try {
            statement.close();
        } catch (SQLException ignored) {
            // the connection is closing anyway
        }
    }

    /** Least recently used first; closes what it evicts. Used by one thread at a time (see above). */
    private static final class Lru extends LinkedHashMap<String, PreparedStatement> {
        private static final long serialVersionUID = 1L;

        Lru() {
            super(64, 0.75f, true);
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() > PER_CONNECTION) {
                closeQuietly(eldest.getValue());
                return true;
            }
            return false;
        }
    }

    /** The statements of one connection; {@link Sql} recognises it to use the cache without a Jdbi statement. */
    static final class Builder implements StatementBuilder {
        private final Map<String, PreparedStatement> cache;

        Builder(Map<String, PreparedStatement> cache) {
            this.cache = cache;
        }

        @Override
        public Statement create(Connection connection, StatementContext context) throws SQLException {
            return connection.createStatement();
        }

        @Override
        public PreparedStatement create(Connection connection, String sql, StatementContext context) throws SQLException {
            PreparedStatement kept = cache.get(sql);
            if (kept != null && !kept.isClosed()) {
                return kept;
            }
            PreparedStatement prepared = connection.prepareStatement(sql);
            cache.put(sql, prepared);
            return prepared;
        }

        @Override
        public CallableStatement createCall(Connection connection, String sql, StatementContext context) throws SQLException {
            return connection.prepareCall(sql);
        }

        @Override
        public void close(Connection connection, String sql, Statement statement) throws SQLException {
            // A kept statement stays as it is, bindings included. Not clearParameters(): in a SQLite built
            // with STAT4 (sqlite-jdbc is), clearing the bindings of a statement whose plan looked at a
            // parameter's value expires it, and its next run compiles it again; that tripled the cost of
            // the one-statement get (35 µs → 110 µs, measured). Every run binds every parameter anew.
            if (cache.get(sql) != statement) {
                statement.close();
            }
        }
    }
}
