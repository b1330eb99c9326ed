package dev.tasks.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasks.core.RelatedTo;
import dev.tasks.core.SortDirection;
import dev.tasks.core.SortField;
import dev.tasks.core.SortPosition;
import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskSort;
import dev.tasks.core.TenantId;
import dev.tasks.core.TrashFilter;
import dev.tasks.core.store.IdempotencyOperation;
import dev.tasks.core.store.IdempotencyRecord;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract of tenants: a task of another tenant does not exist for the caller. It is never
 * returned, counted, changed or deleted; idempotency keys are per tenant.
 */
public abstract class TenantIsolationContract extends StoreContractSupport {

    /** Made by subclasses. */
    protected TenantIsolationContract() {
    }

    /** Tenant ids that differ only in case, by a trailing space, or as prefixes of each other. */
    private static final List<TenantId> LOOKALIKES = List.of(
            TenantId.of("Tenant-a"), TenantId.of("tenant-a "), TenantId.of("tenant-"), TenantId.of("tenant-a-"), TenantId.of("tenant_a"));

    private Task bTask() {
        return insertOne(taskB().title("Call B").externalId("ext-1").assignee("mem_1").metadata("region", "north")
                .relationship("$account", "acc_1").dueAt(T0).build());
    }

    /** Get and find by external id never answer another tenant's task. */
    @Test
    void readsNeverAnswerAnotherTenantsTask() {
        Task b = bTask();
        assertAbsent(TENANT_A, b.id());
        assertThat(store.findByExternalId(TENANT_A, "ext-1")).isEmpty();
        for (TenantId lookalike : LOOKALIKES) {
            assertAbsent(lookalike, b.id());
            assertThat(store.findByExternalId(lookalike, "ext-1")).isEmpty();
        }
        assertStored(b);
    }

    /** Find and count never list or count another tenant's tasks, whatever the filter. */
    @Test
    void queriesNeverListOrCountAnotherTenantsTasks() {
        Task b = bTask();
        Task bTrashed = insertOne(taskB().trashed().build());
        Task a = insertOne(taskA().title("Call A").build());
        List<TaskFilter> filters = List.of(TaskFilter.ALL, EVERYTHING,
                TaskFilter.builder().trashed(TrashFilter.ONLY).build(),
                TaskFilter.builder().assignee("mem_1").build(),
                TaskFilter.builder().externalId("ext-1").build(),
                TaskFilter.builder().metadata("region", "north").build(),
                TaskFilter.builder().relatedTo(RelatedTo.any("acc_1")).build(),
                TaskFilter.builder().titleContains("call").build(),
                TaskFilter.builder().dueAfter(T0).build());
        for (TaskFilter f : filters) {
            List<Task> found = findAll(TENANT_A, f, CREATED_ASC);
            assertThat(found).as("tenant A's tasks for %s", f).allSatisfy(t -> assertThat(t.tenantId()).isEqualTo(TENANT_A));
            assertThat(store.count(TENANT_A, f)).as("count for %s", f).isEqualTo(found.size());
            for (TenantId lookalike : LOOKALIKES) {
                assertThat(findAll(lookalike, f, CREATED_ASC)).as("%s for %s", lookalike, f).isEmpty();
                assertThat(store.count(lookalike, f)).as("count of %s for %s", lookalike, f).isZero();
            }
        }
        assertThat(ids(findAll(TENANT_A, EVERYTHING, CREATED_ASC))).containsExactly(a.id());
        assertThat(ids(findAll(TENANT_B, EVERYTHING, CREATED_ASC))).containsExactlyInAnyOrder(b.id(), bTrashed.id());
        // A page that starts after another tenant's task still lists only the caller's.
        TaskSort sort = TaskSort.by(SortField.CREATED_AT, SortDirection.DESC);
        assertThat(ids(page(TENANT_A, EVERYTHING, sort, SortPosition.of(taskB().createdAt(T0.plusSeconds(1)).build(), sort), 0, 10)))
                .containsExactly(a.id());
    }

