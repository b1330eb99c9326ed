package dev.tasks.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasks.api.Actor;
import dev.tasks.api.Scope;
import dev.tasks.core.Cardinality;
import dev.tasks.core.RelationshipDefinition;
import dev.tasks.core.TenantId;
import dev.tasks.json.BodyException;
import dev.tasks.json.BodyObject;
import dev.tasks.json.JsonBody;
import dev.tasks.store.jdbi.SqliteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How the reference server runs: where it listens, where it keeps tasks, and which bearer tokens act as
 * whom. Read from a small JSON file; {@link #defaults()} is the bundled {@code default-config.json} (three
 * demonstration tokens in tenant {@code acme}, SQLite file {@code tasks-server.db}).
 *
 * <pre>{@code
 * {
 *   "host": "127.0.0.1", "port": 8080,
 *   "database": "tasks-server.db",                   // a SQLite file, or jdbc:postgresql://host:5432/db
 *   "databaseUser": "tasks", "databasePassword": "…", // PostgreSQL only
 *   "synchronous": "NORMAL",                          // SQLite: NORMAL or FULL
 *   "rateLimits": false,                              // true: each API's limits and headers
 *   "lightfieldAppUrl": "https://app.example.com/tasks/",  // httpLink prefix; absent: httpLink is null
 *   "tokens": {"secret-token": {"tenant": "acme", "principal": "mem_ada",
 *                               "scopes": ["tasks:read", "tasks:create"]}},
 *   "relationships": [{"name": "project", "objectType": "project", "cardinality": "HAS_ONE"}]
 * }
 * }</pre>
 *
 * @param host the address to listen on ({@code 127.0.0.1} by default: the server has no TLS)
 * @param port the port; 0 picks a free one
 * @param database a SQLite file path, or a {@code jdbc:postgresql:} URL
 * @param databaseUser the PostgreSQL user, if any
 * @param databasePassword the PostgreSQL password, if any
 * @param synchronous SQLite's {@code synchronous} setting
 * @param rateLimits whether each API's rate limits are enforced and their headers sent
 * @param lightfieldAppUrl the prefix of Lightfield's {@code httpLink} (the task id is appended), if any
 * @param tokens bearer token to the actor it authenticates
 * @param relationships the custom relationships the embedded service defines
 */
