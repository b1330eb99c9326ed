package dev.tasks.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasks.api.Scope;
import dev.tasks.core.Cardinality;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The configuration file: defaults that run, and an error naming the member for every mistake. */
class ServerConfigTest {

    private static ServerConfig parse(String json) {
        return ServerConfig.parse(json.getBytes(StandardCharsets.UTF_8), "server.json");
    }

    @Test
    void theBundledDefaultsListenLocallyOnASqliteFileWithDemonstrationTokens() {
        ServerConfig config = ServerConfig.defaults();
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.isPostgres()).isFalse();
        assertThat(config.tokens().get("stora-demo-token").scopes()).containsExactlyInAnyOrder(Scope.READ, Scope.CREATE, Scope.UPDATE, Scope.DELETE);
        assertThat(config.tokens().get("read-only-demo-token").scopes()).containsExactly(Scope.READ);
        assertThat(config.rateLimits()).isFalse();
    }

    @Test
    void everyMemberIsRead() {
        ServerConfig config = parse("""
                {"host": "0.0.0.0", "port": 9000, "database": "jdbc:postgresql://db:5432/tasks", "databaseUser": "u",
                 "databasePassword": "p", "synchronous": "FULL", "rateLimits": true, "lightfieldAppUrl": "https://app.test/t/",
                 "tokens": {"t1": {"tenant": "acme", "principal": "mem_1", "scopes": ["tasks:read"]}},
                 "relationships": [{"name": "project", "objectType": "project", "cardinality": "HAS_MANY"}]}
                """);
        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.isPostgres()).isTrue();
        assertThat(config.databaseUser()).contains("u");
        assertThat(config.rateLimits()).isTrue();
        assertThat(config.lightfieldAppUrl()).hasValueSatisfying(u -> assertThat(u.toString()).isEqualTo("https://app.test/t/"));
        assertThat(config.tokens().get("t1").principal()).isEqualTo("mem_1");
        assertThat(config.relationships()).singleElement().satisfies(r -> assertThat(r.cardinality()).isEqualTo(Cardinality.HAS_MANY));
    }

    @Test
    void mistakesAreRefusedNamingTheSourceAndTheMember() {
        assertThatThrownBy(() -> parse("{\"port\": \"80\"}")).hasMessage("server.json: /port: must be an integer");
        assertThatThrownBy(() -> parse("{\"port\": 70000}")).hasMessageContaining("port must be 0 to 65535");
        assertThatThrownBy(() -> parse("{\"prot\": 80}")).hasMessageContaining("/prot").hasMessageContaining("unknown member");
        assertThatThrownBy(() -> parse("{\"synchronous\": \"OFF\"}")).hasMessage("server.json: /synchronous: must be NORMAL or FULL");
        assertThatThrownBy(() -> parse("{\"tokens\": {\"t\": {\"tenant\": \"a\", \"principal\": \"m\", \"scopes\": [\"tasks:write\"]}}}"))
                .hasMessageContaining("/tokens/t/scopes").hasMessageContaining("unknown scope 'tasks:write'");
        assertThatThrownBy(() -> parse("{\"tokens\": {\"t\": {\"tenant\": \"a\", \"principal\": \"not an id\", \"scopes\": []}}}"))
                .hasMessageContaining("/tokens/t").hasMessageContaining("principal");
        assertThatThrownBy(() -> parse("{\"tokens\": {\"t\": {\"principal\": \"m\", \"scopes\": []}}}"))
                .hasMessageContaining("'tenant' is required");
        assertThatThrownBy(() -> parse("{\"relationships\": [{\"name\": \"Bad Name\", \"objectType\": \"x\", \"cardinality\": \"HAS_ONE\"}]}"))
                .hasMessageContaining("/relationships/0");
        assertThatThrownBy(() -> parse("not json")).hasMessageStartingWith("server.json: the configuration is not valid JSON");
    }
}
