package dev.tasks.store.jdbi;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link JdbiTaskStore#sqlite(java.nio.file.Path, SqliteOptions)} opens a SQLite file. Every
 * option has a default; {@link #defaults()} takes them all.
 *
 * <pre>{@code
 * SqliteOptions options = SqliteOptions.builder()
 *         .synchronous(SqliteOptions.Synchronous.FULL)
 *         .busyTimeout(Duration.ofSeconds(10))
 *         .build();
 * }</pre>
 *
 * <p>Whatever the options, the store opens the file in WAL mode ({@code journal_mode=WAL}) with
 * {@code foreign_keys=ON} on every connection, writes through one connection in transactions that
 * begin {@code IMMEDIATE}, and reads through a small pool of other connections.
 */
public final class SqliteOptions {

    /** The default busy timeout: 5 seconds. */
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);

    /** The default number of reader connections: 4. */
    public static final int DEFAULT_READ_POOL_SIZE = 4;

    /**
     * When SQLite syncs the file to the disk ({@code PRAGMA synchronous}), in WAL mode.
     */
    public enum Synchronous {
        /**
         * {@code synchronous=NORMAL} (the default): commits are not synced one by one; the WAL is
         * synced at checkpoints. The database is never corrupted and a crash of the application loses
         * nothing, but a power loss or a crash of the operating system may lose the last transactions
         * committed before it. Writes are much faster.
         */
        NORMAL,
        /**
         * {@code synchronous=FULL}: every commit is synced to the disk before it returns, so a committed
         * transaction survives a power loss too, at the cost of one sync per write.
         */
        FULL
    }

    private final Synchronous synchronous;
    private final Duration busyTimeout;
    private final int readPoolSize;
    private final Migrations migrations;

    private SqliteOptions(Builder builder) {
        this.synchronous = builder.synchronous;
        this.busyTimeout = builder.busyTimeout;
        this.readPoolSize = builder.readPoolSize;
        this.migrations = builder.migrations;
    }

    /**
     * Every option at its default: {@link Synchronous#NORMAL}, a busy timeout of 5 seconds, 4 reader
     * connections, migrations applied at start-up.
     *
     * @return the default options
     */
    public static SqliteOptions defaults() {
        return builder().build();
    }

    /**
     * A builder that starts from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * When commits are synced to the disk.
     *
     * @return the synchronous mode
     */
    public Synchronous synchronous() {
        return synchronous;
    }

    /**
     * How long a connection waits for a lock that another connection (another store on the same file,
     * another process) holds before it fails ({@code PRAGMA busy_timeout}).
     *
     * @return the busy timeout
     */
    public Duration busyTimeout() {
        return busyTimeout;
    }

    /**
     * How many connections serve reads at most (opened when first needed).
     *
     * @return the number of reader connections
     */
    public int readPoolSize() {
        return readPoolSize;
    }

    /**
     * Who applies the schema migrations.
     *
     * @return the migration mode
     */
    public Migrations migrations() {
        return migrations;
    }

    /**
     * A builder that starts from these options.
     *
     * @return a new builder holding these options
     */
    public Builder toBuilder() {
        return new Builder().synchronous(synchronous).busyTimeout(busyTimeout).readPoolSize(readPoolSize).migrations(migrations);
    }

    @Override
    public String toString() {
        return "SqliteOptions[synchronous=" + synchronous + ", busyTimeout=" + busyTimeout + ", readPoolSize=" + readPoolSize
                + ", migrations=" + migrations + "]";
    }

    /** Builds {@link SqliteOptions}; every setter returns the builder. */
    public static final class Builder {
        private Synchronous synchronous = Synchronous.NORMAL;
        private Duration busyTimeout = DEFAULT_BUSY_TIMEOUT;
        private int readPoolSize = DEFAULT_READ_POOL_SIZE;
        private Migrations migrations = Migrations.APPLY;

        private Builder() {
        }

        /**
         * Sets when commits are synced to the disk; {@link Synchronous#NORMAL} by default.
         *
         * @param synchronous the synchronous mode
         * @return this builder
         * @throws NullPointerException if {@code synchronous} is null
         */
        public Builder synchronous(Synchronous synchronous) {
            this.synchronous = Objects.requireNonNull(synchronous, "synchronous");
            return this;
        }

        /**
         * Sets how long a connection waits for a lock held by another connection; 5 seconds by default.
         * Writes of one store never wait for each other this way (they take turns on one connection);
         * the timeout matters when several stores or processes share the file.
         *
         * @param busyTimeout from 0 (fail at once) to {@link Integer#MAX_VALUE} milliseconds
         * @return this builder
         * @throws NullPointerException if {@code busyTimeout} is null
         * @throws IllegalArgumentException if it is negative or too long
         */
        public Builder busyTimeout(Duration busyTimeout) {
            Objects.requireNonNull(busyTimeout, "busyTimeout");
            if (busyTimeout.isNegative() || busyTimeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
                throw new IllegalArgumentException("busyTimeout must be between 0 and " + Integer.MAX_VALUE + " ms: " + busyTimeout);
            }
            this.busyTimeout = busyTimeout;
            return this;
        }

        /**
         * Sets how many connections serve reads at most; 4 by default. WAL lets them read while the
         * writer writes; a read waits when all are busy.
         *
         * @param readPoolSize 1 or more
         * @return this builder
         * @throws IllegalArgumentException if it is below 1
         */
        public Builder readPoolSize(int readPoolSize) {
            if (readPoolSize < 1) {
                throw new IllegalArgumentException("readPoolSize must be at least 1: " + readPoolSize);
            }
            this.readPoolSize = readPoolSize;
            return this;
        }

        /**
         * Sets who applies the schema migrations; {@link Migrations#APPLY} (the store, at start-up) by
         * default.
         *
         * @param migrations the migration mode
         * @return this builder
         * @throws NullPointerException if {@code migrations} is null
         */
        public Builder migrations(Migrations migrations) {
            this.migrations = Objects.requireNonNull(migrations, "migrations");
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public SqliteOptions build() {
            return new SqliteOptions(this);
        }
    }
}
