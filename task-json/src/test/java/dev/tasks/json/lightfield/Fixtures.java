package dev.tasks.json.lightfield;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasks.api.Actor;
import dev.tasks.api.RelatedEntities;
import dev.tasks.api.Scope;
import dev.tasks.api.TaskException;
import dev.tasks.api.TaskService;
import dev.tasks.core.Cardinality;
import dev.tasks.core.RelationshipDefinition;
import dev.tasks.json.BodyException;
import dev.tasks.json.JsonBody;
import dev.tasks.store.memory.InMemoryTaskStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** What the Lightfield tests share: a real service on the memory store, the format made from it, JSON helpers. */
final class Fixtures {

    static final String LINK_BASE = "https://app.example.com/tasks";

    /** A custom relationship, so that custom names are covered next to system ones. */
    static final RelationshipDefinition PROJECT = RelationshipDefinition.custom("project", "project", Cardinality.HAS_ONE);

    static final RelationshipDefinition WATCHERS = RelationshipDefinition.custom("watchers", "member", Cardinality.HAS_MANY);

    static final Actor ALICE = Actor.of("acme", "mem_alice", Scope.all());

    private Fixtures() {
    }

    /** A service with the two custom relationships; entity ids starting with {@code gone} are missing, {@code old} inactive. */
    static TaskService service() {
        return TaskService.builder(new InMemoryTaskStore())
                .relationship(PROJECT)
                .relationship(WATCHERS)
                .relatedEntities((tenant, relationship, id) -> id.startsWith("gone") ? RelatedEntities.EntityState.MISSING
                        : id.startsWith("old") ? RelatedEntities.EntityState.INACTIVE : RelatedEntities.EntityState.ACTIVE)
                .build();
    }

    static LightfieldFormat format(TaskService service) {
        return new LightfieldFormat(service.definitions(), LINK_BASE);
    }

    /** JSON with single quotes for readability: {@code "{'a': 1}"}. */
    static byte[] body(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    static JsonNode tree(byte[] json) {
        try {
            return JsonBody.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The inner object of an error body, after checking the envelope. */
    static JsonNode inner(LightfieldError error) {
        JsonNode body = tree(error.body());
        assertThat(body.size()).as("members of %s", error).isEqualTo(1);
        return body.get("error");
    }

    /** The error a reading raises. */
    static LightfieldError bodyError(ThrowingCallable reading) {
        BodyException e = catchThrowableOfType(BodyException.class, reading);
        assertThat(e).as("a BodyException").isNotNull();
        return LightfieldError.from(e);
    }

    /** The error a service call raises. */
    static LightfieldError serviceError(ThrowingCallable call) {
        TaskException e = catchThrowableOfType(TaskException.class, call);
        assertThat(e).as("a TaskException").isNotNull();
        return LightfieldError.from(e);
    }

    /** Asserts status, type, code and param (null: absent) of an error. */
    static void assertError(LightfieldError error, int status, String type, String code, String param) {
        assertThat(error.httpStatus()).as("status of %s", error).isEqualTo(status);
        JsonNode inner = inner(error);
        assertThat(inner.path("type").asText()).as("type of %s", error).isEqualTo(type);
        if (code == null) {
            assertThat(inner.has("code")).as("code of %s", error).isFalse();
        } else {
            assertThat(inner.path("code").asText()).as("code of %s", error).isEqualTo(code);
        }
        if (param == null) {
            assertThat(inner.has("param")).as("param of %s", error).isFalse();
        } else {
            assertThat(inner.path("param").asText()).as("param of %s", error).isEqualTo(param);
        }
        assertThat(inner.path("message").asText()).as("message of %s", error).isNotBlank()
                .doesNotContain("com.fasterxml", "java.", "Exception");
    }
}
