package dev.tasks.json.stora;

import static dev.tasks.json.stora.StoraFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasks.core.NewTask;
import dev.tasks.core.SystemRelationship;
import dev.tasks.core.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StoraCreateTest {

    private final StoraFormat stora = new StoraFormat();

    @Test
    void theSeedsMinimalBodyIsATitledOpenTask() {
        NewTask request = stora.readCreate(bytes("{\"title\": \"Task with minimal params\"}"));

        assertThat(request).isEqualTo(NewTask.titled("Task with minimal params"));
        assertThat(request.status()).isEqualTo(TaskStatus.OPEN);
    }

    @Test
    void everyMemberReachesItsField() {
        NewTask request = stora.readCreate(bytes("""
                {"title": "Contact Task", "description": "<p>Task for a contact resource</p>",
                 "due_at": "2025-02-27T14:41:00Z", "status": "in_progress",
                 "assignee": {"id": "staff_06778802edebb94d"}, "resource": {"id": "con_1234567890abcdef"},
                 "site": {"id": "site_14b419f1096013f1"}, "metadata": {"source": "api", "external_id": "ext_123"}}
                """));

        assertThat(request.title()).isEqualTo("Contact Task");
        assertThat(request.description()).contains("<p>Task for a contact resource</p>");
        assertThat(request.dueAt()).contains(Instant.parse("2025-02-27T14:41:00Z"));
        assertThat(request.status()).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(request.relationships()).containsExactlyInAnyOrderEntriesOf(Map.of(
                SystemRelationship.ASSIGNED_TO.relationshipName(), List.of("staff_06778802edebb94d"),
                SystemRelationship.RESOURCE.relationshipName(), List.of("con_1234567890abcdef"),
                SystemRelationship.SITE.relationshipName(), List.of("site_14b419f1096013f1")));
        assertThat(request.metadata()).containsExactly(Map.entry("source", "api"), Map.entry("external_id", "ext_123"));
        assertThat(request.externalId()).as("Stora's metadata key external_id is only metadata").isEmpty();
    }

    @Test
    void onCreateNullIsTheSameAsAbsent() {
        NewTask withNulls = stora.readCreate(bytes("""
                {"title": "t", "description": null, "due_at": null, "status": null, "assignee": null,
                 "resource": null, "site": null, "metadata": null}
                """));

        assertThat(withNulls).isEqualTo(stora.readCreate(bytes("{\"title\": \"t\"}")));
    }

    @ParameterizedTest
    @EnumSource(TaskStatus.class)
    void aCreateMayNameAnyStatusBySpelling(TaskStatus status) {
        NewTask request = stora.readCreate(bytes("{\"title\": \"t\", \"status\": \"" + StoraFormat.statusName(status) + "\"}"));

        assertThat(request.status()).isEqualTo(status);
    }

    @Test
    void dueTimesWithAnOffsetAreTheSameInstant() {
        NewTask request = stora.readCreate(bytes("{\"title\": \"t\", \"due_at\": \"2025-02-27T16:41:00.250+02:00\"}"));

        assertThat(request.dueAt()).contains(Instant.parse("2025-02-27T14:41:00.250Z"));
    }

    @Test
    void emptyMetadataAndEmptyStringsArePassedAsGiven() {
        NewTask request = stora.readCreate(bytes("{\"title\": \"\", \"description\": \"\", \"metadata\": {}}"));

        assertThat(request.title()).as("the service judges a blank title").isEmpty();
        assertThat(request.description()).contains("");
        assertThat(request.metadata()).isEmpty();
    }
}
