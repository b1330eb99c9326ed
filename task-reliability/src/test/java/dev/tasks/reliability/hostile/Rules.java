package dev.tasks.reliability.hostile;

import dev.tasks.core.Cardinality;
import dev.tasks.core.FieldPatch;
import dev.tasks.core.NewTask;
import dev.tasks.core.RelatedTo;
import dev.tasks.core.RelationshipCatalog;
import dev.tasks.core.RelationshipDefinition;
import dev.tasks.core.RelationshipPatch;
import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.TaskQuery;
import dev.tasks.core.Writability;
import dev.tasks.core.validation.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The documented rules (README, "The rules in brief"; docs/decisions.md, "Values" and "Lists") written
 * again as plain predicates: the oracle that says, before a call, whether its input must be accepted or
 * refused and at which JSON Pointers. It is deliberately independent of the library's validators (no
 * call into them), so that a validator drifting from the documentation fails the properties instead of
 * agreeing with itself.
 *
 * <p>A "problem" is a JSON Pointer prefix: the service must report at least one violation under each
 * problem, and no violation outside all of them.
 */
public final class Rules {

    /** The earliest instant the domain accepts (decisions.md, "Instants"). */
    public static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
    /** The latest instant the domain accepts. */
    public static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999Z");

    static final int MAX_TITLE = 500;
    static final int MAX_DESCRIPTION = 20_000;
    static final int MAX_EXTERNAL_ID = 255;
    static final int MAX_METADATA_VALUE = 500;
    static final int MAX_METADATA_KEYS = 20;
    static final int MAX_IDS = 100;
    static final int MAX_KEY = 255;
    static final int MAX_ASSIGNEES = 100;
    static final int MAX_CRITERIA = 20;
    static final int MAX_LIMIT = 100;
    static final int MAX_OFFSET = 100_000;
    /** The most requests in one bulk create (TaskService.createAll). */
    static final int MAX_BULK = 1_000;

    private static final Pattern METADATA_KEY = Pattern.compile("[a-z0-9._:-]{1,40}");
    private static final Pattern ENTITY_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private Rules() {
    }

    // ------------------------------------------------------------------ values

    /** No NUL and no lone surrogate: what every store can keep. */
    public static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** No lone surrogate (NUL allowed): what Jackson accepts in a member name. */
    static boolean noLoneSurrogate(String s) {
        return wellFormed(s.replace("\u0000", ""));
    }

