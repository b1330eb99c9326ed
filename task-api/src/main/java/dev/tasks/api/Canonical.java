package dev.tasks.api;

import dev.tasks.core.NewTask;
import dev.tasks.core.RelatedTo;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.TaskSort;
import dev.tasks.core.TenantId;
import dev.tasks.core.FieldPatch;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Canonical, length-prefixed encodings of requests and their SHA-256 digests: the fingerprints of
 * idempotent requests and the binding of cursors to their query. The encoding is part of what a
 * store keeps (fingerprints), so it must not change between versions without a migration.
 */
final class Canonical {

    private final StringBuilder sb = new StringBuilder(256);

    private Canonical(String kind) {
        put(kind);
    }

    static byte[] createFingerprint(String principal, NewTask r) {
        Canonical c = new Canonical("create/1").put(principal).put(r.title()).put(r.description())
                .put(r.status() == null ? null : r.status().name()).putInstant(r.dueAt()).put(r.externalId());
        c.putMap(r.metadata());
        c.putCount(r.relationships().size());
        new TreeMap<>(r.relationships()).forEach((name, ids) -> c.put(name).putList(ids));
        return c.digest();
    }

    static byte[] updateFingerprint(String principal, TaskId id, TaskPatch p, OptionalLong expectedVersion) {
        Canonical c = new Canonical("update/1").put(principal).put(id.value())
                .put(expectedVersion.isPresent() ? Long.toString(expectedVersion.getAsLong()) : null);
        c.putField(p.title()).putField(p.description()).putField(p.status()).putField(p.dueAt()).putField(p.externalId());
        c.put(Boolean.toString(p.clearMetadata())).putMap(p.metadata());
        c.putCount(p.relationships().size());
        new TreeMap<>(p.relationships()).forEach((name, change) -> {
            c.put(name);
            if (change == null) {
                c.put((String) null);
            } else {
                c.putList(change.add()).putList(change.remove());
                Optional<List<String>> replace = change.replace();
                c.put(Boolean.toString(replace.isPresent()));
                replace.ifPresent(c::putList);
            }
        });
        return c.digest();
    }

    static byte[] queryBinding(TenantId tenant, TaskFilter f, TaskSort sort) {
        Canonical c = new Canonical("query/1").put(tenant.value()).put(sort.field().name()).put(sort.direction().name());
        c.putSorted(f.statuses().stream().map(Enum::name).toList()).putSorted(f.assignees());
        c.putCount(f.relatedTo().size());
        for (RelatedTo r : f.relatedTo()) {
            c.put(r.relationship()).put(r.entityId());
        }
        c.putInstant(f.dueAfter()).putInstant(f.dueBefore()).putInstant(f.createdAfter()).putInstant(f.createdBefore())
                .putInstant(f.updatedAfter()).putInstant(f.updatedBefore()).put(f.externalId()).putMap(f.metadata())
                .put(f.trashed().name()).put(f.titleContains());
        return c.digest();
    }

    private Canonical put(String s) {
        if (s == null) {
            sb.append("-;");
        } else {
            sb.append(s.length()).append(':').append(s).append(';');
        }
        return this;
    }

    private Canonical put(Optional<String> s) {
        return put(s.orElse(null));
    }

    private Canonical putInstant(Optional<Instant> t) {
        return put(t.map(Instant::toString).orElse(null));
    }

    private Canonical putCount(int n) {
        sb.append('#').append(n).append(';');
        return this;
    }

    private Canonical putList(List<String> list) {
        putCount(list.size());
        list.forEach(this::put);
        return this;
    }

    private Canonical putSorted(Collection<String> values) {
        return putList(values.stream().sorted(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())).toList());
    }

    private Canonical putMap(Map<String, String> map) {
        putCount(map.size());
        TreeMap<String, String> sorted = new TreeMap<>(java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
        sorted.putAll(map);
        sorted.forEach((k, v) -> put(k).put(v));
        return this;
    }

    private Canonical putField(FieldPatch<?> field) {
        if (field instanceof FieldPatch.SetTo<?> set) {
            Object v = set.value();
            sb.append("set;");
            return put(v instanceof Enum<?> e ? e.name() : String.valueOf(v));
        }
        sb.append(field.isPresent() ? "cleared;" : "absent;");
        return this;
    }

    private byte[] digest() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
