package dev.tasks.store.jdbi;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.ConnectionFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The connections a store opens on its own SQLite file: one writer, and up to
 * {@link SqliteOptions#readPoolSize()} readers opened when first needed. Every connection has
 * {@code foreign_keys=ON}, the busy timeout and the synchronous mode of the options; the writer puts
 * the file in WAL mode when it opens.
 */
final class SqliteConnections implements AutoCloseable {

    /** How long a read waits for a free reader connection before it fails. */
    private static final long READER_WAIT_SECONDS = 60;

    private final String url;
    private final SqliteOptions options;
    private final Connection writer;
    private final BlockingQueue<Connection> idleReaders;
    private int openedReaders;
    private boolean closed;
    private final StatementCache statements = new StatementCache();

    SqliteConnections(Path file, SqliteOptions options) throws SQLException {
        this.url = "jdbc:sqlite:" + file.toAbsolutePath();
        this.options = options;
        this.idleReaders = new ArrayBlockingQueue<>(options.readPoolSize());
        SQLiteConfig config = config();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        this.writer = open(config);
        try (Statement statement = writer.createStatement()) {
            // Bounds the work of ANALYZE (run by PRAGMA optimize) on large tables to a sample.
            statement.execute("PRAGMA analysis_limit = 1000");
        } catch (SQLException e) {
            writer.close();
            throw e;
        }
    }

    /**
     * Opens a connection, waiting out a busy file for up to the busy timeout. Opening can meet
     * {@code SQLITE_BUSY} without SQLite's busy handler ever being called: while another connection
     * switches the file to WAL or recovers its WAL, as when several stores start on a new file at once.
     */
    private Connection open(SQLiteConfig config) throws SQLException {
        long deadline = System.nanoTime() + options.busyTimeout().toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                return config.createConnection(url);
            } catch (SQLiteException e) {
                boolean busy = (e.getResultCode().code & 0xFF) == SQLiteErrorCode.SQLITE_BUSY.code; // BUSY or an extended BUSY_*
                if (!busy || System.nanoTime() >= deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(Math.min(50, attempt * 2L));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private SQLiteConfig config() {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setGetGeneratedKeys(false); // the store reads no generated keys: saves a query per INSERT
        config.setBusyTimeout((int) options.busyTimeout().toMillis());
        config.setSynchronous(options.synchronous() == SqliteOptions.Synchronous.FULL
                ? SQLiteConfig.SynchronousMode.FULL
                : SQLiteConfig.SynchronousMode.NORMAL);
        return config;
    }

    /** The prepared statements kept for these connections, which stay open as long as the store. */
    StatementCache statements() {
        return statements;
    }

    /** Hands out the one writer connection; the store's write lock makes it exclusive. */
    ConnectionFactory writerFactory() {
        return new ConnectionFactory() {
            @Override
            public Connection openConnection() throws SQLException {
                synchronized (SqliteConnections.this) {
                    if (closed) {
                        throw new SQLException("the store is closed");
                    }
                }
                return writer;
            }

            @Override
            public void closeConnection(Connection connection) {
                // The writer stays open until the store closes.
            }
        };
    }

    /** Lends reader connections from the pool, opening one if none is idle and the pool is not full. */
    ConnectionFactory readerFactory() {
        return new ConnectionFactory() {
            @Override
            public Connection openConnection() throws SQLException {
                return borrowReader();
            }

            @Override
            public void closeConnection(Connection connection) throws SQLException {
                returnReader(connection);
            }
        };
    }

    private Connection borrowReader() throws SQLException {
        Connection idle = idleReaders.poll();
        if (idle != null) {
            return idle;
        }
        synchronized (this) {
            if (closed) {
                throw new SQLException("the store is closed");
            }
            if (openedReaders < options.readPoolSize()) {
                Connection reader = open(config());
                openedReaders++;
                return reader;
            }
        }
        try {
            Connection reader = idleReaders.poll(READER_WAIT_SECONDS, TimeUnit.SECONDS);
            if (reader == null) {
                throw new SQLException("no reader connection became free");
            }
            return reader;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a reader connection", e);
        }
    }

    private void returnReader(Connection reader) throws SQLException {
        synchronized (this) {
            if (closed) {
                statements.forget(reader);
                reader.close();
                return;
            }
        }
        idleReaders.add(reader);
    }

    /** Closes every connection; readers lent out are closed when they come back. */
    @Override
    public void close() {
        List<Connection> toClose = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            idleReaders.drainTo(toClose);
        }
        try (Statement statement = writer.createStatement()) {
            // Lets SQLite refresh the statistics its planner uses, as its documentation advises on close.
            statement.execute("PRAGMA optimize = 0x10002");
        } catch (SQLException ignored) {
            // Only an optimisation.
        }
        toClose.add(writer);
        for (Connection connection : toClose) {
            statements.forget(connection);
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Closing what can be closed.
            }
        }
    }
}
