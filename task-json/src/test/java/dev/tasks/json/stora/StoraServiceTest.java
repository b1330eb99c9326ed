package dev.tasks.json.stora;

import static dev.tasks.json.stora.StoraFixture.REQUEST_ID;
import static dev.tasks.json.stora.StoraFixture.bytes;
import static dev.tasks.json.stora.StoraFixture.pointers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tasks.api.Actor;
import dev.tasks.api.RelatedEntities.EntityState;
import dev.tasks.api.RelatedEntities;
import dev.tasks.api.Scope;
import dev.tasks.api.TaskException;
import dev.tasks.api.WriteOptions;
import dev.tasks.core.NewTask;
import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskPatch;
import dev.tasks.json.JsonBody;
import java.util.EnumSet;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * End to end through a real {@code TaskService} on the in-memory store: JSON in, the service's rules,
 * JSON out, as a Stora server would answer.
 */
class StoraServiceTest {

    private final StoraFixture f = new StoraFixture();

    @Test
    void aCreateThroughJsonIsStoredAndWrittenBack() {
        StoraFixture.Response response = f.create("""
                {"title": "Contact Task", "description": "Task for a contact resource", "due_at": "2025-02-27T14:41:00Z",
                 "assignee": {"id": "staff_06778802edebb94d"}, "resource": {"id": "con_1234567890abcdef"},
                 "site": {"id": "site_14b419f1096013f1"}, "metadata": {"source": "api", "external_id": "ext_123"}}
                """);

        assertThat(response.status()).isEqualTo(201);
        JsonNode task = response.body().path("task");
        Task stored = f.service.get(f.actor, new TaskId(task.path("id").asText()));
        assertThat(task).isEqualTo(StoraFixture.parse(f.stora.writeTask(stored, REQUEST_ID)).path("task"));
        assertThat(stored.title()).isEqualTo("Contact Task");
        assertThat(stored.assignee()).contains("staff_06778802edebb94d");
        assertThat(stored.relationship("$resource")).containsExactly("con_1234567890abcdef");
        assertThat(stored.relationship("$site")).containsExactly("site_14b419f1096013f1");
        assertThat(stored.metadata()).containsEntry("source", "api").containsEntry("external_id", "ext_123");
        assertThat(response.body().path("meta").path("request_id").asText()).isEqualTo(REQUEST_ID);
    }

    @Test
    void aViolationIsStorasInvalidContentPointingAtTheMember() {
        StoraFixture.Response response = f.create("{\"title\": \"   \"}");

        StoraErrorTest.assertWellFormed(response, 422, "invalid_content");
        JsonNode error = response.body().path("error");
        assertThat(error.path("type").asText()).isEqualTo("unprocessable_content");
        assertThat(error.path("request_id").asText()).isEqualTo(REQUEST_ID);
        assertThat(error.path("details")).hasSize(1);
        assertThat(error.path("details").get(0).path("pointer").asText()).isEqualTo("/title");
        assertThat(error.path("details").get(0).path("message").asText()).isEqualTo("title: must not be blank");
        assertThat(f.service.count(f.actor, TaskFilter.ALL)).as("nothing stored").isZero();
    }

