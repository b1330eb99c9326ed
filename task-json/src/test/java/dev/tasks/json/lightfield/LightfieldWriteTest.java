package dev.tasks.json.lightfield;

import static dev.tasks.json.lightfield.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasks.api.TaskService;
import dev.tasks.core.FieldDefinition;
import dev.tasks.core.RelationshipCatalog;
import dev.tasks.core.Task;
import dev.tasks.core.TaskDefinitions;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tasks, lists and definitions as Lightfield writes them. */
class LightfieldWriteTest {

    private final TaskService service = Fixtures.service();
    private final LightfieldFormat format = Fixtures.format(service);

    private static final Task TASK = Task.builder()
            .id(new TaskId("task_0lq2x7k9b3m4n5p6"))
            .tenantId(new TenantId("acme"))
            .title("Inspect unit 12")
            .description("**Bring** the key")
            .status(TaskStatus.COMPLETE)
            .dueAt(Instant.parse("2026-12-01T09:00:00Z"))
            .completedAt(Instant.parse("2026-11-30T17:45:12.345Z"))
            .createdAt(Instant.parse("2026-11-01T08:00:00Z"))
            .updatedAt(Instant.parse("2026-11-30T17:45:12.345Z"))
            .version(4)
            .externalId("ext-12")
            .metadata(Map.of("region", "north"))
            .relationship("$assignedTo", List.of("mem_1"))
            .relationship("$createdBy", List.of("mem_alice"))
            .relationship("watchers", List.of("mem_2", "mem_3"))
            .build();