    /** An update of another tenant's task, by its id, answers false and changes nothing anywhere. */
    @Test
    void anUpdateNeverChangesAnotherTenantsTask() {
        Task b = bTask();
        Task hijack = b.toBuilder().tenantId(TENANT_A).title("hijacked").version(2).build();
        IdempotencyRecord rec = record(TENANT_A, IdempotencyOperation.UPDATE, "k", b.id(), T0, Duration.ofHours(1));
        assertThat(store.update(hijack, 1, Optional.of(rec))).isFalse();
        assertStored(b);
        assertAbsent(TENANT_A, b.id());
        assertThat(store.count(TENANT_A, EVERYTHING)).isZero();
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.UPDATE, "k")).isEmpty();
    }

    /** A delete in one tenant of another tenant's task, by its id and version, answers false and keeps it. */
    @Test
    void aDeleteNeverRemovesAnotherTenantsTask() {
        Task b = bTask();
        assertThat(store.delete(TENANT_A, b.id(), 1)).isFalse();
        for (TenantId lookalike : LOOKALIKES) {
            assertThat(store.delete(lookalike, b.id(), 1)).isFalse();
        }
        assertStored(b);
        assertThat(store.count(TENANT_B, TaskFilter.ALL)).isEqualTo(1);
    }

    /** The same key in two tenants makes two records, and neither refuses the other. */
    @Test
    void idempotencyKeysArePerTenant() {
        Task a = taskA().build();
        Task b = taskB().build();
        IdempotencyRecord ra = createRecord("same-key", a);
        IdempotencyRecord rb = createRecord("same-key", b);
        store.insert(a, Optional.of(ra));
        store.insert(b, Optional.of(rb));
        assertStored(a);
        assertStored(b);
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.CREATE, "same-key")).contains(ra);
        assertThat(store.findIdempotencyRecord(TENANT_B, IdempotencyOperation.CREATE, "same-key")).contains(rb);
        for (TenantId lookalike : LOOKALIKES) {
            assertThat(store.findIdempotencyRecord(lookalike, IdempotencyOperation.CREATE, "same-key")).isEmpty();
        }
        Task a2 = a.toBuilder().title("a2").version(2).build();
        Task b2 = b.toBuilder().title("b2").version(2).build();
        assertThat(store.update(a2, 1, Optional.of(record(TENANT_A, IdempotencyOperation.UPDATE, "upd", a.id(), T0, Duration.ofHours(1))))).isTrue();
        assertThat(store.update(b2, 1, Optional.of(record(TENANT_B, IdempotencyOperation.UPDATE, "upd", b.id(), T0, Duration.ofHours(1))))).isTrue();
        assertStored(a2);
        assertStored(b2);
        IdempotencyRecord aloneA = record(TENANT_A, IdempotencyOperation.UPDATE, "noop", a.id(), T0, Duration.ofHours(1));
        IdempotencyRecord aloneB = record(TENANT_B, IdempotencyOperation.UPDATE, "noop", b.id(), T0, Duration.ofHours(1));
        store.putIdempotencyRecord(aloneA);
        store.putIdempotencyRecord(aloneB);
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.UPDATE, "noop")).contains(aloneA);
        assertThat(store.findIdempotencyRecord(TENANT_B, IdempotencyOperation.UPDATE, "noop")).contains(aloneB);
    }

    /** Writes in one tenant leave another tenant's tasks as they were. */
    @Test
    void writesInOneTenantLeaveTheOtherAlone() {
        Task b = bTask();
        Task a = insertOne(taskA().externalId("ext-1").assignee("mem_1").build());
        Task a2 = a.toBuilder().externalId("ext-2").title("changed").version(2).build();
        assertThat(store.update(a2, 1, Optional.empty())).isTrue();
        assertThat(store.delete(TENANT_A, a.id(), 2)).isTrue();
        assertStored(b);
        assertThat(store.findByExternalId(TENANT_B, "ext-1")).contains(b);
        assertThat(store.count(TENANT_B, TaskFilter.builder().assignee("mem_1").build())).isEqualTo(1);
    }
}