    @Test
    void everyViolationOfOneRequestIsReportedAtItsMember() {
        StoraFixture.Response response = f.create("""
                {"title": "", "due_at": "0000-12-31T23:59:59Z", "assignee": {"id": "staff 1"}, "site": {"id": ""},
                 "resource": {"id": "con_\\u00e9"}, "metadata": {"Region": "x", "ok": "\\ud800"}}
                """);

        assertThat(response.status()).isEqualTo(422);
        assertThat(pointers(response.body())).containsExactlyInAnyOrder(
                "/title", "/due_at", "/assignee/id", "/site/id", "/resource/id", "/metadata/Region", "/metadata/ok");
        StoraBadBodyTest.assertClientFit(response.body().path("error"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"title\": \"bell \\u0007\"} | /title",
            "{\"title\": \"lone \\ud800 surrogate\"} | /title",
            "{\"title\": \"\\udc00\"} | /title",
            "{\"title\": \"nul \\u0000\"} | /title",
            "{\"title\": \"\\u200b\\u00a0\\ufeff\"} | /title",
            "{\"title\": \"t\", \"description\": \"\\ud83d\"} | /description",
            "{\"title\": \"t\", \"description\": \"a\\u0000b\"} | /description",
            "{\"title\": \"t\", \"metadata\": {\"k\": \"\\udfff\"}} | /metadata/k",
            "{\"title\": \"t\", \"metadata\": {\"k\": \"\\u0000\"}} | /metadata/k",
            "{\"title\": \"t\", \"metadata\": {\"a/b\": \"v\"}} | /metadata/a~1b",
            "{\"title\": \"t\", \"metadata\": {\"a~b\": \"v\"}} | /metadata/a~0b",
            "{\"title\": \"t\", \"metadata\": {\"\": \"v\"}} | /metadata/",
            "{\"title\": \"t\", \"assignee\": {\"id\": \"\\ud800\"}} | /assignee/id",
            "{\"title\": \"t\", \"assignee\": {\"id\": \"staff_1\\n\"}} | /assignee/id",
            "{\"title\": \"t\", \"site\": {\"id\": \"site/1\"}} | /site/id",
            "{\"title\": \"t\", \"due_at\": \"+10000-01-01T00:00:00Z\"} | /due_at"})
    void hostileStringsReachTheServiceAndComeBackAsAMappedError(String body, String pointer) {
        StoraFixture.Response response = f.create(body);

        assertThat(response.status()).as(body).isEqualTo(422);
        assertThat(pointers(response.body())).as(body).containsExactly(pointer);
    }

    /** The parser refuses a lone surrogate in a member name (in a value it is the service's to judge). */
    @Test
    void aLoneSurrogateInAMetadataKeyIsMalformedJson() {
        StoraFixture.Response response = f.create("{\"title\": \"t\", \"metadata\": {\"\\ud800\": \"v\"}}");

        StoraErrorTest.assertWellFormed(response, 400, "invalid_request");
        StoraBadBodyTest.assertClientFit(response.body().path("error"));
    }

    @Test
    void longValuesArePointedAt() {
        String title = "x".repeat(501);
        String key = "k".repeat(41);
        String id = "i".repeat(129);
        StoraFixture.Response response = f.create("{\"title\": \"" + title + "\", \"metadata\": {\"" + key + "\": \"v\"}, "
                + "\"resource\": {\"id\": \"" + id + "\"}}");

        assertThat(pointers(response.body())).containsExactlyInAnyOrder("/title", "/metadata/" + key, "/resource/id");
    }

    @Test
    void hostileButValidStringsAreStoredAndWrittenExactly() {
        String title = "\uD83D\uDE80".repeat(500);
        String description = "<script>alert(\"x\")</script>\n\t\u2028\u2029 \\ / \uD83D\uDE00";
        String value = "\"quoted\" \u0085 \u00e9";
        StoraFixture.Response response = f.create("{\"title\": " + json(title) + ", \"description\": " + json(description)
                + ", \"metadata\": {\"k\": " + json(value) + "}}");

        assertThat(response.status()).isEqualTo(201);
        JsonNode task = response.body().path("task");
        assertThat(task.path("title").asText()).isEqualTo(title);
        assertThat(task.path("description").asText()).isEqualTo(description);
        assertThat(task.path("metadata").path("k").asText()).isEqualTo(value);
    }

    @Test
    void tooManyMetadataKeysAfterAPatchPointAtMetadata() {
        StringJoiner twenty = new StringJoiner(", ", "{", "}");
        for (int i = 0; i < 20; i++) {
            twenty.add("\"k" + i + "\": \"v\"");
        }
        Task task = f.given(NewTask.titled("t"));
        assertThat(f.update(task.id(), "{\"metadata\": " + twenty + "}").status()).isEqualTo(200);

        StoraFixture.Response response = f.update(task.id(), "{\"metadata\": {\"one_more\": \"v\"}}");

        assertThat(response.status()).isEqualTo(422);
        assertThat(pointers(response.body())).containsExactly("/metadata");
    }

    @Test
    void aMissingOrInactiveRelatedEntityIsPointedAtOnCreateAndPatch() {
        RelatedEntities related = (tenant, relationship, id) -> switch (id) {
            case "staff_gone" -> EntityState.MISSING;
            case "site_closed" -> EntityState.INACTIVE;
            default -> EntityState.ACTIVE;
        };
        StoraFixture g = new StoraFixture(new StoraFormat(), related);

        StoraFixture.Response create =
                g.create("{\"title\": \"t\", \"assignee\": {\"id\": \"staff_gone\"}, \"site\": {\"id\": \"site_closed\"}}");
        assertThat(create.status()).isEqualTo(422);
        assertThat(pointers(create.body())).containsExactly("/assignee/id", "/site/id");

        Task task = g.given(NewTask.titled("t"));
        StoraFixture.Response patch = g.update(task.id(), "{\"assignee\": {\"id\": \"staff_gone\"}}");
        assertThat(patch.status()).isEqualTo(422);
        JsonNode detail = patch.body().path("error").path("details").get(0);
        assertThat(detail.path("pointer").asText()).isEqualTo("/assignee/id");
        assertThat(detail.path("message").asText()).startsWith("assignee.id: ").contains("staff_gone");
    }

    @Test
    void anUnknownTaskIsResourceNotFound() {
        StoraFixture.Response response = f.update(new TaskId("task_0000000000000000"), "{\"title\": \"x\"}");

        StoraErrorTest.assertWellFormed(response, 404, "resource_not_found");
    }

    @Test
    void aTokenWithoutTheScopeIsForbidden() {
        Actor reader = Actor.of("acme", "app_1", EnumSet.copyOf(Scope.parse("public.task:read")));

        TaskException e = catchThrowableOfType(TaskException.class,
                () -> f.service.create(reader, f.stora.readCreate(bytes("{\"title\": \"t\"}"))));
        StoraFixture.Response response = StoraFixture.error(StoraError.from(e, REQUEST_ID));

        StoraErrorTest.assertWellFormed(response, 403, "forbidden");
        assertThat(response.body().path("error").path("message").asText()).contains("public.task:write");
    }

    @Test
    void aVersionConflictAndATrashedTaskAreConflicts() {
        Task task = f.given(NewTask.titled("t"));
        TaskPatch patch = f.stora.readUpdate(bytes("{\"title\": \"u\"}"));

        TaskException stale = catchThrowableOfType(TaskException.class,
                () -> f.service.update(f.actor, task.id(), patch, WriteOptions.expectVersion(7)));
        StoraErrorTest.assertWellFormed(StoraFixture.error(StoraError.from(stale, REQUEST_ID)), 409, "conflict");

        f.service.trash(f.actor, task.id());
        StoraErrorTest.assertWellFormed(f.update(task.id(), "{\"title\": \"u\"}"), 409, "conflict");
    }

    @Test
    void aReusedIdempotencyKeyNamesTheHeader() {
        f.service.create(f.actor, f.stora.readCreate(bytes("{\"title\": \"first\"}")), "key-1");

        TaskException e = catchThrowableOfType(TaskException.class,
                () -> f.service.create(f.actor, f.stora.readCreate(bytes("{\"title\": \"second\"}")), "key-1"));
        StoraFixture.Response response = StoraFixture.error(StoraError.from(e, REQUEST_ID));

        StoraErrorTest.assertWellFormed(response, 422, "invalid_content");
        assertThat(response.body().path("error").path("details").get(0).path("header").asText()).isEqualTo("Idempotency-Key");
    }

    @Test
    void aMalformedIdempotencyKeyIsAnInvalidRequestNamingTheHeader() {
        TaskException e = catchThrowableOfType(TaskException.class,
                () -> f.service.create(f.actor, f.stora.readCreate(bytes("{\"title\": \"t\"}")), "k".repeat(256)));
        StoraFixture.Response response = StoraFixture.error(StoraError.from(e, REQUEST_ID));

        StoraErrorTest.assertWellFormed(response, 400, "invalid_request");
        JsonNode detail = response.body().path("error").path("details").get(0);
        assertThat(detail.path("header").asText()).isEqualTo("Idempotency-Key");
        assertThat(detail.path("message").asText()).startsWith("Idempotency-Key header: ");
    }

    @Test
    void aListPageIsWrittenWithItsPagination() {
        for (int i = 0; i < 5; i++) {
            f.given(NewTask.titled("Task " + i));
        }
        StoraPageRequest page = StoraPageRequest.fromQuery("2", "2");

        List<Task> tasks = f.service.list(f.actor, page.query()).tasks();
        long count = f.service.count(f.actor, page.query().filter());
        JsonNode list = StoraFixture.parse(f.stora.writeList(tasks, page.pagination(count), REQUEST_ID));

        List<Task> all = f.service.list(f.actor, StoraPageRequest.FIRST.query()).tasks();
        assertThat(list.path("tasks")).hasSize(2);
        assertThat(list.path("tasks").get(0).path("id").asText()).isEqualTo(all.get(2).id().value());
        assertThat(list.path("tasks").get(1).path("id").asText()).isEqualTo(all.get(3).id().value());
        JsonNode pagination = list.path("meta").path("pagination");
        assertThat(pagination.path("count").asInt()).isEqualTo(5);
        assertThat(pagination.path("pages").asInt()).isEqualTo(3);
        assertThat(pagination.path("next").asInt()).isEqualTo(3);
        assertThat(pagination.path("prev").asInt()).isEqualTo(1);
    }

    private static String json(String text) {
        try {
            return JsonBody.mapper().writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
