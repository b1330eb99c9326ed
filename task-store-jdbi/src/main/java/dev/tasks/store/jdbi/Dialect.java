package dev.tasks.store.jdbi;

import java.util.Locale;
import java.util.Optional;

/**
 * The databases a {@link JdbiTaskStore} speaks. The store detects its dialect from the connection's
 * {@link java.sql.DatabaseMetaData#getDatabaseProductName() product name}.
 */
public enum Dialect {
    /** SQLite (through {@code org.xerial:sqlite-jdbc}): a file, in WAL mode. */
    SQLITE("SQLite", "sqlite"),
    /** PostgreSQL (through {@code org.postgresql:postgresql}). */
    POSTGRESQL("PostgreSQL", "postgresql");

    private final String productName;
    private final String folder;

    Dialect(String productName, String folder) {
        this.productName = productName;
        this.folder = folder;
    }

    /**
     * The product name the JDBC driver reports for this database.
     *
     * @return {@code SQLite} or {@code PostgreSQL}
     */
    public String productName() {
        return productName;
    }

    /**
     * The class-path folder that holds this dialect's migration scripts, {@code V1__tasks.sql} and
     * on: hand it to your own migration tool if the store does not apply them itself (see
     * {@link Migrations#VERIFY}).
     *
     * @return for example {@code dev/tasks/store/jdbi/migration/sqlite}
     */
    public String migrationLocation() {
        return "dev/tasks/store/jdbi/migration/" + folder;
    }

    /**
     * The dialect of a database product.
     *
     * @param productName a product name as {@link java.sql.DatabaseMetaData#getDatabaseProductName()} reports it
     * @return the dialect, or empty if the store does not support the product
     */
    public static Optional<Dialect> ofProductName(String productName) {
        if (productName == null) {
            return Optional.empty();
        }
        String name = productName.trim().toLowerCase(Locale.ROOT);
        for (Dialect dialect : values()) {
            if (name.equals(dialect.productName.toLowerCase(Locale.ROOT))) {
                return Optional.of(dialect);
            }
        }
        return Optional.empty();
    }
}
