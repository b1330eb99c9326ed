package dev.tasks.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tasks.api.Actor;
import dev.tasks.api.Scope;
import dev.tasks.api.TaskService;
import dev.tasks.core.Cardinality;
import dev.tasks.core.RelationshipDefinition;
import dev.tasks.core.store.TaskStore;
import dev.tasks.store.jdbi.JdbiTaskStore;
import dev.tasks.store.jdbi.SqliteOptions;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A target opened on a data set: the service (library targets) or the raw baseline, with everything to
 * close afterwards. {@link #forReading} opens the shared, cached data set; {@link #forWriting} a private
 * copy of it, deleted on close.
 */
final class Fixture implements AutoCloseable {

    /** Connections of each PostgreSQL side: enough for the 8-thread benchmarks. */
    static final int POOL = 8;

    /** The caller of every benchmark: all scopes in the queried tenant. */
    static final Actor ACTOR = Actor.of(TaskGenerator.QUERIED_TENANT, "mem_bench", Scope.all());

    final Target target;
    final TaskService service;
    final RawTaskDao raw;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<Runnable> cleanups = new ArrayList<>();

    private Fixture(Target target, TaskService service, RawTaskDao raw) {
        this.target = target;
        this.service = service;
        this.raw = raw;
    }

    /** The service every library target uses: defaults, plus the custom relationship the data holds. */
    static TaskService service(TaskStore store) {
        return TaskService.builder(store)
                .relationship(RelationshipDefinition.custom(TaskGenerator.PROJECT, "project", Cardinality.HAS_ONE))
                .build();
    }

    static Fixture forReading(Target target, DataSet dataSet) throws SQLException {
        return switch (target.backend()) {
            case MEMORY -> new Fixture(target, service(BenchData.memory(dataSet)), null);
            case SQLITE -> onSqlite(target, BenchData.sqlite(dataSet), null);
            case POSTGRES -> onPostgres(target, BenchData.postgres(dataSet), null);
        };
    }

    static Fixture forWriting(Target target, DataSet dataSet) throws SQLException {
        return switch (target.backend()) {
            case MEMORY -> new Fixture(target, service(BenchData.memory(dataSet)), null);
            case SQLITE -> {
                Path copy = BenchData.sqliteCopy(dataSet);
                yield onSqlite(target, copy, () -> BenchData.deleteSqlite(copy));
            }
            case POSTGRES -> {
                String copy = BenchData.postgresCopy(dataSet);
                yield onPostgres(target, copy, () -> BenchData.dropPostgres(copy));
            }
        };
    }

    private static Fixture onSqlite(Target target, Path file, Runnable cleanup) throws SQLException {
        Fixture fixture;
        if (target.raw()) {
            RawTaskDao raw = RawTaskDao.sqlite(file);
            fixture = new Fixture(target, null, raw);
            fixture.toClose.add(raw);
        } else {
            JdbiTaskStore store = JdbiTaskStore.sqlite(file, SqliteOptions.builder()
                    .synchronous(SqliteOptions.Synchronous.NORMAL)
                    .build());
            fixture = new Fixture(target, service(store), null);
            fixture.toClose.add(store);
        }
        if (cleanup != null) {
            fixture.cleanups.add(cleanup);
        }
        return fixture;
    }

    private static Fixture onPostgres(Target target, String database, Runnable cleanup) throws SQLException {
        Fixture fixture;
        if (target.raw()) {
            RawTaskDao raw = RawTaskDao.postgres(BenchPostgres.dataSource(database), POOL);
            fixture = new Fixture(target, null, raw);
            fixture.toClose.add(raw);
        } else {
            // An application's pool, as the store's README advises (HikariCP), sized for 8 threads.
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(BenchPostgres.url(database));
            config.setUsername("postgres");
            config.setMaximumPoolSize(POOL);
            config.setMinimumIdle(POOL);
            config.setPoolName("bench-" + database);
            HikariDataSource pool = new HikariDataSource(config);
            fixture = new Fixture(target, service(JdbiTaskStore.create(pool)), null);
            fixture.toClose.add(pool);
        }
        if (cleanup != null) {
            fixture.cleanups.add(cleanup);
        }
        return fixture;
    }

    @Override
    public void close() {
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception e) {
                BenchData.log("closing " + c + " failed: " + e);
            }
        }
        cleanups.forEach(Runnable::run);
    }
}