public record ServerConfig(String host, int port, String database, Optional<String> databaseUser,
        Optional<String> databasePassword, SqliteOptions.Synchronous synchronous, boolean rateLimits,
        Optional<URI> lightfieldAppUrl, Map<String, Actor> tokens, List<RelationshipDefinition> relationships) {

    private static final Set<String> MEMBERS = Set.of("host", "port", "database", "databaseUser", "databasePassword",
            "synchronous", "rateLimits", "lightfieldAppUrl", "tokens", "relationships");

    /**
     * Checks the settings and copies the collections.
     *
     * @param host the address to listen on
     * @param port the port, 0 to 65535
     * @param database a SQLite path or a PostgreSQL JDBC URL
     * @param databaseUser the PostgreSQL user
     * @param databasePassword the PostgreSQL password
     * @param synchronous SQLite's synchronous setting
     * @param rateLimits whether rate limits apply
     * @param lightfieldAppUrl the httpLink prefix
     * @param tokens token to actor
     * @param relationships custom relationships
     * @throws IllegalArgumentException if the port is out of range or a setting is blank
     */
    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(databaseUser, "databaseUser");
        Objects.requireNonNull(databasePassword, "databasePassword");
        Objects.requireNonNull(synchronous, "synchronous");
        Objects.requireNonNull(lightfieldAppUrl, "lightfieldAppUrl");
        if (host.isBlank() || database.isBlank()) {
            throw new IllegalArgumentException("host and database must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
        }
        tokens = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(tokens, "tokens")));
        relationships = List.copyOf(Objects.requireNonNull(relationships, "relationships"));
    }

    /**
     * The bundled configuration: demonstration tokens {@code stora-demo-token} (Stora's
     * {@code public.task:read} and {@code public.task:write}), {@code lightfield-demo-token} (every
     * {@code tasks:*} scope) and {@code read-only-demo-token}, all in tenant {@code acme}.
     *
     * @return the defaults
     */
    public static ServerConfig defaults() {
        try (InputStream in = ServerConfig.class.getResourceAsStream("default-config.json")) {
            if (in == null) {
                throw new IllegalStateException("default-config.json is missing from the class path");
            }
            return parse(in.readAllBytes(), "the bundled default-config.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a configuration file.
     *
     * @param file the JSON file
     * @return the configuration
     * @throws IllegalArgumentException naming the file and the member if the file is not a valid configuration
     * @throws UncheckedIOException if the file cannot be read
     */
    public static ServerConfig load(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Reads a configuration from JSON.
     *
     * @param json the configuration's bytes
     * @param source where it came from, for error messages
     * @return the configuration
     * @throws IllegalArgumentException naming the source and the member if it is not a valid configuration
     */
    public static ServerConfig parse(byte[] json, String source) {
        try {
            BodyObject root = BodyObject.root(JsonBody.parse(json));
            root.onlyMembers(MEMBERS);
            return new ServerConfig(
                    text(root, "host").orElse("127.0.0.1"),
                    integer(root, "port").orElse(8080),
                    text(root, "database").orElse("tasks-server.db"),
                    text(root, "databaseUser"),
                    text(root, "databasePassword"),
                    synchronous(root),
                    bool(root, "rateLimits").orElse(false),
                    text(root, "lightfieldAppUrl").map(url -> uri(root, url)),
                    tokens(root),
                    relationships(root));
        } catch (BodyException e) {
            String message = e.getMessage().replace("the request body", "the configuration");
            throw new IllegalArgumentException(source + ": " + (e.pointer().isEmpty() ? "" : e.pointer() + ": ") + message, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /**
     * A copy listening on another port.
     *
     * @param newPort the port; 0 picks a free one
     * @return the copy
     */
    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, database, databaseUser, databasePassword, synchronous, rateLimits,
                lightfieldAppUrl, tokens, relationships);
    }

    /**
     * A copy on another database.
     *
     * @param newDatabase a SQLite path or a {@code jdbc:postgresql:} URL
     * @return the copy
     */
    public ServerConfig withDatabase(String newDatabase) {
        return new ServerConfig(host, port, newDatabase, databaseUser, databasePassword, synchronous, rateLimits,
                lightfieldAppUrl, tokens, relationships);
    }

    /**
     * A copy with rate limits on or off.
     *
     * @param enabled whether each API's rate limits apply
     * @return the copy
     */
    public ServerConfig withRateLimits(boolean enabled) {
        return new ServerConfig(host, port, database, databaseUser, databasePassword, synchronous, enabled,
                lightfieldAppUrl, tokens, relationships);
    }

    /**
     * Tells whether the database is PostgreSQL rather than a SQLite file.
     *
     * @return true for a {@code jdbc:postgresql:} URL
     */
    public boolean isPostgres() {
        return database.startsWith("jdbc:postgresql:");
    }

    // ------------------------------------------------------------------ reading

    private static Optional<String> text(BodyObject o, String name) {
        return o.raw(name).filter(v -> !v.isNull()).map(v -> {
            if (!v.isTextual()) {
                throw new BodyException(BodyException.Problem.WRONG_TYPE, o.pointerOf(name), "must be a string");
            }
            return v.textValue();
        });
    }

    private static Optional<Integer> integer(BodyObject o, String name) {
        return o.raw(name).filter(v -> !v.isNull()).map(v -> {
            if (!v.canConvertToInt() || !v.isIntegralNumber()) {
                throw new BodyException(BodyException.Problem.WRONG_TYPE, o.pointerOf(name), "must be an integer");
            }
            return v.intValue();
        });
    }

    private static Optional<Boolean> bool(BodyObject o, String name) {
        return o.raw(name).filter(v -> !v.isNull()).map(v -> {
            if (!v.isBoolean()) {
                throw new BodyException(BodyException.Problem.WRONG_TYPE, o.pointerOf(name), "must be true or false");
            }
            return v.booleanValue();
        });
    }

    private static SqliteOptions.Synchronous synchronous(BodyObject o) {
        String value = text(o, "synchronous").orElse("NORMAL");
        try {
            return SqliteOptions.Synchronous.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new BodyException(BodyException.Problem.INVALID_VALUE, o.pointerOf("synchronous"), "must be NORMAL or FULL");
        }
    }

    private static URI uri(BodyObject o, String url) {
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new BodyException(BodyException.Problem.INVALID_VALUE, o.pointerOf("lightfieldAppUrl"), "must be a URL");
        }
    }

    private static Map<String, Actor> tokens(BodyObject root) {
        Map<String, Actor> tokens = new LinkedHashMap<>();
        Optional<BodyObject> all = root.object("tokens");
        if (all.isEmpty()) {
            return tokens;
        }
        for (String token : all.get().names()) {
            BodyObject grant = all.get().object(token).orElseThrow();
            grant.onlyMembers(Set.of("tenant", "principal", "scopes"));
            if (token.isBlank()) {
                throw new BodyException(BodyException.Problem.INVALID_VALUE, grant.pointer(), "a token must not be blank");
            }
            Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            for (String scope : strings(grant, "scopes")) {
                try {
                    scopes.addAll(Scope.parse(scope));
                } catch (IllegalArgumentException e) {
                    throw new BodyException(BodyException.Problem.INVALID_VALUE, grant.pointerOf("scopes"), "unknown scope '" + scope
                            + "'; known: tasks:read, tasks:create, tasks:update, tasks:delete, public.task:read, public.task:write");
                }
            }
            try {
                tokens.put(token, new Actor(TenantId.of(grant.requiredString("tenant")), grant.requiredString("principal"), scopes));
            } catch (IllegalArgumentException e) {
                throw new BodyException(BodyException.Problem.INVALID_VALUE, grant.pointer(), e.getMessage());
            }
        }
        return tokens;
    }

    private static List<String> strings(BodyObject o, String name) {
        JsonNode value = o.raw(name).orElse(null);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new BodyException(BodyException.Problem.WRONG_TYPE, o.pointerOf(name), "must be an array of strings");
        }
        return o.stringOrStrings(name).orElse(List.of());
    }

    private static List<RelationshipDefinition> relationships(BodyObject root) {
        List<RelationshipDefinition> definitions = new ArrayList<>();
        JsonNode value = root.raw("relationships").orElse(null);
        if (value == null || value.isNull()) {
            return definitions;
        }
        if (!value.isArray()) {
            throw new BodyException(BodyException.Problem.WRONG_TYPE, root.pointerOf("relationships"), "must be an array");
        }
        for (int i = 0; i < value.size(); i++) {
            String pointer = root.pointerOf("relationships") + "/" + i;
            JsonNode element = value.get(i);
            if (!element.isObject()) {
                throw new BodyException(BodyException.Problem.WRONG_TYPE, pointer, "must be an object");
            }
            BodyObject definition = BodyObject.root(element);
            definition.onlyMembers(Set.of("name", "objectType", "cardinality"));
            try {
                definitions.add(RelationshipDefinition.custom(definition.requiredString("name"), definition.requiredString("objectType"),
                        Cardinality.valueOf(definition.requiredString("cardinality"))));
            } catch (BodyException e) {
                throw new BodyException(e.problem(), pointer + e.pointer(), e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new BodyException(BodyException.Problem.INVALID_VALUE, pointer,
                        "a custom relationship has a name of [a-z][a-z0-9_]{0,62}, an object type and a cardinality HAS_ONE or HAS_MANY");
            }
        }
        return definitions;
    }
}
