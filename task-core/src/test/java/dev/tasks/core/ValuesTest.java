package dev.tasks.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checks values make at construction. */
class ValuesTest {

    @Test
    void tenantIdsAreNotBlankAndAtMost255CodePoints() {
        assertThatThrownBy(() -> TenantId.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TenantId.of("  ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TenantId.of("\u00A0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TenantId.of("a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TenantId.of("x".repeat(256))).isInstanceOf(IllegalArgumentException.class);
        assertThat(TenantId.of("😀".repeat(255)).value()).hasSize(510);
    }

    @Test
    void customRelationshipNamesAreSlugs() {
        assertThat(RelationshipDefinition.custom("a" + "b".repeat(62), "member", Cardinality.HAS_ONE).name()).hasSize(63);
        for (String bad : new String[] {"a" + "b".repeat(63), "1abc", "Abc", "a-b", "", "$x", "a b"}) {
            assertThatThrownBy(() -> RelationshipDefinition.custom(bad, "member", Cardinality.HAS_ONE))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> RelationshipDefinition.custom("ok", "Bad Type", Cardinality.HAS_ONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RelationshipCatalog.withCustom(java.util.List.of(
                RelationshipDefinition.custom("p", "x", Cardinality.HAS_ONE), RelationshipDefinition.custom("p", "y", Cardinality.HAS_MANY))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void taskIdsHaveTheirShape() {
        assertThat(TaskId.tryParse("task_195h6kfm9ro15lof")).isPresent();
        for (String bad : new String[] {"task_195h6kfm9ro15lo", "task_195H6kfm9ro15lof", "tsk_195h6kfm9ro15lof", "task_195h6kfm9ro15lof1", ""}) {
            assertThat(TaskId.tryParse(bad)).as(bad).isEmpty();
        }
        assertThat(TaskId.tryParse(null)).isEmpty();
    }

    @Test
    void generatedIdsAreWellFormedDistinctAndTimeOrdered() {
        java.time.Clock early = java.time.Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);
        java.time.Clock late = java.time.Clock.fixed(Instant.parse("2026-01-01T00:00:01Z"), java.time.ZoneOffset.UTC);
        TaskIdGenerator a = TaskIdGenerator.timeOrdered(early);
        TaskIdGenerator b = TaskIdGenerator.timeOrdered(late);
        Set<TaskId> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            TaskId x = a.next();
            assertThat(seen.add(x)).isTrue();
            assertThat(x.compareTo(b.next())).isNegative();
            assertThat(seen.add(TaskIdGenerator.random().next())).isTrue();
        }
        // The random part varies in every position: 9 characters of 36 values.
        Set<Character> last = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            last.add(a.next().value().charAt(TaskId.PREFIX.length() + TaskId.BODY_LENGTH - 1));
        }
        assertThat(last).hasSize(36);
    }

    @Test
    void aTaskKeepsItsInvariants() {
        Task.Builder b = Task.builder().id(TaskId.tryParse("task_0000000000000000").orElseThrow()).tenantId(TenantId.of("t"))
                .title("x").createdAt(Instant.EPOCH).updatedAt(Instant.EPOCH);
        assertThat(b.build().version()).isEqualTo(1);
        assertThatThrownBy(() -> b.status(TaskStatus.COMPLETE).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.status(TaskStatus.OPEN).completedAt(Instant.EPOCH).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.completedAt(null).version(0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.version(1).dueAt(Instant.EPOCH.plusNanos(1)).build()).isInstanceOf(IllegalArgumentException.class);
    }
}
