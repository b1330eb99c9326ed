package dev.tasks.bench;

/**
 * What a benchmark runs against: the library (the service over a store) or the raw-JDBC baseline on the
 * same database. The benchmarks' {@code target} parameter takes these names.
 */
enum Target {
    /** The service over {@code InMemoryTaskStore}: no baseline. */
    MEMORY("memory", Backend.MEMORY, false),
    /** The service over {@code JdbiTaskStore.sqlite(file)}, synchronous NORMAL. */
    SQLITE("sqlite", Backend.SQLITE, false),
    /** The raw-JDBC baseline on the same SQLite file and settings. */
    SQLITE_RAW("sqlite-raw", Backend.SQLITE, true),
    /** The service over {@code JdbiTaskStore.create(pool)} on the embedded PostgreSQL. */
    POSTGRES("postgres", Backend.POSTGRES, false),
    /** The raw-JDBC baseline on the same PostgreSQL server. */
    POSTGRES_RAW("postgres-raw", Backend.POSTGRES, true);

    /** Where the data is. */
    enum Backend { MEMORY, SQLITE, POSTGRES }

    /** The names, for the benchmarks' {@code @Param}: keep in step with the enum. */
    static final String ALL = "memory,sqlite,sqlite-raw,postgres,postgres-raw";

    private final String parameter;
    private final Backend backend;
    private final boolean raw;

    Target(String parameter, Backend backend, boolean raw) {
        this.parameter = parameter;
        this.backend = backend;
        this.raw = raw;
    }

    String parameter() {
        return parameter;
    }

    Backend backend() {
        return backend;
    }

    boolean raw() {
        return raw;
    }

    static Target of(String parameter) {
        for (Target target : values()) {
            if (target.parameter.equals(parameter)) {
                return target;
            }
        }
        throw new IllegalArgumentException("no target '" + parameter + "'; the targets are " + ALL);
    }
}