    @Test
    void a_task_is_written_exactly() {
        assertThat(new String(format.writeTask(TASK), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(("{"
                + "'id':'task_0lq2x7k9b3m4n5p6','createdAt':'2026-11-01T08:00:00Z','updatedAt':'2026-11-30T17:45:12.345Z',"
                + "'httpLink':'https://app.example.com/tasks/task_0lq2x7k9b3m4n5p6','externalId':'ext-12',"
                + "'fields':{"
                + "'$title':{'value':'Inspect unit 12','valueType':'TEXT'},"
                + "'$status':{'value':'COMPLETE','valueType':'SINGLE_SELECT'},"
                + "'$description':{'value':'**Bring** the key','valueType':'MARKDOWN'},"
                + "'$dueAt':{'value':'2026-12-01T09:00:00Z','valueType':'DATETIME'}},"
                + "'relationships':{"
                + "'$assignedTo':{'cardinality':'HAS_ONE','objectType':'member','values':['mem_1']},"
                + "'$createdBy':{'cardinality':'HAS_ONE','objectType':'member','values':['mem_alice']},"
                + "'$account':{'cardinality':'HAS_ONE','objectType':'account','values':[]},"
                + "'$opportunity':{'cardinality':'HAS_ONE','objectType':'opportunity','values':[]},"
                + "'$resource':{'cardinality':'HAS_ONE','objectType':'any','values':[]},"
                + "'$site':{'cardinality':'HAS_ONE','objectType':'site','values':[]},"
                + "'$note':{'cardinality':'HAS_MANY','objectType':'note','values':[]},"
                + "'project':{'cardinality':'HAS_ONE','objectType':'project','values':[]},"
                + "'watchers':{'cardinality':'HAS_MANY','objectType':'member','values':['mem_2','mem_3']}}}").replace('\'', '"'));
    }

    @Test
    void unset_values_are_null_and_there_is_no_link_without_a_base() {
        Task bare = Task.builder().id(TASK.id()).tenantId(TASK.tenantId()).title("t").status(TaskStatus.OPEN)
                .createdAt(TASK.createdAt()).updatedAt(TASK.createdAt()).build();

        JsonNode written = tree(new LightfieldFormat(service.definitions()).writeTask(bare));

        assertThat(written.get("httpLink").isNull()).isTrue();
        assertThat(written.get("externalId").isNull()).isTrue();
        assertThat(written.at("/fields/$status/value").asText()).isEqualTo("OPEN");
        assertThat(written.at("/fields/$description/value").isNull()).isTrue();
        assertThat(written.at("/fields/$dueAt/value").isNull()).isTrue();
        assertThat(written.at("/relationships/$assignedTo/values").isEmpty()).isTrue();
    }

    @Test
    void what_lightfield_has_no_member_for_is_not_written() {
        JsonNode written = tree(format.writeTask(TASK));

        assertThat(written.fieldNames()).toIterable()
                .containsExactly("id", "createdAt", "updatedAt", "httpLink", "externalId", "fields", "relationships");
        assertThat(written.toString()).doesNotContain("completedAt", "2026-11-30T17:45:12.345Z\"}", "version", "metadata", "region", "trashedAt");
    }

    @Test
    void a_list_carries_its_total() {
        JsonNode list = tree(format.writeList(List.of(TASK, TASK), 41));

        assertThat(list.fieldNames()).toIterable().containsExactly("object", "data", "totalCount");
        assertThat(list.get("object").asText()).isEqualTo("list");
        assertThat(list.get("data")).hasSize(2);
        assertThat(list.get("data").get(0)).isEqualTo(tree(format.writeTask(TASK)));
        assertThat(list.get("totalCount").asLong()).isEqualTo(41);
        assertThat(tree(format.writeList(List.of(), 0)).toString()).isEqualTo("{\"object\":\"list\",\"data\":[],\"totalCount\":0}");
        assertThatThrownBy(() -> format.writeList(List.of(), -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("totalCount");
    }

    @Test
    void the_definitions_name_every_field_and_relationship() {
        JsonNode definitions = tree(format.writeDefinitions(service.definitions()));

        assertThat(definitions.get("objectType").asText()).isEqualTo("task");
        assertThat(definitions.get("fieldDefinitions").fieldNames()).toIterable()
                .containsExactly("$title", "$status", "$description", "$dueAt");
        assertThat(definitions.at("/fieldDefinitions/$title").toString()).isEqualTo(("{'id':'$title','label':'Title',"
                + "'description':'Title of the task.','valueType':'TEXT','readOnly':false,'typeConfiguration':{}}").replace('\'', '"'));
        assertThat(definitions.at("/fieldDefinitions/$dueAt/valueType").asText()).isEqualTo("DATETIME");
        assertThat(definitions.at("/fieldDefinitions/$description/valueType").asText()).isEqualTo("MARKDOWN");
        assertThat(definitions.at("/fieldDefinitions/$status/valueType").asText()).isEqualTo("SINGLE_SELECT");
        assertThat(definitions.at("/fieldDefinitions/$status/typeConfiguration/options").findValuesAsText("id"))
                .containsExactly("OPEN", "TODO", "IN_PROGRESS", "COMPLETE", "CANCELLED");
        assertThat(definitions.at("/fieldDefinitions/$status/typeConfiguration/options/2").toString())
                .isEqualTo("{\"id\":\"IN_PROGRESS\",\"label\":\"In progress\",\"description\":null}");

        assertThat(definitions.get("relationshipDefinitions").fieldNames()).toIterable()
                .containsExactly("$assignedTo", "$createdBy", "$account", "$opportunity", "$resource", "$site", "$note", "project", "watchers");
        assertThat(definitions.at("/relationshipDefinitions/$note/cardinality").asText()).isEqualTo("HAS_MANY");
        assertThat(definitions.at("/relationshipDefinitions/$note/description").asText()).contains("Read-only");
        assertThat(definitions.at("/relationshipDefinitions/watchers").toString()).isEqualTo(("{'id':'watchers','label':'Watchers',"
                + "'description':null,'cardinality':'HAS_MANY','objectType':'member'}").replace('\'', '"'));
        assertThat(format.writeDefinitions()).isEqualTo(format.writeDefinitions(service.definitions()));
    }

    @Test
    void the_link_base_must_be_an_http_url() {
        TaskDefinitions definitions = service.definitions();
        assertThat(tree(new LightfieldFormat(definitions, "https://x.example/t///").writeTask(TASK)).get("httpLink").asText())
                .isEqualTo("https://x.example/t/task_0lq2x7k9b3m4n5p6");
        assertThatThrownBy(() -> new LightfieldFormat(definitions, "app.example.com/tasks"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute http or https URL");
        assertThatThrownBy(() -> new LightfieldFormat(definitions, "ftp://app.example.com/tasks"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute http or https URL");
        assertThatThrownBy(() -> new LightfieldFormat(definitions, "https://app.example.com/tasks?x=1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no query");
        assertThatThrownBy(() -> new LightfieldFormat(definitions, "https://app example"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a URL");
    }

    @Test
    void definitions_without_the_task_fields_are_refused() {
        TaskDefinitions partial = new TaskDefinitions(List.of(FieldDefinition.TITLE), RelationshipCatalog.system().all());

        assertThatThrownBy(() -> new LightfieldFormat(partial)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$status");
    }
}
