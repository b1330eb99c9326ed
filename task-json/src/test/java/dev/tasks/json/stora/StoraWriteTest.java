package dev.tasks.json.stora;

import static dev.tasks.json.stora.StoraFixture.bytes;
import static dev.tasks.json.stora.StoraFixture.names;
import static dev.tasks.json.stora.StoraFixture.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasks.api.RelatedEntities;
import dev.tasks.core.NewTask;
import dev.tasks.core.SystemRelationship;
import dev.tasks.core.Task;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Responses have the shape of Stora's documented example. */
class StoraWriteTest {

    /** Stora's example response to "Create a task", kept as a test resource. */
    private static final JsonNode SEED = StoraFixture.resource("create-task-response.json");

    /** The members Stora shows with a value but documents as nullable. */
    private static final Set<String> NULLABLE = Set.of("assignee", "completed_at", "description", "due_at", "resource", "site");

    private static final List<Curie> SEED_CURIES = curiesOf(SEED);

    @Test
    void theSeedsMinimalCreateIsWrittenWithEveryDocumentedMember() {
        StoraFixture f = new StoraFixture(new StoraFormat(SEED_CURIES), RelatedEntities.acceptAll());

        StoraFixture.Response response = f.create("{\"title\": \"Task with minimal params\"}");

        JsonNode task = response.body().path("task");
        JsonNode seedTask = SEED.path("task");
        assertThat(names(response.body())).containsExactlyElementsOf(names(SEED));
        assertThat(names(task)).as("the members, in the seed's order").containsExactlyElementsOf(names(seedTask));
        seedTask.fieldNames().forEachRemaining(name -> {
            JsonNodeType expected = seedTask.get(name).getNodeType();
            if (NULLABLE.contains(name)) {
                assertThat(task.get(name).getNodeType()).as(name).isIn(expected, JsonNodeType.NULL);
            } else {
                assertThat(task.get(name).getNodeType()).as(name).isEqualTo(expected);
            }
        });
        assertThat(task.path("title").asText()).isEqualTo("Task with minimal params");
        assertThat(task.path("status").asText()).isEqualTo("open");
        assertThat(task.path("creator").path("id").asText()).isEqualTo(StoraFixture.PRINCIPAL);
        assertThat(task.path("created_at").asText()).isEqualTo("2025-02-22T14:41:00Z");
        assertThat(task.path("updated_at").asText()).isEqualTo("2025-02-22T14:41:00Z");
        assertThat(task.path("metadata").isObject()).isTrue();
        assertThat(task.path("metadata")).isEmpty();
        assertThat(TaskId.tryParse(task.path("id").asText())).isPresent();
        assertThat(response.body().path("meta")).isEqualTo(SEED.path("meta"));
    }

    @Test
    void aFullTaskHasTheSeedsTypesEverywhereAndItsValues() {
        StoraFixture f = new StoraFixture(new StoraFormat(SEED_CURIES), RelatedEntities.acceptAll());
        JsonNode seedTask = SEED.path("task");
        ObjectNodeBody request = ObjectNodeBody.from(seedTask, "id", "creator", "completed_at", "created_at", "updated_at");

        JsonNode task = f.create(request.json()).body().path("task");

        seedTask.fieldNames().forEachRemaining(name ->
                assertThat(task.get(name).getNodeType()).as(name).isEqualTo(seedTask.get(name).getNodeType()));
        for (String same : List.of("assignee", "description", "due_at", "metadata", "resource", "site", "status", "title")) {
            assertThat(task.get(same)).as(same).isEqualTo(seedTask.get(same));
        }
    }

    @Test
    void everyMemberComesFromItsField() {
        Task task = Task.builder()
                .id(new TaskId("task_195h6kfm9ro15lof"))
                .tenantId(new TenantId("acme"))
                .title("Inspect \"unit\" 12 \uD83D\uDE80")
                .description("<p>line 1\nline 2</p>")
                .status(TaskStatus.COMPLETE)
                .dueAt(Instant.parse("2025-02-27T14:41:00.120Z"))
                .completedAt(Instant.parse("2025-02-23T10:00:00Z"))
                .createdAt(Instant.parse("2025-02-22T14:41:00Z"))
                .updatedAt(Instant.parse("2025-02-23T10:00:00.001Z"))
                .metadata(Map.of("zeta", "1", "alpha", "2"))
                .relationship("$assignedTo", List.of("staff_1"))
                .relationship("$createdBy", List.of("tok_9"))
                .relationship("$resource", List.of("unit_12"))
                .relationship("$site", List.of("site_4"))
                .relationship("$account", List.of("acc_1"))
                .externalId("ext-1")
                .build();

        JsonNode written = parse(new StoraFormat().writeTask(task, "req-1"));
        JsonNode json = written.path("task");

        assertThat(json.path("id").asText()).isEqualTo(task.id().value());
        assertThat(json.path("title").asText()).isEqualTo(task.title());
        assertThat(json.path("description").asText()).isEqualTo(task.description().orElseThrow());
        assertThat(json.path("status").asText()).isEqualTo(StoraFormat.statusName(task.status()));
        assertThat(json.path("due_at").asText()).isEqualTo("2025-02-27T14:41:00.120Z");
        assertThat(json.path("completed_at").asText()).isEqualTo("2025-02-23T10:00:00Z");
        assertThat(json.path("created_at").asText()).isEqualTo("2025-02-22T14:41:00Z");
        assertThat(json.path("updated_at").asText()).isEqualTo("2025-02-23T10:00:00.001Z");
        assertThat(json.path("assignee").path("id").asText()).isEqualTo("staff_1");
        assertThat(json.path("creator").path("id").asText()).isEqualTo("tok_9");
        assertThat(json.path("resource").path("id").asText()).isEqualTo("unit_12");
        assertThat(json.path("site").path("id").asText()).isEqualTo("site_4");
        assertThat(names(json.path("metadata"))).as("sorted by key").containsExactly("alpha", "zeta");
        assertThat(names(json)).as("nothing Stora does not document").doesNotContain("account", "external_id", "externalId",
                "version", "trashed_at", "relationships");
        assertThat(written.path("meta").path("request_id").asText()).isEqualTo("req-1");
        assertThat(written.path("meta").path("curies").isArray()).isTrue();
        assertThat(written.path("meta").path("curies")).isEmpty();
        assertThat(names(written.path("meta"))).containsExactly("request_id", "curies");
    }

