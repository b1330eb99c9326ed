package dev.tasks.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasks.core.Cardinality;
import dev.tasks.core.NewTask;
import dev.tasks.core.RelatedTo;
import dev.tasks.core.RelationshipDefinition;
import dev.tasks.core.RelationshipPatch;
import dev.tasks.core.SortDirection;
import dev.tasks.core.SortField;
import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.TaskQuery;
import dev.tasks.core.TaskSort;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.TrashFilter;
import dev.tasks.core.validation.Violation;
import dev.tasks.core.validation.ViolationCode;
import dev.tasks.store.memory.InMemoryTaskStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Example tests of every TaskService operation, on the in-memory store. */
class TaskServiceTest {

    private final AtomicReference<Instant> time = new AtomicReference<>(Instant.parse("2026-03-01T10:00:00.123456Z"));
    private final Clock clock = new Clock() {
        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return time.get(); }
    };
    private final InMemoryTaskStore store = new InMemoryTaskStore();
    private final TaskService service = TaskService.builder(store)
            .clock(clock)
            .relationship(RelationshipDefinition.custom("watchers", "member", Cardinality.HAS_MANY))
            .build();
    private final Actor alice = Actor.of("acme", "mem_alice", Scope.all());
    private final Actor bob = Actor.of("globex", "mem_bob", Scope.all());

    private void tick(long millis) {
        time.set(time.get().plusMillis(millis));
    }

    @Test
    void createsATaskWithOnlyATitle() {
        Task t = service.create(alice, NewTask.titled("Task with minimal params"));
        assertThat(t.id().value()).matches("task_[0-9a-z]{16}");
        assertThat(t.status()).isEqualTo(TaskStatus.OPEN);
        assertThat(t.version()).isEqualTo(1);
        assertThat(t.createdAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00.123Z")).isEqualTo(t.updatedAt());
        assertThat(t.createdBy()).contains("mem_alice");
        assertThat(t.completedAt()).isEmpty();
        assertThat(service.get(alice, t.id())).isEqualTo(t);
    }

    @Test
    void createCompleteSetsCompletedAt() {
        Task t = service.create(alice, NewTask.builder("Done already").status(TaskStatus.COMPLETE).build());
        assertThat(t.completedAt()).contains(t.createdAt());
    }

    @Test
    void statusLifecycle() {
        Task t = service.create(alice, NewTask.builder("Inspect").status(TaskStatus.TODO).assignee("mem_ada").build());
        tick(1000);
        Task done = service.changeStatus(alice, t.id(), TaskStatus.COMPLETE);
        assertThat(done.version()).isEqualTo(2);
        assertThat(done.completedAt()).contains(done.updatedAt());
        tick(1000);
        Task same = service.changeStatus(alice, t.id(), TaskStatus.COMPLETE);
        assertThat(same).isEqualTo(done);
        Task reopened = service.changeStatus(alice, t.id(), TaskStatus.OPEN);
        assertThat(reopened.version()).isEqualTo(3);
        assertThat(reopened.completedAt()).isEmpty();
        assertThat(reopened.status().isActive()).isTrue();
    }

    @Test
    void patchSetsClearsAndMerges() {
        Task t = service.create(alice, NewTask.builder("Call").description("old").metadata("a", "1").metadata("b", "2")
                .assignee("mem_1").build());
        tick(5);
        Task p = service.update(alice, t.id(), TaskPatch.builder()
                .clearDescription()
                .metadata("a", null)
                .metadata("c", "3")
                .relationship("$assignedTo", RelationshipPatch.replace(List.of("mem_2")))
                .relationship("watchers", RelationshipPatch.add(List.of("mem_3", "mem_4", "mem_3")))
                .build());
        assertThat(p.description()).isEmpty();
        assertThat(p.metadata()).containsExactly(java.util.Map.entry("b", "2"), java.util.Map.entry("c", "3"));
        assertThat(p.assignee()).contains("mem_2");
        assertThat(p.relationship("watchers")).containsExactly("mem_3", "mem_4");
        assertThat(p.version()).isEqualTo(2);
        assertThat(p.updatedAt()).isAfter(t.updatedAt());
        Task again = service.update(alice, t.id(), TaskPatch.builder().metadata("c", "3").build());
        assertThat(again).isEqualTo(p);
        Task cleared = service.update(alice, t.id(), TaskPatch.builder().clearMetadata().build());
        assertThat(cleared.metadata()).isEmpty();
    }

    @Test
    void limitsAreCheckedOnTheResultOfAPatch() {
        NewTask.Builder b = NewTask.builder("Many keys");
        for (int i = 0; i < 20; i++) {
            b.metadata("k" + i, "v");
        }
        Task t = service.create(alice, b.build());
        assertThatThrownBy(() -> service.update(alice, t.id(), TaskPatch.builder().metadata("k20", "v").build()))
                .isInstanceOfSatisfying(TaskValidationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::pointer, Violation::code)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("/metadata", ViolationCode.TOO_MANY)));
        assertThat(service.get(alice, t.id())).isEqualTo(t);
        Task replaced = service.update(alice, t.id(), TaskPatch.builder().metadata("k0", null).metadata("k20", "v").build());
        assertThat(replaced.metadata()).hasSize(20).containsKey("k20");
        assertThatThrownBy(() -> service.update(alice, t.id(),
                TaskPatch.builder().relationship("$account", RelationshipPatch.add(List.of("acc_1", "acc_2"))).build()))
                .isInstanceOfSatisfying(TaskValidationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::pointer).containsExactly("/relationships/$account"));
    }

    @Test
    void validationNamesEveryProblemAndWritesNothing() {
        NewTask bad = NewTask.builder("")
                .metadata("Bad", "x")
                .relationship("nope", List.of("x"))
                .relationship("$note", List.of("note_1"))
                .build();
        assertThatThrownBy(() -> service.create(alice, bad))
                .isInstanceOfSatisfying(TaskValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.httpStatus()).isEqualTo(422);
                    assertThat(e.violations()).extracting(v -> v.pointer() + " " + v.code())
                            .containsExactly("/metadata/Bad invalid_format", "/relationships/$note read_only",
                                    "/relationships/nope unknown_relationship", "/title blank");
                    assertThat(e.getMessage()).contains("/title");
                });
        assertThat(service.count(alice, TaskFilter.ALL)).isZero();
    }

    @Test
    void createdByCanBeGivenOnCreateButNotPatched() {
        Task t = service.create(alice, NewTask.builder("x").relationship("$createdBy", List.of("app_importer")).build());
        assertThat(t.createdBy()).contains("app_importer");
        assertThatThrownBy(() -> service.update(alice, t.id(),
                TaskPatch.builder().relationship("$createdBy", RelationshipPatch.replace(List.of("mem_x"))).build()))
                .isInstanceOfSatisfying(TaskValidationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::code).containsExactly(ViolationCode.READ_ONLY));
    }

    @Test
    void expectedVersionsConflict() {
        Task t = service.create(alice, NewTask.titled("x"));
        service.update(alice, t.id(), TaskPatch.builder().title("y").build());
        assertThatThrownBy(() -> service.update(alice, t.id(), TaskPatch.builder().title("z").build(), WriteOptions.expectVersion(1)))
                .isInstanceOfSatisfying(VersionConflictException.class, e -> {
                    assertThat(e.expectedVersion()).isEqualTo(1);
                    assertThat(e.actualVersion()).isEqualTo(2);
                    assertThat(e.httpStatus()).isEqualTo(409);
                });
        assertThatThrownBy(() -> service.changeStatus(alice, t.id(), TaskStatus.COMPLETE, 1)).isInstanceOf(VersionConflictException.class);
        assertThatThrownBy(() -> service.trash(alice, t.id(), 7)).isInstanceOf(VersionConflictException.class);
        assertThatThrownBy(() -> service.delete(alice, t.id(), 1)).isInstanceOf(VersionConflictException.class);
        assertThat(service.get(alice, t.id()).title()).isEqualTo("y");
        assertThat(service.update(alice, t.id(), TaskPatch.builder().title("z").build(), WriteOptions.expectVersion(2)).task().version())
                .isEqualTo(3);
    }

    @Test
    void trashRestoreDelete() {
        Task t = service.create(alice, NewTask.titled("x"));
        Task trashed = service.trash(alice, t.id());
        assertThat(trashed.trashedAt()).isPresent();
        assertThat(service.trash(alice, t.id())).isEqualTo(trashed);
        assertThatThrownBy(() -> service.update(alice, t.id(), TaskPatch.builder().title("y").build()))
                .isInstanceOf(TaskTrashedException.class);
        assertThatThrownBy(() -> service.changeStatus(alice, t.id(), TaskStatus.COMPLETE)).isInstanceOf(TaskTrashedException.class);
        assertThat(service.list(alice, TaskQuery.firstPage()).tasks()).isEmpty();
        assertThat(service.count(alice, TaskFilter.builder().trashed(TrashFilter.ONLY).build())).isEqualTo(1);
        Task restored = service.restore(alice, t.id());
        assertThat(restored.trashedAt()).isEmpty();
        assertThat(restored.version()).isEqualTo(3);
        service.delete(alice, t.id());
        assertThat(service.find(alice, t.id())).isEmpty();
        assertThatThrownBy(() -> service.delete(alice, t.id())).isInstanceOf(TaskNotFoundException.class)
                .extracting(e -> ((TaskException) e).httpStatus()).isEqualTo(404);
    }

    @Test
    void tenantsDoNotSeeEachOther() {
        Task t = service.create(alice, NewTask.builder("secret").externalId("ext-1").build());
        assertThat(service.find(bob, t.id())).isEmpty();
        assertThat(service.findByExternalId(bob, "ext-1")).isEmpty();
        assertThat(service.findByExternalId(alice, "ext-1")).contains(t);
        assertThatThrownBy(() -> service.update(bob, t.id(), TaskPatch.builder().title("mine").build()))
                .isInstanceOf(TaskNotFoundException.class);
        assertThatThrownBy(() -> service.delete(bob, t.id())).isInstanceOf(TaskNotFoundException.class);
        assertThat(service.count(bob, TaskFilter.ALL)).isZero();
        Task same = service.create(bob, NewTask.builder("other").externalId("ext-1").build());
        assertThat(same.tenantId().value()).isEqualTo("globex");
    }

    @Test
    void externalIdIsUniquePerTenant() {
        service.create(alice, NewTask.builder("a").externalId("ext-1").build());
        assertThatThrownBy(() -> service.create(alice, NewTask.builder("b").externalId("ext-1").build()))
                .isInstanceOfSatisfying(ExternalIdConflictException.class, e -> assertThat(e.httpStatus()).isEqualTo(409));
        assertThat(service.count(alice, TaskFilter.ALL)).isEqualTo(1);
    }

    @Test
    void scopesAreCheckedFirst() {
        Task t = service.create(alice, NewTask.titled("x"));
        Actor reader = Actor.of("acme", "mem_r", Set.of(Scope.READ));
        assertThatThrownBy(() -> service.create(reader, NewTask.titled("y")))
                .isInstanceOfSatisfying(ForbiddenException.class, e -> {
                    assertThat(e.missingScope()).isEqualTo(Scope.CREATE);
                    assertThat(e.httpStatus()).isEqualTo(403);
                });
        // Refused before validation: an invalid request by an actor without the scope is still forbidden.
        assertThatThrownBy(() -> service.create(reader, NewTask.titled(""))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> service.update(reader, t.id(), TaskPatch.EMPTY)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> service.trash(reader, t.id())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> service.delete(reader, t.id())).isInstanceOf(ForbiddenException.class);
        Actor writer = Actor.of("acme", "mem_w", Set.of(Scope.CREATE));
        assertThatThrownBy(() -> service.get(writer, t.id())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> service.list(writer, TaskQuery.firstPage())).isInstanceOf(ForbiddenException.class);
        assertThat(Scope.parse("public.task:write")).containsExactlyInAnyOrder(Scope.CREATE, Scope.UPDATE, Scope.DELETE);
    }

    @Test
    void idempotentCreate() {
        NewTask req = NewTask.builder("Once").assignee("mem_1").build();
        Written first = service.create(alice, req, "key-1");
        assertThat(first.replayed()).isFalse();
        tick(10);
        service.update(alice, first.task().id(), TaskPatch.builder().title("Once, renamed").build());
        Written again = service.create(alice, req, "key-1");
        assertThat(again.replayed()).isTrue();
        assertThat(again.task().id()).isEqualTo(first.task().id());
        assertThat(again.task().title()).isEqualTo("Once, renamed");
        assertThatThrownBy(() -> service.create(alice, NewTask.titled("Other"), "key-1"))
                .isInstanceOfSatisfying(IdempotencyKeyReusedException.class, e -> assertThat(e.httpStatus()).isEqualTo(422));
        // Scoped per tenant: the same key is fresh for another tenant.
        assertThat(service.create(bob, req, "key-1").replayed()).isFalse();
        // A failed request stores nothing: the corrected retry runs.
        assertThatThrownBy(() -> service.create(alice, NewTask.titled(""), "key-2")).isInstanceOf(TaskValidationException.class);
        assertThat(service.create(alice, NewTask.titled("fixed"), "key-2").replayed()).isFalse();
        // Keys expire.
        tick(Duration.ofHours(24).toMillis());
        Written late = service.create(alice, req, "key-1");
        assertThat(late.replayed()).isFalse();
        assertThat(late.task().id()).isNotEqualTo(first.task().id());
        assertThat(service.count(alice, TaskFilter.ALL)).isEqualTo(3);
    }

    @Test
    void idempotencyKeysAreValidated() {
        assertThatThrownBy(() -> service.create(alice, NewTask.titled("x"), "k".repeat(256)))
                .isInstanceOfSatisfying(TaskValidationException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.pointer() + " " + v.code()).containsExactly("/idempotencyKey too_long"));
        assertThatThrownBy(() -> service.create(alice, NewTask.titled("x"), "é"))
                .isInstanceOf(TaskValidationException.class);
        assertThatThrownBy(() -> service.create(alice, NewTask.titled("x"), ""))
                .isInstanceOf(TaskValidationException.class);
        assertThat(service.count(alice, TaskFilter.ALL)).isZero();
    }

    @Test
    void idempotentUpdate() {
        Task t = service.create(alice, NewTask.titled("x"));
        TaskPatch patch = TaskPatch.builder().metadata("n", "1").build();
        Written first = service.update(alice, t.id(), patch, WriteOptions.idempotencyKey("u-1"));
        assertThat(first.replayed()).isFalse();
        Written second = service.update(alice, t.id(), patch, WriteOptions.idempotencyKey("u-1"));
        assertThat(second.replayed()).isTrue();
        assertThat(second.task().version()).isEqualTo(2);
        assertThatThrownBy(() -> service.update(alice, t.id(), TaskPatch.builder().metadata("n", "2").build(),
                WriteOptions.idempotencyKey("u-1"))).isInstanceOf(IdempotencyKeyReusedException.class);
        // The same key for a create is another scope.
        assertThat(service.create(alice, NewTask.titled("y"), "u-1").replayed()).isFalse();
    }

    @Test
    void cursorWalkReturnsEveryTaskOnce() {
        Set<TaskId> created = new HashSet<>();
        for (int i = 0; i < 23; i++) {
            created.add(service.create(alice, NewTask.builder("t" + i).dueAt(i % 3 == 0 ? null : Instant.parse("2026-04-01T00:00:00Z").plusSeconds(i % 5)).build()).id());
            tick(i % 2);
        }
        for (TaskSort sort : List.of(TaskSort.DEFAULT, TaskSort.by(SortField.DUE_AT, SortDirection.ASC), TaskSort.by(SortField.DUE_AT, SortDirection.DESC))) {
            List<TaskId> seen = new ArrayList<>();
            TaskQuery q = TaskQuery.builder().sort(sort).limit(5).build();
            while (true) {
                TaskPage page = service.list(alice, q);
                page.tasks().forEach(t -> seen.add(t.id()));
                if (!page.hasMore()) {
                    break;
                }
                q = q.after(page.nextCursor().get());
            }
            assertThat(seen).hasSize(23).doesNotHaveDuplicates();
            assertThat(new HashSet<>(seen)).isEqualTo(created);
        }
    }

    @Test
    void cursorsAreBoundToTenantAndQuery() {
        for (int i = 0; i < 3; i++) {
            service.create(alice, NewTask.titled("t" + i));
            service.create(bob, NewTask.titled("t" + i));
        }
        TaskPage page = service.list(alice, TaskQuery.builder().limit(1).build());
        String cursor = page.nextCursor().orElseThrow();
        assertThat(service.list(alice, TaskQuery.builder().limit(1).cursor(cursor).build()).tasks()).hasSize(1);
        assertThatThrownBy(() -> service.list(bob, TaskQuery.builder().limit(1).cursor(cursor).build()))
                .isInstanceOfSatisfying(TaskValidationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::pointer, Violation::code)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("/cursor", ViolationCode.INVALID_CURSOR)));
        TaskQuery otherQuery = TaskQuery.builder().limit(1).filter(TaskFilter.builder().titleContains("t").build()).cursor(cursor).build();
        assertThatThrownBy(() -> service.list(alice, otherQuery)).isInstanceOf(TaskValidationException.class);
        char[] chars = cursor.toCharArray();
        chars[5] = chars[5] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> service.list(alice, TaskQuery.builder().limit(1).cursor(new String(chars)).build()))
                .isInstanceOf(TaskValidationException.class);
        assertThatThrownBy(() -> service.list(alice, TaskQuery.builder().cursor("not a cursor").build()))
                .isInstanceOf(TaskValidationException.class);
        // Another spelling of the same bytes (the unused low bits of the last character, or padding) is a
        // change too: found by the reliability suite's tampering property.
        String base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = cursor.charAt(cursor.length() - 1);
        String sameBytes = cursor.substring(0, cursor.length() - 1) + base64.charAt(base64.indexOf(last) ^ 1);
        assertThat(java.util.Base64.getUrlDecoder().decode(sameBytes)).isEqualTo(java.util.Base64.getUrlDecoder().decode(cursor));
        for (String spelling : List.of(sameBytes, cursor + "=", cursor + "==")) {
            assertThatThrownBy(() -> service.list(alice, TaskQuery.builder().limit(1).cursor(spelling).build()))
                    .as(spelling).isInstanceOf(TaskValidationException.class);
        }
    }

    @Test
    void offsetPagesAndCount() {
        for (int i = 0; i < 7; i++) {
            service.create(alice, NewTask.builder("t" + i).assignee(i % 2 == 0 ? "mem_even" : "mem_odd").build());
            tick(1);
        }
        TaskFilter evens = TaskFilter.builder().assignee("mem_even").build();
        assertThat(service.count(alice, evens)).isEqualTo(4);
        TaskPage second = service.list(alice, TaskQuery.builder().filter(evens).sort(TaskSort.by(SortField.CREATED_AT, SortDirection.ASC))
                .limit(3).offset(3).build());
        assertThat(second.tasks()).extracting(Task::title).containsExactly("t6");
        assertThat(second.hasMore()).isFalse();
        assertThat(service.count(alice, TaskFilter.builder().relatedTo(RelatedTo.any("mem_odd")).build())).isEqualTo(3);
        assertThatThrownBy(() -> service.list(alice, TaskQuery.builder().limit(101).build())).isInstanceOf(TaskValidationException.class);
        assertThatThrownBy(() -> service.list(alice, TaskQuery.builder().offset(-1).build())).isInstanceOf(TaskValidationException.class);
    }

    @Test
    void relatedEntitiesHookRefusesMissingAndInactiveIds() {
        TaskService checked = TaskService.builder(store).clock(clock)
                .relatedEntities((tenant, rel, id) -> switch (id) {
                    case "mem_gone" -> RelatedEntities.EntityState.MISSING;
                    case "mem_left" -> RelatedEntities.EntityState.INACTIVE;
                    default -> RelatedEntities.EntityState.ACTIVE;
                })
                .build();
        assertThatThrownBy(() -> checked.create(alice, NewTask.builder("x").assignee("mem_gone").build()))
                .isInstanceOfSatisfying(TaskValidationException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.pointer() + " " + v.code())
                        .containsExactly("/relationships/$assignedTo/0 relationship_entity_missing"));
        Task t = checked.create(alice, NewTask.builder("x").assignee("mem_ok").build());
        assertThatThrownBy(() -> checked.update(alice, t.id(), TaskPatch.builder()
                .relationship("$assignedTo", RelationshipPatch.replace(List.of("mem_left"))).build()))
                .isInstanceOfSatisfying(TaskValidationException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.pointer() + " " + v.code())
                        .containsExactly("/relationships/$assignedTo/replace/0 relationship_entity_inactive"));
        assertThat(checked.get(alice, t.id())).isEqualTo(t);
    }

    @Test
    void aCollidingIdIsRetriedWithANewOne() {
        Task first = service.create(alice, NewTask.titled("first"));
        java.util.Iterator<TaskId> ids = List.of(first.id(), TaskId.tryParse("task_zzzzzzzzzzzzzzzz").orElseThrow()).iterator();
        TaskService colliding = TaskService.builder(store).clock(clock).idGenerator(ids::next).build();
        Task second = colliding.create(alice, NewTask.titled("second"));
        assertThat(second.id().value()).isEqualTo("task_zzzzzzzzzzzzzzzz");
        assertThat(service.get(alice, first.id()).title()).isEqualTo("first");
    }

    @Test
    void theHookIsAskedOnlyAboutIdsAWriteAdds() {
        List<String> asked = new ArrayList<>();
        TaskService checked = TaskService.builder(store).clock(clock)
                .relatedEntities((tenant, rel, id) -> {
                    asked.add(rel.name() + ":" + id);
                    return RelatedEntities.EntityState.ACTIVE;
                })
                .relationship(RelationshipDefinition.custom("watchers", "member", Cardinality.HAS_MANY))
                .build();
        Task t = checked.create(alice, NewTask.builder("x").assignee("mem_1").relationship("watchers", List.of("mem_2")).build());
        assertThat(asked).containsExactlyInAnyOrder("$assignedTo:mem_1", "watchers:mem_2");
        asked.clear();
        checked.update(alice, t.id(), TaskPatch.builder()
                .relationship("watchers", RelationshipPatch.add(List.of("mem_2", "mem_3")))
                .relationship("$assignedTo", RelationshipPatch.replace(List.of("mem_1")))
                .metadata("k", "v").build());
        assertThat(asked).containsExactly("watchers:mem_3");
    }

    /** Every part of a request is in its fingerprint: a request that differs anywhere is another request. */
    @Test
    void aKeyIsRefusedForARequestThatDiffersInAnyPart() {
        NewTask base = NewTask.builder("t").build();
        List<NewTask> variants = List.of(
                NewTask.builder("t2").build(),
                NewTask.builder("t").description("d").build(),
                NewTask.builder("t").status(TaskStatus.TODO).build(),
                NewTask.builder("t").dueAt(Instant.parse("2030-01-01T00:00:00Z")).build(),
                NewTask.builder("t").externalId("e").build(),
                NewTask.builder("t").metadata("k", "v").build(),
                NewTask.builder("t").assignee("mem_1").build(),
                NewTask.builder("t").relationship("watchers", List.of("mem_1")).build());
        service.create(alice, base, "k-create");
        for (NewTask v : variants) {
            assertThatThrownBy(() -> service.create(alice, v, "k-create")).as("%s", v).isInstanceOf(IdempotencyKeyReusedException.class);
        }
        Actor otherPrincipal = Actor.of("acme", "mem_other", Scope.all());
        assertThatThrownBy(() -> service.create(otherPrincipal, base, "k-create")).isInstanceOf(IdempotencyKeyReusedException.class);

        Task t = service.create(alice, NewTask.builder("u").metadata("a", "1").build());
        Task other = service.create(alice, NewTask.titled("other"));
        TaskPatch patch = TaskPatch.builder().metadata("b", "2").build();
        service.update(alice, t.id(), patch, WriteOptions.idempotencyKey("k-update"));
        List<TaskPatch> patchVariants = List.of(
                TaskPatch.builder().metadata("b", "3").build(),
                TaskPatch.builder().clearMetadata().metadata("b", "2").build(),
                TaskPatch.builder().metadata("b", "2").title("x").build(),
                TaskPatch.builder().metadata("b", "2").clearDescription().build(),
                TaskPatch.builder().metadata("b", "2").status(TaskStatus.TODO).build(),
                TaskPatch.builder().metadata("b", "2").dueAt(Instant.parse("2030-01-01T00:00:00Z")).build(),
                TaskPatch.builder().metadata("b", "2").externalId("e2").build(),
                TaskPatch.builder().metadata("b", "2").assignee("mem_9").build());
        for (TaskPatch v : patchVariants) {
            assertThatThrownBy(() -> service.update(alice, t.id(), v, WriteOptions.idempotencyKey("k-update")))
                    .as("%s", v).isInstanceOf(IdempotencyKeyReusedException.class);
        }
        assertThatThrownBy(() -> service.update(alice, other.id(), patch, WriteOptions.idempotencyKey("k-update")))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        assertThatThrownBy(() -> service.update(alice, t.id(), patch, WriteOptions.idempotencyKey("k-update").withExpectedVersion(1)))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        assertThat(service.update(alice, t.id(), patch, WriteOptions.idempotencyKey("k-update")).replayed()).isTrue();
    }

    @Test
    void filtersAreBounded() {
        TaskFilter.Builder many = TaskFilter.builder();
        for (int i = 0; i <= TaskFilter.MAX_VALUES; i++) {
            many.assignee("mem_" + i);
        }
        assertThatThrownBy(() -> service.count(alice, many.build()))
                .isInstanceOfSatisfying(TaskValidationException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.pointer() + " " + v.code()).containsExactly("/assignees too_many"));
    }

    @Test
    void invisibleTitlesAreBlank() {
        for (String title : List.of("\u00A0", "\u200B", " \u2007\u202F\uFEFF ")) {
            assertThatThrownBy(() -> service.create(alice, NewTask.titled(title)))
                    .isInstanceOfSatisfying(TaskValidationException.class, e -> assertThat(e.violations())
                            .extracting(v -> v.pointer() + " " + v.code()).containsExactly("/title blank"));
        }
    }

    @Test
    void theIdempotencyTtlIsBounded() {
        assertThatThrownBy(() -> TaskService.builder(store).idempotencyTtl(Duration.ofDays(367))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TaskService.builder(store).idempotencyTtl(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        time.set(Instant.parse("9999-12-31T00:00:00Z"));
        TaskService late = TaskService.builder(store).clock(clock).idempotencyTtl(Duration.ofDays(366)).build();
        assertThat(late.create(alice, NewTask.titled("late"), "k-late").replayed()).isFalse();
        assertThat(late.create(alice, NewTask.titled("late"), "k-late").replayed()).isTrue();
    }

    @Test
    void definitionsListFieldsAndRelationships() {
        var defs = service.definitions();
        assertThat(defs.fields()).extracting(f -> f.name() + ":" + f.valueType())
                .containsExactly("$title:TEXT", "$status:SINGLE_SELECT", "$description:MARKDOWN", "$dueAt:DATETIME");
        assertThat(defs.relationships()).extracting(RelationshipDefinition::name)
                .containsExactly("$assignedTo", "$createdBy", "$account", "$opportunity", "$resource", "$site", "$note", "watchers");
    }

    @Test
    void updatedAtNeverMovesBackwards() {
        Task t = service.create(alice, NewTask.titled("x"));
        time.set(time.get().minusSeconds(60));
        Task p = service.update(alice, t.id(), TaskPatch.builder().title("y").build());
        assertThat(p.updatedAt()).isEqualTo(t.updatedAt());
        assertThat(p.version()).isEqualTo(2);
    }

    @Test
    void nullArgumentsAreValidationErrors() {
        assertThatThrownBy(() -> service.create(alice, null)).isInstanceOf(TaskValidationException.class);
        assertThatThrownBy(() -> service.get(alice, null)).isInstanceOf(TaskValidationException.class);
        assertThatThrownBy(() -> service.update(alice, TaskId.tryParse("task_0000000000000000").orElseThrow(), null))
                .isInstanceOf(TaskValidationException.class);
        assertThatThrownBy(() -> service.list(alice, null)).isInstanceOf(TaskValidationException.class);
        assertThatThrownBy(() -> service.count(alice, null)).isInstanceOf(TaskValidationException.class);
        assertThatThrownBy(() -> service.changeStatus(alice, TaskId.tryParse("task_0000000000000000").orElseThrow(), null))
                .isInstanceOf(TaskValidationException.class);
    }
}
