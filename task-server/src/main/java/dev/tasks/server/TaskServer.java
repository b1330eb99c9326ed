package dev.tasks.server;

import com.sun.net.httpserver.HttpServer;
import dev.tasks.api.TaskService;
import dev.tasks.core.RelationshipDefinition;
import dev.tasks.store.jdbi.JdbiTaskStore;
import dev.tasks.store.jdbi.SqliteOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import dev.tasks.api.Scope;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The reference server: one process that embeds the library and serves Stora's task API under
 * {@code /2025-09/tasks} and Lightfield's under {@code /v1/tasks}, on one store (a SQLite file by
 * default, PostgreSQL by a JDBC URL), with bearer tokens mapped to actors by {@link ServerConfig}.
 *
 * <p>It runs on the JDK's own HTTP server ({@code com.sun.net.httpserver}): no dependency to pull, in
 * every JDK, and enough for a reference whose job is the mapping between HTTP and the library; a
 * service that embeds the library keeps its own HTTP stack and uses {@code task-json} directly.
 *
 * <pre>{@code
 * try (TaskServer server = TaskServer.start(ServerConfig.defaults().withPort(0))) {
 *     URI base = server.address();   // e.g. http://127.0.0.1:53817
 *     …
 * }
 * }</pre>
 */
public final class TaskServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TaskServer.class.getName());

    /** The system property naming a configuration file (optional). */
    public static final String CONFIG_PROPERTY = "tasks.server.config";

    /** The system property overriding the configuration's database (optional). */
    public static final String DATABASE_PROPERTY = "tasks.server.db";

    /** The system property overriding the configuration's port (optional). */
    public static final String PORT_PROPERTY = "tasks.server.port";

    static {
        // The JDK's server writes a response's headers and body apart; without TCP_NODELAY, Nagle's
        // algorithm holds the body until the client's delayed ACK (about 40 ms per request on Linux).
        setDefault("sun.net.httpserver.nodelay", "true");
        // Without a limit a request that never finishes its headers or body holds a worker for ever, so
        // a handful of idle connections would stop the server (seconds: reading a request, writing an answer).
        setDefault("sun.net.httpserver.maxReqTime", "20");
        setDefault("sun.net.httpserver.maxRspTime", "60");
    }

    private static void setDefault(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /** Worker threads: requests mostly wait on the store or the client, so many more than cores. */
    static final int WORKERS = 64;

    private final ServerConfig config;
    private final JdbiTaskStore store;
    private final TaskService service;
    private final HttpServer http;
    private final ExecutorService workers;
    private final ScheduledExecutorService housekeeping;

    private TaskServer(ServerConfig config, JdbiTaskStore store, TaskService service, HttpServer http,
            ExecutorService workers, ScheduledExecutorService housekeeping) {
        this.config = config;
        this.store = store;
        this.service = service;
        this.http = http;
        this.workers = workers;
        this.housekeeping = housekeeping;
    }

    /**
     * Opens the store, builds the service and starts listening.
     *
     * @param config how to run
     * @return the running server; close it to stop
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static TaskServer start(ServerConfig config) {
        JdbiTaskStore store = openStore(config);
        try {
            TaskService.Builder builder = TaskService.builder(store);
            for (RelationshipDefinition definition : config.relationships()) {
                builder.relationship(definition);
            }
            TaskService service = builder.build();
            HttpServer http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 128);
            ExecutorService workers = Executors.newFixedThreadPool(WORKERS, daemon("task-server-"));
            http.setExecutor(workers);
            Router router = new Router(config, service);
            http.createContext("/", router::handle);
            http.start();
            ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(daemon("task-server-purge-"));
            housekeeping.scheduleWithFixedDelay(() -> purge(service), 1, 60, TimeUnit.MINUTES);
            return new TaskServer(config, store, service, http, workers, housekeeping);
        } catch (IOException e) {
            store.close();
            throw new UncheckedIOException("cannot listen on " + config.host() + ":" + config.port(), e);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Where the server listens.
     *
     * @return e.g. {@code http://127.0.0.1:8080}
     */
    public URI address() {
        InetSocketAddress bound = http.getAddress();
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host(); // IPv6 literal
        return URI.create("http://" + host + ":" + bound.getPort());
    }

    /**
     * The service the server calls, for an embedding test or tool.
     *
     * @return the service
     */
    public TaskService service() {
        return service;
    }

    /** Stops listening (letting calls in progress finish for up to a second) and closes the store. */
    @Override
    public void close() {
        http.stop(1);
        housekeeping.shutdownNow();
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }

    /**
     * Starts the server from the command line and serves until stopped (Ctrl+C). Settings: the file named
     * by {@code -Dtasks.server.config} or the bundled defaults, then {@code -Dtasks.server.db} and
     * {@code -Dtasks.server.port} if given.
     *
     * @param args none
     * @throws InterruptedException if interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        TaskServer server;
        try {
            server = start(configFromSystemProperties());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            // a mistake in the settings or a port in use: say so plainly, without a stack trace
            System.err.println("tasks server did not start: " + e.getMessage()
                    + (e instanceof UncheckedIOException ? " (is another process using the port? choose one with -D"
                            + PORT_PROPERTY + "=8081)" : ""));
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "task-server-shutdown"));
        System.out.println(server.banner());
        stopped.await();
    }

    /** The configuration {@link #main} uses. */
    static ServerConfig configFromSystemProperties() {
        String file = System.getProperty(CONFIG_PROPERTY, "").trim();
        ServerConfig config = file.isEmpty() ? ServerConfig.defaults() : ServerConfig.load(Path.of(file));
        String database = System.getProperty(DATABASE_PROPERTY, "").trim();
        if (!database.isEmpty()) {
            config = config.withDatabase(database);
        }
        String port = System.getProperty(PORT_PROPERTY, "").trim();
        if (!port.isEmpty()) {
            try {
                config = config.withPort(Integer.parseInt(port));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(PORT_PROPERTY + " must be a port number, not '" + port + "'", e);
            }
        }
        return config;
    }

    /** What the server prints when it starts: where it listens and a curl to paste. */
    String banner() {
        String base = address().toString();
        String where = config.isPostgres() ? "PostgreSQL " + withoutQuery(config.database())
                : "SQLite file " + Path.of(config.database()).toAbsolutePath().normalize();
        String storaToken = tokenWith(Set.of(), Scope.CREATE, Scope.READ);
        String lightfieldToken = tokenWith(Set.of(storaToken), Scope.CREATE, Scope.READ);
        StringBuilder b = new StringBuilder();
        b.append("tasks server listening on ").append(base).append(" (").append(where).append(")\n");
        b.append("  Stora API:      ").append(base).append("/2025-09/tasks\n");
        b.append("  Lightfield API: ").append(base).append("/v1/tasks (header Lightfield-Version: ")
                .append(LightfieldApi.VERSION).append(")\n");
        b.append("Try:\n");
        b.append("  curl -s ").append(base).append("/2025-09/tasks -H 'Authorization: Bearer ").append(storaToken)
                .append("' -H 'Content-Type: application/json' -d '{\"title\": \"Task with minimal params\"}'\n");
        b.append("  curl -s ").append(base).append("/v1/tasks -H 'Lightfield-Version: ").append(LightfieldApi.VERSION)
                .append("' -H 'Authorization: Bearer ").append(lightfieldToken).append("' -H 'Content-Type: application/json' ")
                .append("-d '{\"fields\": {\"$title\": \"Call back\", \"$status\": \"TODO\"}, ")
                .append("\"relationships\": {\"$assignedTo\": \"mem_ada\"}}'\n");
        b.append("  curl -s '").append(base).append("/v1/tasks?limit=5' -H 'Lightfield-Version: ").append(LightfieldApi.VERSION)
                .append("' -H 'Authorization: Bearer ").append(lightfieldToken).append("'\n");
        b.append("Stop with Ctrl+C.");
        return b.toString();
    }

    /** A configured token holding the scopes, preferably not one of those already shown. */
    private String tokenWith(Set<String> shown, Scope... scopes) {
        List<String> fit = config.tokens().entrySet().stream()
                .filter(e -> e.getValue().scopes().containsAll(List.of(scopes)))
                .map(Map.Entry::getKey).toList();
        return fit.stream().filter(t -> !shown.contains(t)).findFirst().or(() -> fit.stream().findFirst()).orElse("<token>");
    }

    private static JdbiTaskStore openStore(ServerConfig config) {
        if (config.isPostgres()) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(config.database());
            config.databaseUser().ifPresent(dataSource::setUser);
            config.databasePassword().ifPresent(dataSource::setPassword);
            return JdbiTaskStore.create(dataSource);
        }
        return JdbiTaskStore.sqlite(Path.of(config.database()),
                SqliteOptions.builder().synchronous(config.synchronous()).build());
    }

    private static void purge(TaskService service) {
        try {
            service.purgeExpiredIdempotencyKeys();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "purging expired idempotency keys failed; will try again", e);
        }
    }

    private static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
