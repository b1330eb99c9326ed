package dev.tasks.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasks.core.Cardinality;
import dev.tasks.core.FieldPatch;
import dev.tasks.core.NewTask;
import dev.tasks.core.RelationshipPatch;
import dev.tasks.core.Task;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.TenantId;
import dev.tasks.store.tck.RequestGenerators;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rules of DESIGN's domain table and patch semantics, written out plainly and independently of
 * {@code TaskRules}: what a task must look like after each operation. Bookkeeping ({@code version},
 * {@code updatedAt}) is left as it was; {@link #bumped} adds it for an effective change.
 */
final class TaskModel {

    private TaskModel() {
    }

    static Instant millis(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The task a valid create request makes at {@code now} (already truncated). */
    static Task created(NewTask r, TaskId id, TenantId tenant, String principal, Instant now) {
        Map<String, List<String>> rels = new TreeMap<>();
        r.relationships().forEach((name, ids) -> {
            List<String> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
            if (!distinct.isEmpty()) {
                rels.put(name, distinct);
            }
        });
        // $createdBy defaults to the caller unless the request names one.
        rels.putIfAbsent(RequestGenerators.CREATED_BY, List.of(principal));
        return Task.builder()
                .id(id)
                .tenantId(tenant)
                .title(r.title())
                .description(r.description().orElse(null))
                .status(r.status())
                .dueAt(r.dueAt().map(TaskModel::millis).orElse(null))
                .completedAt(r.status() == TaskStatus.COMPLETE ? now : null)
                .createdAt(now)
                .updatedAt(now)
                .version(1)
                .externalId(r.externalId().orElse(null))
                .metadata(r.metadata())
                .relationships(rels)
                .build();
    }

    /** A field after a patch: absent leaves it, set sets it, cleared clears it. */
    static <T> Optional<T> field(Optional<T> before, FieldPatch<T> patch) {
        if (patch instanceof FieldPatch.SetTo<T> set) {
            return Optional.of(set.value());
        }
        if (patch.isPresent()) {
            return Optional.empty();
        }
        return before;
    }

    /** Metadata after a patch: clear-all first if asked, then merge key by key, null removing. */
    static Map<String, String> metadata(Map<String, String> before, TaskPatch p) {
        Map<String, String> m = new LinkedHashMap<>(p.clearMetadata() ? Map.of() : before);
        p.metadata().forEach((k, v) -> {
            if (v == null) {
                m.remove(k);
            } else {
                m.put(k, v);
            }
        });
        return m;
    }

    /** Ids after a relationship change: replace, then remove, then add; duplicates dropped, order kept. */
    static List<String> ids(List<String> before, RelationshipPatch change) {
        List<String> out = new ArrayList<>();
        for (String id : change.replace().orElse(before)) {
            if (!out.contains(id)) {
                out.add(id);
            }
        }
        out.removeAll(change.remove());
        for (String id : change.add()) {
            if (!out.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    /** completedAt for a task going from {@code before} to {@code status} at {@code now}. */
    static Optional<Instant> completedAt(Task before, TaskStatus status, Instant now) {
        if (status != TaskStatus.COMPLETE) {
            return Optional.empty();
        }
        return before.status() == TaskStatus.COMPLETE ? before.completedAt() : Optional.of(stamp(before, now));
    }

    /** The stamp of a change: now, unless the clock stepped back before the task's updatedAt. */
    static Instant stamp(Task before, Instant now) {
        return now.isAfter(before.updatedAt()) ? now : before.updatedAt();
    }

    /** The task after a valid patch at {@code now}, bookkeeping unchanged (limits not checked). */
    static Task patched(Task before, TaskPatch p, Instant now) {
        TaskStatus status = field(Optional.of(before.status()), p.status()).orElseThrow();
        Map<String, List<String>> rels = new TreeMap<>(before.relationships());
        p.relationships().forEach((name, change) -> rels.put(name, ids(before.relationship(name), change)));
        return before.toBuilder()
                .title(field(Optional.of(before.title()), p.title()).orElseThrow())
                .description(field(before.description(), p.description()).orElse(null))
                .status(status)
                .completedAt(completedAt(before, status, now).orElse(null))
                .dueAt(field(before.dueAt(), p.dueAt()).map(TaskModel::millis).orElse(null))
                .externalId(field(before.externalId(), p.externalId()).orElse(null))
                .metadata(metadata(before.metadata(), p))
                .relationships(rels)
                .build();
    }

    static Task statusChanged(Task before, TaskStatus status, Instant now) {
        return before.toBuilder().status(status).completedAt(completedAt(before, status, now).orElse(null)).build();
    }

    static Task trashed(Task before, Instant now) {
        return before.isTrashed() ? before : before.toBuilder().trashedAt(stamp(before, now)).build();
    }

    static Task restored(Task before) {
        return before.toBuilder().trashedAt(null).build();
    }

    /** The task without its bookkeeping, to tell an effective change from none. */
    static Task content(Task t) {
        return t.toBuilder().version(1).updatedAt(t.createdAt()).build();
    }

    /** Whether going from {@code before} to {@code after} changes anything but bookkeeping. */
    static boolean effective(Task before, Task after) {
        return !content(before).equals(content(after));
    }

    /** The stored result of an effective change: next version, updatedAt now unless that is earlier. */
    static Task bumped(Task before, Task model, Instant now) {
        return model.toBuilder().version(before.version() + 1).updatedAt(stamp(before, now)).build();
    }

    /** The expected result of an operation: {@code before} itself if nothing changes, else the bump. */
    static Task expected(Task before, Task model, Instant now) {
        return effective(before, model) ? bumped(before, model, now) : before;
    }

    /** The limits a task breaks, as "pointer code" strings: 20 metadata keys, 1 or 100 ids. */
    static List<String> brokenLimits(Task t) {
        List<String> broken = new ArrayList<>();
        if (t.metadata().size() > RequestGenerators.MAX_METADATA_KEYS) {
            broken.add("/metadata too_many");
        }
        t.relationships().forEach((name, ids) -> {
            Cardinality c = RequestGenerators.cardinality(name).orElseThrow();
            if (c == Cardinality.HAS_ONE && ids.size() > 1) {
                broken.add("/relationships/" + name + " cardinality");
            } else if (ids.size() > RequestGenerators.MAX_IDS) {
                broken.add("/relationships/" + name + " too_many");
            }
        });
        return broken;
    }

    /** The invariants every stored task keeps, whatever happened to it. */
    static void assertInvariants(Task t) {
        assertThat(t.completedAt().isPresent()).as("completedAt present exactly while COMPLETE: %s", t)
                .isEqualTo(t.status() == TaskStatus.COMPLETE);
        assertThat(t.version()).as("version").isGreaterThanOrEqualTo(1);
        assertThat(t.updatedAt()).as("updatedAt never before createdAt").isAfterOrEqualTo(t.createdAt());
        assertThat(t.metadata().size()).as("metadata keys").isLessThanOrEqualTo(RequestGenerators.MAX_METADATA_KEYS);
        t.relationships().forEach((name, ids) -> {
            int max = RequestGenerators.cardinality(name).orElseThrow() == Cardinality.HAS_ONE ? 1 : RequestGenerators.MAX_IDS;
            assertThat(ids).as("ids of %s", name).hasSizeBetween(1, max).doesNotHaveDuplicates();
        });
        for (Instant i : List.of(t.createdAt(), t.updatedAt())) {
            assertThat(i.getNano() % 1_000_000).as("millisecond precision").isZero();
        }
    }
}