    /** Lengths count code points, as a person counts characters. */
    static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** Unicode category Cc: U+0000..U+001F and U+007F..U+009F. */
    static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> c <= 0x1F || (c >= 0x7F && c <= 0x9F));
    }

    /** Shows nothing: white space, space separators or invisible format characters only (empty included). */
    static boolean blank(String s) {
        return s.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.getType(c) == Character.FORMAT);
    }

    static boolean title(String s) {
        return s != null && wellFormed(s) && !hasControl(s) && !blank(s) && length(s) <= MAX_TITLE;
    }

    static boolean description(String s) {
        return s != null && wellFormed(s) && length(s) <= MAX_DESCRIPTION;
    }

    static boolean externalId(String s) {
        return s != null && wellFormed(s) && !hasControl(s) && !blank(s) && length(s) <= MAX_EXTERNAL_ID;
    }

    static boolean metadataKey(String s) {
        return s != null && s.length() <= 40 && METADATA_KEY.matcher(s).matches();
    }

    static boolean metadataValue(String s) {
        return s != null && wellFormed(s) && length(s) <= MAX_METADATA_VALUE;
    }

    static boolean entityId(String s) {
        return s != null && s.length() <= 128 && ENTITY_ID.matcher(s).matches();
    }

    static boolean instant(Instant t) {
        return t != null && !t.isBefore(MIN_INSTANT) && !t.isAfter(MAX_INSTANT);
    }

    /** 1 to 255 printable ASCII characters, not only spaces (decisions.md, "Idempotency"). */
    static boolean idempotencyKey(String k) {
        return k != null && !k.isEmpty() && k.length() <= MAX_KEY && k.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)
                && !k.chars().allMatch(c -> c == ' ');
    }

    static boolean titleFragment(String s) {
        return s != null && wellFormed(s) && length(s) <= MAX_TITLE;
    }

    // ------------------------------------------------------------------ requests

    /** Where a create request (with its key) must be refused; empty if it must be accepted. */
    static List<String> createProblems(NewTask r, String key, RelationshipCatalog catalog) {
        if (r == null) {
            return List.of("");
        }
        List<String> p = new ArrayList<>();
        if (!title(r.title())) {
            p.add("/title");
        }
        r.description().filter(d -> !description(d)).ifPresent(d -> p.add("/description"));
        if (r.status() == null) {
            p.add("/status");
        }
        r.dueAt().filter(t -> !instant(t)).ifPresent(t -> p.add("/dueAt"));
        r.externalId().filter(x -> !externalId(x)).ifPresent(x -> p.add("/externalId"));
        metadataProblems(r.metadata(), "", false, p);
        if (r.metadata().size() > MAX_METADATA_KEYS) {
            p.add("/metadata");
        }
        r.relationships().forEach((name, ids) -> {
            if (name == null) {
                p.add("/relationships");
                return;
            }
            Optional<RelationshipDefinition> def = catalog.find(name);
            String at = Violation.pointerOf("relationships", name);
            if (def.isEmpty()) {
                p.add(at);
                return;
            }
            if (def.get().writability() == Writability.READ_ONLY) {
                p.add(at);
            }
            if (ids == null) {
                p.add(at);
                return;
            }
            for (int i = 0; i < ids.size(); i++) {
                if (!entityId(ids.get(i))) {
                    p.add(Violation.pointerOf("relationships", name, i));
                }
            }
            if (tooMany(def.get(), new HashSet<>(ids).size())) {
                p.add(at);
            }
        });
        keyProblems(key, p);
        return p;
    }

    /** Where a patch must be refused on its own (before any task is read); empty if it is valid alone. */
    static List<String> patchProblems(TaskPatch patch, RelationshipCatalog catalog) {
        if (patch == null) {
            return List.of("");
        }
        List<String> p = new ArrayList<>();
        if (patch.title() instanceof FieldPatch.Cleared || patch.title() instanceof FieldPatch.SetTo<String> t && !title(t.value())) {
            p.add("/title");
        }
        if (patch.description() instanceof FieldPatch.SetTo<String> d && !description(d.value())) {
            p.add("/description");
        }
        if (patch.status() instanceof FieldPatch.Cleared) {
            p.add("/status");
        }
        if (patch.dueAt() instanceof FieldPatch.SetTo<Instant> d && !instant(d.value())) {
            p.add("/dueAt");
        }
        if (patch.externalId() instanceof FieldPatch.SetTo<String> x && !externalId(x.value())) {
            p.add("/externalId");
        }
        metadataProblems(patch.metadata(), "", true, p);
        patch.relationships().forEach((name, change) -> {
            if (name == null) {
                p.add("/relationships");
                return;
            }
            Optional<RelationshipDefinition> def = catalog.find(name);
            String at = Violation.pointerOf("relationships", name);
            if (def.isEmpty()) {
                p.add(at);
                return;
            }
            if (def.get().writability() != Writability.WRITABLE) {
                p.add(at);
            }
            if (change == null) {
                p.add(at);
                return;
            }
            ids(change.add(), name, "add", p);
            ids(change.remove(), name, "remove", p);
            change.replace().ifPresent(ids -> ids(ids, name, "replace", p));
            if (change.replace().isEmpty()) {
                for (int i = 0; i < change.add().size(); i++) {
                    String id = change.add().get(i);
                    if (id != null && change.remove().contains(id)) {
                        p.add(Violation.pointerOf("relationships", name, "add", i));
                    }
                }
            }
        });
        return p;
    }

    /** Where the task a valid patch would make breaks a limit that holds on the result. */
    static List<String> resultProblems(Task current, TaskPatch patch, RelationshipCatalog catalog) {
        List<String> p = new ArrayList<>();
        if (applyMetadata(current, patch).size() > MAX_METADATA_KEYS) {
            p.add("/metadata");
        }
        patch.relationships().forEach((name, change) -> {
            RelationshipDefinition def = catalog.find(name).orElseThrow();
            if (tooMany(def, applyRelationship(current.relationship(name), change).size())) {
                p.add(Violation.pointerOf("relationships", name));
            }
        });
        return p;
    }

    /** Where a filter must be refused, the pointers under {@code prefix} ("" for a count, "/filter" in a query). */
    static List<String> filterProblems(TaskFilter f, String prefix, RelationshipCatalog catalog) {
        List<String> p = new ArrayList<>();
        if (f.statuses().contains(null)) {
            p.add(prefix + "/statuses");
        }
        if (f.assignees().size() > MAX_ASSIGNEES || f.assignees().stream().anyMatch(a -> !entityId(a))) {
            p.add(prefix + "/assignees");
        }
        if (f.relatedTo().size() > MAX_CRITERIA) {
            p.add(prefix + "/relatedTo");
        }
        for (int i = 0; i < f.relatedTo().size(); i++) {
            RelatedTo r = f.relatedTo().get(i);
            if (r == null) {
                p.add(prefix + Violation.pointerOf("relatedTo", i));
                continue;
            }
            if (!entityId(r.entityId())) {
                p.add(prefix + Violation.pointerOf("relatedTo", i, "entityId"));
            }
            if (r.relationship().isPresent() && catalog.find(r.relationship().get()).isEmpty()) {
                p.add(prefix + Violation.pointerOf("relatedTo", i, "relationship"));
            }
        }
        instantProblem(f.dueAfter(), prefix + "/dueAfter", p);
        instantProblem(f.dueBefore(), prefix + "/dueBefore", p);
        instantProblem(f.createdAfter(), prefix + "/createdAfter", p);
        instantProblem(f.createdBefore(), prefix + "/createdBefore", p);
        instantProblem(f.updatedAfter(), prefix + "/updatedAfter", p);
        instantProblem(f.updatedBefore(), prefix + "/updatedBefore", p);
        f.externalId().filter(x -> !externalId(x)).ifPresent(x -> p.add(prefix + "/externalId"));
        if (f.metadata().size() > MAX_CRITERIA) {
            p.add(prefix + "/metadata");
        }
        List<String> metadata = new ArrayList<>();
        metadataProblems(f.metadata(), prefix, false, metadata);
        p.addAll(metadata);
        if (f.trashed() == null) {
            p.add(prefix + "/trashed");
        }
        f.titleContains().filter(s -> !titleFragment(s)).ifPresent(s -> p.add(prefix + "/titleContains"));
        return p;
    }

    /** Where a query must be refused before its cursor is read. */
    static List<String> queryProblems(TaskQuery q, RelationshipCatalog catalog) {
        if (q == null) {
            return List.of("");
        }
        List<String> p = new ArrayList<>();
        if (q.filter() == null) {
            p.add("/filter");
        } else {
            p.addAll(filterProblems(q.filter(), "/filter", catalog));
        }
        if (q.sort() == null) {
            p.add("/sort");
        }
        if (q.limit() < 1 || q.limit() > MAX_LIMIT) {
            p.add("/limit");
        }
        if (q.offset() < 0 || q.offset() > MAX_OFFSET || (q.cursor().isPresent() && q.offset() != 0)) {
            p.add("/offset");
        }
        return p;
    }

    static void keyProblems(String key, List<String> p) {
        if (key != null && !idempotencyKey(key)) {
            p.add("/idempotencyKey");
        }
    }

    static void versionProblems(OptionalLong expected, List<String> p) {
        if (expected.isPresent() && expected.getAsLong() < 1) {
            p.add("/expectedVersion");
        }
    }

    // ------------------------------------------------------------------ results

    /** The metadata a patch leaves: clear-all first, then each entry set or ({@code null}) removed. */
    static Map<String, String> applyMetadata(Task current, TaskPatch patch) {
        Map<String, String> m = new LinkedHashMap<>(patch.clearMetadata() ? Map.of() : current.metadata());
        patch.metadata().forEach((k, v) -> {
            if (v == null) {
                m.remove(k);
            } else {
                m.put(k, v);
            }
        });
        return m;
    }

    /** The ids a relationship change leaves: replace (if any), then remove, then add; first occurrences kept. */
    static List<String> applyRelationship(List<String> current, RelationshipPatch change) {
        Set<String> ids = new LinkedHashSet<>(change.replace().orElse(current));
        change.remove().forEach(ids::remove);
        ids.addAll(change.add());
        return List.copyOf(ids);
    }

    // ------------------------------------------------------------------ helpers

    /** Each key and value of a metadata map; {@code removals} lets a null value mean "remove" (a patch). */
    private static void metadataProblems(Map<String, String> metadata, String prefix, boolean removals, List<String> p) {
        metadata.forEach((k, v) -> {
            if (k == null) {
                p.add(prefix + "/metadata");
                return;
            }
            String at = prefix + Violation.pointerOf("metadata", k);
            if (!metadataKey(k) || (v == null ? !removals : !metadataValue(v))) {
                p.add(at);
            }
        });
    }

    private static void ids(List<String> ids, String name, String part, List<String> p) {
        for (int i = 0; i < ids.size(); i++) {
            if (!entityId(ids.get(i))) {
                p.add(Violation.pointerOf("relationships", name, part, i));
            }
        }
    }

    private static boolean tooMany(RelationshipDefinition def, int distinct) {
        return def.cardinality() == Cardinality.HAS_ONE ? distinct > 1 : distinct > MAX_IDS;
    }

    private static void instantProblem(Optional<Instant> t, String pointer, List<String> p) {
        if (t.isPresent() && !instant(t.get())) {
            p.add(pointer);
        }
    }

    /** True if {@code pointer} is {@code prefix} or lies under it (token-wise). */
    static boolean under(String pointer, String prefix) {
        return prefix.isEmpty() || pointer.equals(prefix) || pointer.startsWith(prefix + "/");
    }
}
