package dev.tasks.store.jdbi;

import dev.tasks.core.store.TaskStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.TemplateEngine;

/**
 * How the store reaches its database: handles for reads and for writes, and the transactions around
 * them.
 *
 * <ul>
 *   <li>SQLite: writes of one store take turns under one lock (on one connection when the store opened
 *       the file itself) and begin {@code IMMEDIATE}, so that they never meet {@code SQLITE_BUSY} among
 *       themselves and wait ({@code busy_timeout}) for writers of other stores or processes; reads run
 *       in a deferred transaction, a consistent WAL snapshot, beside them.</li>
 *   <li>PostgreSQL: writes run at {@code READ COMMITTED} (compare-and-set updates and unique indexes
 *       decide races), said per transaction only if the connections do not start there by default;
 *       reads of several statements run at {@code REPEATABLE READ}, one snapshot; reads of one
 *       statement run without a transaction of their own when the connection is in auto-commit.</li>
 * </ul>
 */
final class Database implements AutoCloseable {

    private final SqlDialect dialect;
    private final Jdbi readers;
    private final Jdbi writers;
    /** The connections the store opened itself (SQLite file), closed with it; null if the caller owns them. */
    private final SqliteConnections owned;
    /** SQLite writes take turns: one writer at a time per store. */
    private final ReentrantLock writeLock = new ReentrantLock(true);
    /** Writes since the store opened its SQLite file, counted under {@link #writeLock}. */
    private long writes;

    /** How often the store lets SQLite refresh its planner statistics ({@code PRAGMA optimize}), in writes. */
    static final int OPTIMIZE_EVERY = 1_000;

    Database(SqlDialect dialect, Jdbi readers, Jdbi writers, SqliteConnections owned) {
        this.dialect = dialect;
        this.readers = readers;
        this.writers = writers;
        this.owned = owned;
    }

    SqlDialect dialect() {
        return dialect;
    }

    /**
     * Runs one statement (or several that need no common snapshot) in auto-commit mode; on a connection
     * that a pool hands out outside auto-commit (PostgreSQL), in a transaction that it ends.
     */
    <R> R readOnce(Function<Handle, R> work) {
        if (owned != null) {
            return onKeptReader(work);
        }
        try (Handle handle = open(readers)) {
            if (dialect.dialect() == Dialect.SQLITE || autoCommit(handle)) {
                return work.apply(handle);
            }
            handle.begin();
            try {
                R result = work.apply(handle);
                handle.commit();
                return result;
            } catch (RuntimeException | Error e) {
                rollbackQuietly(handle, e);
                throw e;
            }
        }
    }

    /**
     * Handles on the store's own SQLite readers, kept between reads: opening a Jdbi handle copies its
     * configuration, which cost about as much as reading a task (measured by task-bench). Each holds one
     * reader connection; at most as many exist as reads ever ran at once, bounded by the reader pool.
     */
    private final ConcurrentLinkedQueue<Handle> keptReaders = new ConcurrentLinkedQueue<>();

    /** The handle on the store's own SQLite writer, kept for the store's life; used under the write lock. */
    private Handle keptWriter;

    private <R> R onKeptReader(Function<Handle, R> work) {
        Handle handle = keptReaders.poll();
        if (handle == null) {
            // Announced before looking again, so that a reader finishing meanwhile sees it (below) and
            // hands its connection back to the pool, where this thread may be waiting for one.
            waitingForReader.incrementAndGet();
            try {
                handle = keptReaders.poll();
                if (handle == null) {
                    handle = open(readers);
                }
            } finally {
                waitingForReader.decrementAndGet();
            }
        }
        boolean fine = false;
        try {
            R result = work.apply(handle);
            fine = true;
            return result;
        } finally {
            if (fine) {
                keptReaders.add(handle);
                if (isClosed()) {
                    closeKeptReaders();
                } else if (waitingForReader.get() > 0) {
                    Handle spare = keptReaders.poll();
                    if (spare != null) {
                        spare.close(); // its connection goes back to the pool, to the thread waiting there
                    }
                }
            } else {
                handle.close(); // its connection's state is unknown: give it back to the pool, which closes or reuses it
            }
        }
    }

