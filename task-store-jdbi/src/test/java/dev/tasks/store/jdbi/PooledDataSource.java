package dev.tasks.store.jdbi;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A minimal connection pool for tests, standing in for the application's pool (HikariCP and the like):
 * physical connections are kept and lent again, so that a store operation does not pay for a new
 * PostgreSQL backend each time. Closing it closes the idle connections and fails later borrowers, like a
 * closed pool.
 */
public class PooledDataSource implements DataSource {

    private final DataSource target;
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final boolean autoCommit;

    public PooledDataSource(DataSource target) {
        this(target, true);
    }

    /**
     * A pool whose connections are lent in the given auto-commit mode (some pools lend them outside
     * auto-commit, e.g. HikariCP with {@code autoCommit=false}).
     */
    public PooledDataSource(DataSource target, boolean autoCommit) {
        this.target = target;
        this.autoCommit = autoCommit;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (closed.get()) {
            throw new SQLException("pool is closed");
        }
        Connection physical = idle.poll();
        if (physical == null) {
            physical = target.getConnection();
        }
        physical.setAutoCommit(autoCommit);
        return lend(physical);
    }

    private Connection lend(Connection physical) {
        AtomicBoolean returned = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close" -> {
                            if (returned.compareAndSet(false, true)) {
                                giveBack(physical);
                            }
                            return null;
                        }
                        case "isClosed" -> {
                            return returned.get() || physical.isClosed();
                        }
                        default -> {
                            if (returned.get()) {
                                throw new SQLException("connection returned to the pool");
                            }
                            try {
                                return method.invoke(physical, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    }
                });
    }

    private void giveBack(Connection physical) throws SQLException {
        if (closed.get() || physical.isClosed()) {
            physical.close();
            return;
        }
        if (!physical.getAutoCommit()) {
            physical.rollback();
        }
        idle.add(physical);
    }

    public void close() {
        closed.set(true);
        Connection c;
        while ((c = idle.poll()) != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing what can be closed
            }
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