    @Test
    void aListCarriesItsTasksAndPagination() {
        StoraFixture f = new StoraFixture();
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tasks.add(f.given(NewTask.titled("Task " + i)));
        }
        StoraPagination pagination = new StoraPagination(2, 3, 7);

        JsonNode list = parse(new StoraFormat(SEED_CURIES).writeList(tasks, pagination, "req-2"));

        assertThat(names(list)).containsExactly("tasks", "meta");
        assertThat(list.path("tasks")).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(list.path("tasks").get(i)).isEqualTo(parse(f.stora.writeTask(tasks.get(i), "x")).path("task"));
        }
        JsonNode meta = list.path("meta");
        assertThat(names(meta)).containsExactly("request_id", "curies", "pagination");
        assertThat(meta.path("curies")).isEqualTo(SEED.path("meta").path("curies"));
        JsonNode p = meta.path("pagination");
        assertThat(names(p)).containsExactly("count", "last", "limit", "next", "page", "pages", "prev");
        assertThat(p.path("count").asLong()).isEqualTo(pagination.count());
        assertThat(p.path("limit").asInt()).isEqualTo(pagination.limit());
        assertThat(p.path("page").asInt()).isEqualTo(pagination.page());
        assertThat(p.path("pages").asLong()).isEqualTo(pagination.pages());
        assertThat(p.path("last").asLong()).isEqualTo(pagination.last());
        assertThat(p.path("next").asLong()).isEqualTo(pagination.next().orElseThrow());
        assertThat(p.path("prev").asLong()).isEqualTo(pagination.prev().orElseThrow());
    }

    @Test
    void anEmptyListHasOneEmptyPageWithNullNeighbours() {
        JsonNode list = parse(new StoraFormat().writeList(List.of(), new StoraPagination(1, 50, 0), "req-3"));

        assertThat(list.path("tasks").isArray()).isTrue();
        assertThat(list.path("tasks")).isEmpty();
        JsonNode p = list.path("meta").path("pagination");
        assertThat(p.path("pages").asInt()).isEqualTo(1);
        assertThat(p.path("last").asInt()).isEqualTo(1);
        assertThat(p.path("next").isNull()).isTrue();
        assertThat(p.path("prev").isNull()).isTrue();
    }

    @Test
    void aHostileRequestIdIsWrittenAsValidJsonAndReadsBackTheSame() {
        String requestId = "\"}\u0000\n\uD800</script>";
        Task task = new StoraFixture().given(NewTask.titled("t"));

        JsonNode written = parse(new StoraFormat().writeTask(task, requestId));

        assertThat(written.path("meta").path("request_id").asText()).isEqualTo(requestId);
    }

    @Test
    void misuseIsNamed() {
        StoraFormat stora = new StoraFormat();
        Task task = new StoraFixture().given(NewTask.titled("t"));

        assertThatThrownBy(() -> stora.writeTask(null, "r")).hasMessageContaining("task");
        assertThatThrownBy(() -> stora.writeTask(task, null)).hasMessageContaining("requestId");
        assertThatThrownBy(() -> stora.writeList(Arrays.asList(task, null), new StoraPagination(1, 1, 2), "r"))
                .hasMessageContaining("tasks[1]");
        assertThatThrownBy(() -> stora.writeList(List.of(), null, "r")).hasMessageContaining("pagination");
        assertThatThrownBy(() -> new StoraFormat(Arrays.asList((Curie) null))).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Curie(" ", "h", true, "t")).hasMessageContaining("name");
        assertThatThrownBy(() -> new Curie("bo", "", true, "t")).hasMessageContaining("href");
    }

    @Test
    void curiesAreHandedOutUnmodifiable() {
        List<Curie> given = new ArrayList<>(SEED_CURIES);
        StoraFormat stora = new StoraFormat(given);
        given.clear();

        assertThat(stora.curies()).isEqualTo(SEED_CURIES);
        assertThatThrownBy(() -> stora.curies().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aCreateBodyWrittenFromTheSeedReadsBack() {
        NewTask read = new StoraFormat().readCreate(bytes(ObjectNodeBody.from(SEED.path("task"),
                "id", "creator", "completed_at", "created_at", "updated_at").json()));

        assertThat(read.relationships().get(SystemRelationship.SITE.relationshipName())).containsExactly("site_14b419f1096013f1");
    }

    private static List<Curie> curiesOf(JsonNode response) {
        List<Curie> curies = new ArrayList<>();
        response.path("meta").path("curies").forEach(c -> curies.add(new Curie(c.path("name").asText(), c.path("href").asText(),
                c.path("templated").asBoolean(), c.path("title").asText())));
        return List.copyOf(curies);
    }

    /** A request body made from a response's task, without the members a client cannot send. */
    record ObjectNodeBody(ObjectNode node) {
        static ObjectNodeBody from(JsonNode task, String... readOnly) {
            ObjectNode copy = task.deepCopy();
            copy.remove(List.of(readOnly));
            return new ObjectNodeBody(copy);
        }

        String json() {
            return node.toString();
        }
    }
}