    private volatile boolean closed;

    /** Threads that found no kept reader and may be waiting for a connection of the pool. */
    private final java.util.concurrent.atomic.AtomicInteger waitingForReader = new java.util.concurrent.atomic.AtomicInteger();

    private boolean isClosed() {
        return closed;
    }

    private void closeKeptReaders() {
        for (Handle handle; (handle = keptReaders.poll()) != null; ) {
            try {
                handle.close();
            } catch (RuntimeException ignored) {
                // closing what can be closed
            }
        }
    }

    /** The writer's handle: the kept one on the store's own SQLite file, a new one otherwise (close it then). */
    private Handle writerHandle() {
        if (owned == null) {
            return open(writers);
        }
        if (keptWriter == null) {
            keptWriter = open(writers);
        }
        return keptWriter;
    }

    private void doneWithWriter(Handle handle) {
        if (handle != keptWriter) {
            handle.close();
        }
    }

    private static boolean autoCommit(Handle handle) {
        try {
            return handle.getConnection().getAutoCommit();
        } catch (SQLException e) {
            throw new UncheckedSqlException(e);
        }
    }

    /** Runs reads in one transaction: they all see one consistent state. */
    <R> R read(Function<Handle, R> work) {
        if (owned != null) {
            return onKeptReader(handle -> sqliteTransaction(handle, "BEGIN DEFERRED", work));
        }
        try (Handle handle = open(readers)) {
            if (dialect.dialect() == Dialect.SQLITE) {
                return sqliteTransaction(handle, "BEGIN DEFERRED", work);
            }
            handle.begin();
            try {
                // Sent with the transaction's first statement; a READ ONLY REPEATABLE READ transaction
                // reads one snapshot and never fails to serialize.
                execute(handle, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                R result = work.apply(handle);
                handle.commit();
                return result;
            } catch (RuntimeException | Error e) {
                rollbackQuietly(handle, e);
                throw e;
            }
        }
    }

    /**
     * Runs writes in one transaction: they happen whole or not at all.
     *
     * <p>On SQLite, writers that arrive while another one commits share the next commit (group commit):
     * a commit costs about the same for one write as for many, so concurrent callers get many times the
     * throughput of one. Each write runs inside its own savepoint, so a failing write is undone alone and
     * reported to its caller only; no caller returns before the commit that holds its write is done, at
     * the configured {@code synchronous} level.
     */
    <R> R write(Function<Handle, R> work) {
        if (dialect.dialect() == Dialect.SQLITE) {
            return sqliteWrite(work);
        }
        try (Handle handle = open(writers)) {
            handle.begin();
            try {
                if (!writesReadCommittedByDefault) {
                    execute(handle, "SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
                }
                R result = work.apply(handle);
                handle.commit();
                return result;
            } catch (RuntimeException | Error e) {
                rollbackQuietly(handle, e);
                throw e;
            }
        }
    }

    /**
     * Whether the PostgreSQL connections begin their transactions at {@code READ COMMITTED} on their own
     * (the server's default, unless the database, the role or the pool's session settings change it):
     * then a write need not say so, and pgjdbc sends its {@code BEGIN} with the write's first statement,
     * one round trip less per write. Read once, when the store opens.
     */
    private volatile boolean writesReadCommittedByDefault;

    /** Whether writes leave out {@code SET TRANSACTION}: for the tests of this package. */
    boolean writesReadCommittedByDefault() {
        return writesReadCommittedByDefault;
    }

    /**
     * Reads the isolation level a write connection starts its transactions at ({@code
     * default_transaction_isolation}, which a pool's {@code SET SESSION CHARACTERISTICS} also sets).
     * PostgreSQL only; called when the store opens.
     */
    void learnWriteIsolation() {
        if (dialect.dialect() != Dialect.POSTGRESQL) {
            return;
        }
        // On PostgreSQL readers and writers are the same pool.
        writesReadCommittedByDefault = "read committed".equals(readOnce(Database::showDefaultIsolation));
    }

    private static String showDefaultIsolation(Handle handle) {
        try (Statement statement = handle.getConnection().createStatement();
             java.sql.ResultSet rs = statement.executeQuery("SHOW default_transaction_isolation")) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new UncheckedSqlException(e);
        }
    }

    /** One write waiting for, or done by, a group commit. */
    private static final class PendingWrite<R> {
        final Function<Handle, R> work;
        R result;
        Throwable failure;
        boolean done;

        PendingWrite(Function<Handle, R> work) {
            this.work = work;
        }

        R outcome() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            return result;
        }
    }

