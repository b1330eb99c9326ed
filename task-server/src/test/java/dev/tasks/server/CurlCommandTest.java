package dev.tasks.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seed pages' curl commands are read as a shell and curl would read them. */
class CurlCommandTest {

    static String seed(String name) {
        try (InputStream in = CurlCommandTest.class.getResourceAsStream("/seeds/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void storasExampleIsAPostOfTheMinimalBody() {
        CurlCommand curl = CurlCommand.first(seed("stora-create-task.txt"), Map.of());
        assertThat(curl.method()).isEqualTo("POST");
        assertThat(curl.url()).isEqualTo(URI.create("https://public-api.stora.co/2025-09/tasks"));
        assertThat(curl.headers()).containsExactly(Map.entry("Authorization", "Bearer <token>"),
                Map.entry("Content-Type", "application/json"));
        assertThat(curl.data()).contains("\n{\n\"title\": \"Task with minimal params\"\n}\n");
    }

    @Test
    void lightfieldsExampleExpandsTheApiKeyAndKeepsItsPlaceholders() {
        CurlCommand curl = CurlCommand.first(seed("lightfield-create-task.txt"), Map.of("API_KEY", "k-123"));
        assertThat(curl.method()).isEqualTo("POST");
        assertThat(curl.url()).isEqualTo(URI.create("https://api.lightfield.app/v1/tasks"));
        assertThat(curl.headers()).containsExactly(Map.entry("Content-Type", "application/json"),
                Map.entry("Lightfield-Version", "2026-03-01"), Map.entry("Authorization", "Bearer k-123"));
        assertThat(curl.data().orElseThrow()).contains("\"$status\": \"$status\"", "\"$title\": \"$title\"", "\"foo\": \"string\"")
                .startsWith("{").endsWith("}");
    }

    @Test
    void movingToAnotherHostKeepsThePathAndReplacingTheTokenKeepsTheRest() {
        CurlCommand curl = CurlCommand.first(seed("stora-create-task.txt"), Map.of())
                .at(URI.create("http://127.0.0.1:8123")).withBearer("t");
        assertThat(curl.url()).isEqualTo(URI.create("http://127.0.0.1:8123/2025-09/tasks"));
        assertThat(curl.headers()).containsEntry("Authorization", "Bearer t").containsEntry("Content-Type", "application/json");
    }
}
