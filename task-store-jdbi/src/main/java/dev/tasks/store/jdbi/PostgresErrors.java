package dev.tasks.store.jdbi;

import java.sql.SQLException;

/**
 * Reads the constraint name out of a PostgreSQL driver error. Kept apart so that the optional
 * PostgreSQL driver is loaded only when the store works on PostgreSQL.
 */
final class PostgresErrors {

    private PostgresErrors() {
    }

    /** The name of the constraint a PostgreSQL error reports, or null if it reports none or is not the driver's. */
    static String constraintName(SQLException e) {
        try {
            if (e instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null) {
                return p.getServerErrorMessage().getConstraint();
            }
            return null;
        } catch (LinkageError driverAbsent) {
            return null;
        }
    }
}