    /** The writes waiting for the next group commit, in arrival order. */
    private final ConcurrentLinkedQueue<PendingWrite<?>> pending = new ConcurrentLinkedQueue<>();

    /** SQLite transactions committed (or rolled back) by {@link #write}: fewer than writes when they are grouped. */
    private long transactions;

    /** How many write transactions ran: for the tests that check writes share commits. Under no lock: a hint. */
    long transactions() {
        return transactions;
    }

    /** The most writes one commit carries: bounds how long the first of them waits. */
    static final int MAX_GROUP = 64;

    private <R> R sqliteWrite(Function<Handle, R> work) {
        PendingWrite<R> mine = new PendingWrite<>(work);
        pending.add(mine);
        try {
            writeLock.lockInterruptibly();
        } catch (InterruptedException e) {
            if (pending.remove(mine)) { // nobody has taken it: it will never run
                Thread.currentThread().interrupt();
                throw new TaskStoreException("the task store was interrupted while waiting to write", e);
            }
            // A group commit has taken it: its outcome is the caller's, so wait for it.
            writeLock.lock();
            Thread.currentThread().interrupt();
        }
        try {
            // Whoever holds the lock commits everything waiting; ours may have gone with the previous group.
            while (!mine.done) {
                commitGroup();
            }
        } finally {
            writeLock.unlock();
        }
        return mine.outcome();
    }

    /** Takes up to {@link #MAX_GROUP} waiting writes and commits them together. Under the write lock. */
    private void commitGroup() {
        List<PendingWrite<?>> group = new ArrayList<>();
        for (PendingWrite<?> next; group.size() < MAX_GROUP && (next = pending.poll()) != null; ) {
            group.add(next);
        }
        if (group.isEmpty()) {
            return;
        }
        transactions++;
        Handle handle = null;
        try {
            handle = writerHandle();
            if (owned == null) {
                // A connection of the caller's: cascades need foreign keys, which SQLite turns on per
                // connection (outside a transaction).
                execute(handle, "PRAGMA foreign_keys = ON");
            }
            runGroup(handle, group);
            if (owned != null && (writes += group.size()) / OPTIMIZE_EVERY != (writes - group.size()) / OPTIMIZE_EVERY) {
                optimize(handle);
            }
        } catch (RuntimeException | Error e) {
            // Opening the connection failed, or the group's transaction: nothing of it is written.
            for (PendingWrite<?> write : group) {
                if (!write.done) {
                    write.failure = e;
                    write.done = true;
                }
            }
        } finally {
            if (handle != null) {
                doneWithWriter(handle);
            }
        }
    }

    private static void runGroup(Handle handle, List<PendingWrite<?>> group) {
        if (group.size() == 1) {
            PendingWrite<?> only = group.get(0);
            try {
                runOne(only, handle);
            } finally {
                only.done = true;
            }
            return;
        }
        execute(handle, "BEGIN IMMEDIATE");
        try {
            for (PendingWrite<?> write : group) {
                execute(handle, "SAVEPOINT one_write");
                try {
                    apply(write, handle);
                    execute(handle, "RELEASE one_write");
                } catch (RuntimeException e) {
                    // Undo this write alone; if SQLite ended the whole transaction, the rollback below fails
                    // and takes the group with it.
                    execute(handle, "ROLLBACK TO one_write");
                    execute(handle, "RELEASE one_write");
                    write.failure = e;
                }
            }
            execute(handle, "COMMIT");
        } catch (RuntimeException | Error e) {
            try {
                execute(handle, "ROLLBACK");
            } catch (RuntimeException rollbackFailed) {
                e.addSuppressed(rollbackFailed);
            }
            for (PendingWrite<?> write : group) {
                write.failure = write.failure != null && write.result == null ? write.failure : e;
                write.result = null;
            }
            throw e;
        } finally {
            group.forEach(write -> write.done = true);
        }
    }

