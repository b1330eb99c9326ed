package dev.tasks.reliability.hostile;

import dev.tasks.api.Actor;
import dev.tasks.api.Scope;
import dev.tasks.api.TaskService;
import dev.tasks.core.NewTask;
import dev.tasks.core.RelationshipCatalog;
import dev.tasks.core.Task;
import dev.tasks.core.TaskId;
import dev.tasks.core.TenantId;
import dev.tasks.core.store.TaskStore;
import dev.tasks.store.tck.RequestGenerators;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One store under test and what the tries share on it: the service (with the TCK's two custom
 * relationships, a moving clock and a fixed cursor secret), a second service on the same store with
 * another cursor secret (whose cursors must be refused), and a stranger: another tenant, seeded once,
 * whose tasks use the same external ids and idempotency keys as the tries, and whose titles and ids are
 * secrets no error may reveal.
 */
final class Target {

    static final String PRINCIPAL = "mem_hostile";
    static final byte[] SECRET = "hostile-input-cursor-secret-0001".getBytes(StandardCharsets.US_ASCII);
    static final byte[] OTHER_SECRET = "another-instance-cursor-secret-2".getBytes(StandardCharsets.US_ASCII);

    /** External ids of seeded tasks: each differs from another only by a LIKE metacharacter, case or a quote. */
    static final List<String> EXTERNAL_IDS = List.of("ext-1", "ext_1", "extX1", "ext%1", "EXT-1", "ext'1", "ext\\1", "ext 1",
            "ext-\u00fc", "x'; DROP TABLE tasks; --");

    final Stores.Kind kind;
    final TaskStore store;
    final TaskService service;
    final TaskService otherSecret;
    final RelationshipCatalog catalog = RelationshipCatalog.withCustom(RequestGenerators.customRelationships());
    final Tally tally;
    final TenantId strangerTenant;
    final Actor stranger;
    final List<TaskId> strangerIds = new ArrayList<>();
    final Set<String> secrets = new TreeSet<>();
    private Map<TaskId, Task> strangerState;

    Target(Stores.Kind kind, TaskStore store, Tally tally) {
        this.kind = kind;
        this.store = store;
        this.tally = tally;
        this.service = service(store, SECRET);
        this.otherSecret = service(store, OTHER_SECRET);
        this.strangerTenant = TenantId.of("stranger'; DROP TABLE tasks; --%_" + kind.name().toLowerCase(java.util.Locale.ROOT));
        this.stranger = new Actor(strangerTenant, "mem_stranger", Scope.all());
        seedStranger();
    }

    static TaskService service(TaskStore store, byte[] secret) {
        TaskService.Builder b = TaskService.builder(store).clock(Stores.tickingClock()).cursorSecret(secret);
        RequestGenerators.customRelationships().forEach(b::relationship);
        return b.build();
    }

    /** Tasks of another tenant with the tries' external ids and keys, some trashed. */
    private void seedStranger() {
        List<String> keys = Hostile.KEYS.stream().filter(Rules::idempotencyKey).toList();
        for (int i = 0; i < EXTERNAL_IDS.size(); i++) {
            String title = "SECRET-" + kind + "-" + i + "-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
            NewTask request = NewTask.builder(Hostile.NEEDLE_TITLES.get(i) + " " + title).externalId(EXTERNAL_IDS.get(i))
                    .metadata("region", "stranger").assignee("mem_1").build();
            Task t = service.create(stranger, request, keys.get(i % keys.size())).task();
            if (i % 4 == 3) {
                t = service.trash(stranger, t.id());
            }
            strangerIds.add(t.id());
            secrets.add(title);
            secrets.add(t.id().value());
        }
        strangerState = Stores.snapshot(store, strangerTenant);
    }

    /** The stranger's tasks have not changed: no try of another tenant reached them. */
    void checkStrangerUntouched() {
        org.assertj.core.api.Assertions.assertThat(Stores.snapshot(store, strangerTenant))
                .as("%s: the other tenant's tasks after the tries", kind).isEqualTo(strangerState);
    }
}