    private static <R> void runOne(PendingWrite<R> write, Handle handle) {
        try {
            write.result = sqliteTransaction(handle, "BEGIN IMMEDIATE", write.work);
        } catch (RuntimeException | Error e) {
            write.failure = e;
        }
    }

    private static <R> void apply(PendingWrite<R> write, Handle handle) {
        write.result = write.work.apply(handle);
    }

    /**
     * Lets SQLite analyze the tables whose size changed much since they were last analyzed (bounded by
     * {@code analysis_limit}, so it takes milliseconds), as its documentation advises for long-lived
     * connections: with statistics, its planner starts a filtered list from the most selective index.
     */
    static void optimize(Handle handle) {
        try {
            execute(handle, "PRAGMA optimize = 0x10002");
        } catch (RuntimeException ignored) {
            // Only an optimisation: a busy database or a read-only file keeps the old statistics.
        }
    }

    /** Runs {@link #optimize(Handle)} on the writer, between writes: when a store opens its SQLite file. */
    void optimizeNow() {
        lockForWrite();
        Handle handle = null;
        try {
            handle = writerHandle();
            optimize(handle);
        } finally {
            if (handle != null) {
                doneWithWriter(handle);
            }
            writeLock.unlock();
        }
    }

    private void lockForWrite() {
        try {
            writeLock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskStoreException("the task store was interrupted while waiting to write", e);
        }
    }

    private static <R> R sqliteTransaction(Handle handle, String begin, Function<Handle, R> work) {
        execute(handle, begin);
        try {
            R result = work.apply(handle);
            execute(handle, "COMMIT");
            return result;
        } catch (RuntimeException | Error e) {
            try {
                execute(handle, "ROLLBACK");
            } catch (RuntimeException rollbackFailed) {
                // SQLite may have rolled back already (an I/O or busy error ends the transaction).
                e.addSuppressed(rollbackFailed);
            }
            throw e;
        }
    }

    /**
     * Runs a statement of the store's own, without parameters or results (transaction control, pragmas),
     * straight on the handle's connection: cheaper than a Jdbi statement, which these need nothing of.
     */
    static void execute(Handle handle, String constant) {
        Connection connection = handle.getConnection();
        try {
            if (handle.getStatementBuilder() instanceof StatementCache.Builder kept) {
                // The store's own SQLite connection: BEGIN, COMMIT, SAVEPOINT … prepared once, not per call.
                PreparedStatement statement = kept.create(connection, constant, null);
                try {
                    statement.execute();
                } finally {
                    kept.close(connection, constant, statement);
                }
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(constant);
            }
        } catch (SQLException e) {
            throw new UncheckedSqlException(e);
        }
    }

    /** A driver failure outside a Jdbi statement; the store turns it into a {@code TaskStoreException}. */
    static final class UncheckedSqlException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UncheckedSqlException(SQLException cause) {
            super(cause);
        }
    }

    private static void rollbackQuietly(Handle handle, Throwable cause) {
        try {
            handle.rollback();
        } catch (RuntimeException rollbackFailed) {
            cause.addSuppressed(rollbackFailed);
        }
    }

    private static Handle open(Jdbi jdbi) {
        Handle handle = jdbi.open();
        // Statements are plain SQL with '?' placeholders: no template rendering of '<' and '>'.
        handle.getConfig(SqlStatements.class).setTemplateEngine(TemplateEngine.NOP);
        return handle;
    }

    @Override
    public void close() {
        if (owned == null) {
            return;
        }
        // Waits for a write in progress, so that it is not cut off half way.
        boolean locked = false;
        try {
            locked = writeLock.tryLock(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed = true;
        try {
            owned.close();
            closeKeptReaders(); // their connections close as they go back to the closed pool
            if (keptWriter != null) {
                keptWriter.close();
                keptWriter = null;
            }
        } finally {
            if (locked) {
                writeLock.unlock();
            }
        }
    }
}
