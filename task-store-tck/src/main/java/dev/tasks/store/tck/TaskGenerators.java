package dev.tasks.store.tck;

import dev.tasks.core.Cardinality;
import dev.tasks.core.NewTask;
import dev.tasks.core.RelatedTo;
import dev.tasks.core.RelationshipCatalog;
import dev.tasks.core.RelationshipDefinition;
import dev.tasks.core.RelationshipPatch;
import dev.tasks.core.SortDirection;
import dev.tasks.core.SortField;
import dev.tasks.core.SystemRelationship;
import dev.tasks.core.Task;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.TaskSort;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.Text;
import dev.tasks.core.TenantId;
import dev.tasks.core.TrashFilter;
import dev.tasks.core.Writability;
import dev.tasks.core.validation.RequestValidator;
import dev.tasks.core.validation.SupportedInstantValidator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators of valid domain values: stored tasks, create requests, patches, filters and
 * sorts. Every module's tests use them, so that the rules are exercised on the same data everywhere.
 *
 * <p>Values are drawn partly from small shared pools ({@link #ASSIGNEES}, {@link #ENTITY_IDS},
 * {@link #EXTERNAL_IDS}, {@link #METADATA_KEYS}, {@link #METADATA_VALUES}, {@link #TITLE_WORDS}) so that
 * generated filters select generated tasks and generated external ids clash, and partly at random over
 * the whole valid range: titles and texts with supplementary characters (emoji), strings at their maximum
 * length, instants from 0001 to 9999 at millisecond precision. Every value is valid for
 * {@link RequestValidator} with the catalog it was generated for; results of patches may still exceed a
 * limit that depends on the task they apply to (20 metadata keys), which
 * {@link RequestValidator#validateResult(Task)} reports.
 *
 * <p>Generators shrink towards the simplest value: optional parts absent, pool values first.
 *
 * <pre>{@code
 * qt().forAll(TaskGenerators.tasks(TenantId.of("t1"))).checkAssert(task -> {
 *     store.insert(task, Optional.empty());
 *     assertThat(store.get(task.tenantId(), task.id())).contains(task);
 * });
 * }</pre>
 */
public final class TaskGenerators {

    /** The earliest instant the domain accepts: 0001-01-01T00:00:00Z. */
    public static final Instant MIN_INSTANT = SupportedInstantValidator.MIN;

    /** The latest instant the domain accepts: 9999-12-31T23:59:59.999Z. */
    public static final Instant MAX_INSTANT = SupportedInstantValidator.MAX;

    /** Member ids that generated tasks are assigned to and generated filters ask for. */
    public static final List<String> ASSIGNEES = List.of("mem_1", "mem_2", "mem_3");

    /** Entity ids that generated relationships hold and generated filters ask for. */
    public static final List<String> ENTITY_IDS = List.of("x_1", "acc_1", "opp_1", "site_1", "con_1", "unit-1", "note_1", "note_2");

    /** External ids shared by generated tasks, so that some clash; they differ in case and script. */
    public static final List<String> EXTERNAL_IDS = List.of("ext-1", "ext-2", "EXT-1", "ext-\u00fc", "ext-\uD83C\uDF89");

    /** Metadata keys shared by generated tasks and filters. */
    public static final List<String> METADATA_KEYS = List.of("region", "team", "a.b:c-d_e", "0");

    /** Metadata values shared by generated tasks and filters, the empty value included. */
    public static final List<String> METADATA_VALUES = List.of("north", "North", "south", "", "\u2603", " x ");

    /**
     * Words that generated titles are made of: case variants, letters that case folding or Unicode
     * normalization would confuse (ß, Kelvin sign, dotted İ, decomposed é, ǅ), SQL {@code LIKE}
     * wildcards and escapes, and supplementary characters.
     */
    public static final List<String> TITLE_WORDS = List.of("Call", "call", "CALL", "back", "Inspect", "unit", "\u00dcnit",
            "\u00fcnit", "stra\u00dfe", "STRASSE", "caf\u00e9", "CAF\u00c9", "cafe\u0301", "\uD83C\uDF89", "\u65e5\u672c\u8a9e",
            "100%", "a_b", "x\\y", "\u212a", "\u0130stanbul", "i", "\u01c5", "\u01c6");

    /** Fragments that generated {@code titleContains} filters look for, matching or not. */
    public static final List<String> TITLE_FRAGMENTS = List.of("call", "CALL", "cAlL", "all b", "\u00fcnit", "\u00dcNIT",
            "strasse", "\u00e9", "\u00c9", "e\u0301", "\uD83C\uDF89", "%", "_", "\\", "k", "K", "i", "I", "\u0130", "\u01c4", "");

    private static final String ENTITY_ID_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";
    private static final String METADATA_KEY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789._:-";
    private static final List<Instant> EDGE_INSTANTS = List.of(
            Instant.parse("1970-01-01T00:00:00Z"),
            MIN_INSTANT,
            MAX_INSTANT,
            Instant.parse("1969-12-31T23:59:59.999Z"),
            Instant.parse("1582-10-04T23:59:59.999Z"),
            Instant.parse("1582-10-15T00:00:00Z"),
            Instant.parse("0004-02-29T12:00:00.001Z"),
            Instant.parse("1900-01-01T00:00:00Z"),
            Instant.parse("2038-01-19T03:14:08Z"),
            Instant.parse("9999-12-31T00:00:00Z"));
    private static final long NEAR_FROM = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    private static final long NEAR_TO = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();

    /** Feeds {@link #uniqueTaskIds()}: ids stay unique within the JVM whatever the shrinker does. */
    private static final AtomicLong ID_COUNTER = new AtomicLong();

    private TaskGenerators() {
    }

    // ------------------------------------------------------------------ tasks

    /**
     * Valid stored tasks of a tenant, with the system relationships only.
     *
     * @param tenant the tenant every task belongs to
     * @return the generator; see {@link #tasks(TenantId, RelationshipCatalog)}
     */
    public static Gen<Task> tasks(TenantId tenant) {
        return tasks(tenant, RelationshipCatalog.system());
    }

    /**
     * Valid stored tasks of a tenant, as a store receives them on insert: version 1, every status with
     * {@code completedAt} set exactly while {@code COMPLETE}, instants from 0001 to 9999 at millisecond
     * precision ({@code createdAt <= completedAt, trashedAt <= updatedAt}), titles and texts with
     * supplementary characters and sometimes at their maximum length, up to 20 metadata keys, and
     * relationships that follow the catalog's definitions (one id for a has-one relationship, a few
     * distinct ids for a has-many one).
     *
     * <p>Ids come from {@link #uniqueTaskIds()}: every task generated in a JVM has its own id, so tasks
     * from separate draws can be inserted into one store. External ids come from a small pool and may
     * repeat; use {@link #distinctTasks(TenantId, int, int)} for lists that a store accepts as a whole.
     *
     * @param tenant the tenant every task belongs to
     * @param catalog the relationship definitions to follow
     * @return the generator
     */
    public static Gen<Task> tasks(TenantId tenant, RelationshipCatalog catalog) {
        Gen<TaskId> ids = uniqueTaskIds();
        return tasksWithIds(tenant, catalog, ids);
    }

    private static Gen<Task> tasksWithIds(TenantId tenant, RelationshipCatalog catalog, Gen<TaskId> ids) {
        Gen<String> titles = titles();
        Gen<String> descriptions = descriptions();
        Gen<Instant> instants = instants();
        Gen<String> externalIds = externalIds();
        Gen<Map<String, String>> metadata = metadata();
        Gen<Map<String, List<String>>> relationships = relationships(catalog, true);
        return in -> {
            TaskStatus status = pick(in, List.of(TaskStatus.values()));
            Instant createdAt = instants.generate(in);
            Instant updatedAt = chance(in, 40) ? plusMillisClamped(createdAt, Generate.longRange(1, 30L * 86_400_000).generate(in)) : createdAt;
            Task.Builder b = Task.builder()
                    .id(ids.generate(in))
                    .tenantId(tenant)
                    .title(titles.generate(in))
                    .status(status)
                    .createdAt(createdAt)
                    .updatedAt(updatedAt)
                    .version(1);
            if (chance(in, 60)) {
                b.description(descriptions.generate(in));
            }
            if (chance(in, 60)) {
                b.dueAt(instants.generate(in));
            }
            if (status == TaskStatus.COMPLETE) {
                b.completedAt(between(in, createdAt, updatedAt));
            }
            if (chance(in, 20)) {
                b.trashedAt(between(in, createdAt, updatedAt));
            }
            if (chance(in, 50)) {
                b.externalId(externalIds.generate(in));
            }
            b.metadata(metadata.generate(in));
            b.relationships(relationships.generate(in));
            return b.build();
        };
    }

    /**
     * Lists of valid tasks of one tenant that a store accepts together: ids and external ids are
     * distinct. Ids are derived from the generator's randomness (so a failing list is reproduced by its
     * seed) and stay distinct while shrinking; they are in no particular order.
     *
     * @param tenant the tenant every task belongs to
     * @param minSize the fewest tasks
     * @param maxSize the most tasks
     * @return the generator
     */
    public static Gen<List<Task>> distinctTasks(TenantId tenant, int minSize, int maxSize) {
        Gen<Task> tasks = tasksWithIds(tenant, RelationshipCatalog.system(), in -> PLACEHOLDER_ID);
        return in -> {
            long salt = Generate.longRange(0, Long.MAX_VALUE).generate(in);
            int n = Generate.range(minSize, maxSize).generate(in);
            List<Task> out = new ArrayList<>(n);
            Set<String> externalIds = new HashSet<>();
            for (int i = 0; i < n; i++) {
                Task t = tasks.generate(in);
                Task.Builder b = t.toBuilder().id(mixedId(salt, i));
                if (t.externalId().isPresent() && !externalIds.add(t.externalId().get())) {
                    b.externalId(null);
                }
                out.add(b.build());
            }
            return List.copyOf(out);
        };
    }

    private static final TaskId PLACEHOLDER_ID = new TaskId("task_0000000000000000");

    /**
     * Task ids that are unique within the JVM (a counter, scrambled so that ids are in no order), so
     * that shrinking never makes two generated tasks share an id.
     *
     * @return the generator
     */
    public static Gen<TaskId> uniqueTaskIds() {
        return in -> mixedId(0x5DEECE66DL, ID_COUNTER.getAndIncrement());
    }

    /**
     * A well-formed task id that is a bijection of {@code salt + n}: distinct {@code n} give distinct ids
     * for one salt; the ids are in no particular order.
     *
     * @param salt any number
     * @param n a sequence number
     * @return the id
     */
    public static TaskId mixedId(long salt, long n) {
        long mixed = mix(salt + n);
        String low = Long.toUnsignedString(mixed, 36); // at most 13 characters
        String high = Long.toString(Math.floorMod(mix(mixed ^ salt), 36L * 36 * 36), 36);
        String body = "0".repeat(3 - high.length()) + high + "0".repeat(13 - low.length()) + low;
        return new TaskId(TaskId.PREFIX + body);
    }

    /** The splitmix64 finalizer: a bijection on 64-bit values. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    // ------------------------------------------------------------------ requests

    /**
     * Valid create requests for the system relationships.
     *
     * @return the generator; see {@link #newTasks(RelationshipCatalog, Gen)}
     */
    public static Gen<NewTask> newTasks() {
        return newTasks(RelationshipCatalog.system(), instants());
    }

    /**
     * Valid create requests: every one passes {@link RequestValidator#validate(NewTask)} with
     * {@code catalog}. Relationships are the catalog's writable and create-only ones; read-only ones
     * ({@code $note}) are never requested.
     *
     * @param catalog the relationship definitions to follow
     * @param dueTimes where due times come from (for example {@link #instants()})
     * @return the generator
     */
    public static Gen<NewTask> newTasks(RelationshipCatalog catalog, Gen<Instant> dueTimes) {
        Gen<String> titles = titles();
        Gen<String> descriptions = descriptions();
        Gen<String> externalIds = externalIds();
        Gen<Map<String, String>> metadata = metadata();
        Gen<Map<String, List<String>>> relationships = relationships(catalog, false);
        return in -> {
            NewTask.Builder b = NewTask.builder(titles.generate(in));
            b.status(chance(in, 50) ? pick(in, List.of(TaskStatus.values())) : TaskStatus.DEFAULT);
            if (chance(in, 50)) {
                b.description(descriptions.generate(in));
            }
            if (chance(in, 50)) {
                b.dueAt(dueTimes.generate(in));
            }
            if (chance(in, 40)) {
                b.externalId(externalIds.generate(in));
            }
            b.metadata(metadata.generate(in));
            relationships.generate(in).forEach(b::relationship);
            return b.build();
        };
    }

    /**
     * Valid patches for the system relationships.
     *
     * @return the generator; see {@link #patches(RelationshipCatalog, Gen)}
     */
    public static Gen<TaskPatch> patches() {
        return patches(RelationshipCatalog.system(), instants());
    }

    /**
     * Valid patches: every one passes {@link RequestValidator#validate(TaskPatch)} with {@code catalog}.
     * Fields are set, cleared or left absent; metadata keys are set or removed, sometimes after clearing
     * all; writable relationships are replaced or cleared (has-one) or added to, removed from or replaced
     * (has-many). The result of applying a patch may exceed 20 metadata keys or, for a has-many
     * relationship, 100 ids; check it with {@link RequestValidator#validateResult(Task)}.
     *
     * @param catalog the relationship definitions to follow
     * @param dueTimes where due times come from
     * @return the generator
     */
    public static Gen<TaskPatch> patches(RelationshipCatalog catalog, Gen<Instant> dueTimes) {
        Gen<String> titles = titles();
        Gen<String> descriptions = descriptions();
        Gen<String> externalIds = externalIds();
        Gen<String> keys = metadataKeys();
        Gen<String> values = metadataValues();
        Gen<String> entityIds = entityIds();
        List<RelationshipDefinition> writable = catalog.all().stream()
                .filter(d -> d.writability() == Writability.WRITABLE).toList();
        return in -> {
            TaskPatch.Builder b = TaskPatch.builder();
            if (chance(in, 30)) {
                b.title(titles.generate(in));
            }
            if (chance(in, 20)) {
                b.description(chance(in, 30) ? null : descriptions.generate(in));
            }
            if (chance(in, 30)) {
                b.status(pick(in, List.of(TaskStatus.values())));
            }
            if (chance(in, 25)) {
                b.dueAt(chance(in, 30) ? null : dueTimes.generate(in));
            }
            if (chance(in, 20)) {
                b.externalId(chance(in, 30) ? null : externalIds.generate(in));
            }
            if (chance(in, 5)) {
                b.clearMetadata();
            }
            if (chance(in, 30)) {
                int n = Generate.range(1, 3).generate(in);
                for (int i = 0; i < n; i++) {
                    b.metadata(keys.generate(in), chance(in, 30) ? null : values.generate(in));
                }
            }
            if (!writable.isEmpty() && chance(in, 30)) {
                int n = Generate.range(1, 2).generate(in);
                for (int i = 0; i < n; i++) {
                    RelationshipDefinition d = pick(in, writable);
                    b.relationship(d.name(), relationshipPatch(in, d, entityIds));
                }
            }
            return b.build();
        };
    }

    private static RelationshipPatch relationshipPatch(RandomnessSource in, RelationshipDefinition d, Gen<String> entityIds) {
        if (d.cardinality() == Cardinality.HAS_ONE) {
            return chance(in, 25) ? RelationshipPatch.clear() : RelationshipPatch.replace(List.of(entityIds.generate(in)));
        }
        List<String> ids = distinctIds(in, entityIds, Generate.range(0, 3).generate(in));
        return switch (Generate.range(0, 2).generate(in)) {
            case 0 -> RelationshipPatch.add(ids);
            case 1 -> RelationshipPatch.remove(ids);
            default -> RelationshipPatch.replace(ids);
        };
    }

    // ------------------------------------------------------------------ queries

    /**
     * Valid filters for the system relationships, bounded by instants from {@link #instants()}.
     *
     * @return the generator; see {@link #filters(RelationshipCatalog, Gen)}
     */
    public static Gen<TaskFilter> filters() {
        return filters(RelationshipCatalog.system(), instants());
    }

    /**
     * Valid filters (they pass {@link RequestValidator#validate(dev.tasks.core.TaskQuery)}): each
     * criterion is present with a small probability, with values from the shared pools so that filters
     * select some generated tasks and not others: statuses, assignees, relationship criteria (named,
     * from the catalog, or any), due, created and updated ranges bounded by {@code bounds}, external id,
     * metadata entries, each trash filter, and title fragments whose match depends on ASCII-only case
     * folding.
     *
     * @param catalog the relationships that named criteria may name
     * @param bounds where range bounds come from; pass times near the tasks' to hit boundaries
     * @return the generator
     */
    public static Gen<TaskFilter> filters(RelationshipCatalog catalog, Gen<Instant> bounds) {
        List<String> names = catalog.all().stream().map(RelationshipDefinition::name).toList();
        List<String> relatedIds = new ArrayList<>(ENTITY_IDS);
        relatedIds.addAll(ASSIGNEES);
        Gen<String> values = metadataValues();
        return in -> {
            TaskFilter.Builder b = TaskFilter.builder();
            int trash = Generate.range(0, 9).generate(in);
            b.trashed(trash < 6 ? TrashFilter.EXCLUDE : trash < 9 ? TrashFilter.INCLUDE : TrashFilter.ONLY);
            if (chance(in, 20)) {
                int n = Generate.range(1, 3).generate(in);
                for (int i = 0; i < n; i++) {
                    b.statuses(pick(in, List.of(TaskStatus.values())));
                }
            }
            if (chance(in, 12)) {
                int n = Generate.range(1, 2).generate(in);
                for (int i = 0; i < n; i++) {
                    b.assignee(pick(in, ASSIGNEES));
                }
            }
            if (chance(in, 12)) {
                int n = Generate.range(1, 2).generate(in);
                for (int i = 0; i < n; i++) {
                    String id = pick(in, relatedIds);
                    b.relatedTo(chance(in, 50) ? RelatedTo.in(pick(in, names), id) : RelatedTo.any(id));
                }
            }
            if (chance(in, 8)) {
                b.dueAfter(bounds.generate(in));
            }
            if (chance(in, 8)) {
                b.dueBefore(bounds.generate(in));
            }
            if (chance(in, 8)) {
                b.createdAfter(bounds.generate(in));
            }
            if (chance(in, 8)) {
                b.createdBefore(bounds.generate(in));
            }
            if (chance(in, 8)) {
                b.updatedAfter(bounds.generate(in));
            }
            if (chance(in, 8)) {
                b.updatedBefore(bounds.generate(in));
            }
            if (chance(in, 6)) {
                b.externalId(pick(in, EXTERNAL_IDS));
            }
            if (chance(in, 10)) {
                int n = Generate.range(1, 2).generate(in);
                for (int i = 0; i < n; i++) {
                    b.metadata(pick(in, METADATA_KEYS), values.generate(in));
                }
            }
            if (chance(in, 12)) {
                b.titleContains(pick(in, TITLE_FRAGMENTS));
            }
            return b.build();
        };
    }

    /**
     * Every sort: each field in each direction.
     *
     * @return the generator
     */
    public static Gen<TaskSort> sorts() {
        return in -> TaskSort.by(pick(in, List.of(SortField.values())), pick(in, List.of(SortDirection.values())));
    }

    // ------------------------------------------------------------------ values

    /**
     * Instants the domain accepts, at millisecond precision: edge instants (0001-01-01, 9999-12-31,
     * the epoch and the millisecond before it, the Gregorian cut-over, a leap day of year 4), instants
     * of this century and instants anywhere from 0001 to 9999.
     *
     * @return the generator
     */
    public static Gen<Instant> instants() {
        Gen<Long> near = Generate.longRange(NEAR_FROM, NEAR_TO);
        Gen<Long> anywhere = Generate.longRange(MIN_INSTANT.toEpochMilli(), MAX_INSTANT.toEpochMilli());
        return in -> switch (Generate.range(0, 9).generate(in)) {
            case 0, 1 -> pick(in, EDGE_INSTANTS);
            case 2, 3, 4 -> Instant.ofEpochMilli(anywhere.generate(in));
            default -> Instant.ofEpochMilli(near.generate(in));
        };
    }

    /**
     * Valid titles: 1 to 500 characters (code points), not blank, no control characters: words from
     * {@link #TITLE_WORDS}, random text over the whole of Unicode (supplementary characters and emoji
     * included), and sometimes exactly 500 code points of which many are supplementary (about 1,000
     * UTF-16 units).
     *
     * @return the generator
     */
    public static Gen<String> titles() {
        Gen<Integer> cps = printableCodePoints();
        return in -> {
            String s = switch (Generate.range(0, 9).generate(in)) {
                case 7, 8 -> codePointString(in, cps, 1, 40);
                case 9 -> exactLength(in, cps, 500);
                default -> words(in);
            };
            return nonBlank(s);
        };
    }

    /**
     * The string, or, if the domain would call it blank (white space, space separators such as U+00A0,
     * invisible format characters), the same with its first character replaced by {@code x}.
     */
    static String nonBlank(String s) {
        return Text.isBlank(s) ? "x" + s.substring(s.offsetByCodePoints(0, 1)) : s;
    }

    private static String words(RandomnessSource in) {
        int n = Generate.range(1, 4).generate(in);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(pick(in, TITLE_WORDS));
        }
        if (chance(in, 30)) {
            sb.append(" #").append(Generate.range(0, 999).generate(in));
        }
        return sb.toString();
    }

    /**
     * Valid descriptions: up to 20,000 code points of any valid Unicode, control characters such as
     * tab, newline and U+0085 included (only NUL and lone surrogates are invalid), sometimes exactly
     * 20,000 code points.
     *
     * @return the generator
     */
    public static Gen<String> descriptions() {
        Gen<Integer> cps = textCodePoints();
        return in -> switch (Generate.range(0, 19).generate(in)) {
            case 19 -> exactLength(in, cps, 20_000);
            case 15, 16, 17, 18 -> codePointString(in, cps, 0, 200);
            default -> words(in) + (chance(in, 50) ? "\n\n- " + words(in) : "");
        };
    }

    /**
     * Valid external ids: from {@link #EXTERNAL_IDS} mostly, else 1 to 255 code points, not blank, no
     * control characters, sometimes exactly 255 code points.
     *
     * @return the generator
     */
    public static Gen<String> externalIds() {
        Gen<Integer> cps = printableCodePoints();
        return in -> {
            if (!chance(in, 30)) {
                return pick(in, EXTERNAL_IDS);
            }
            String s = chance(in, 20) ? exactLength(in, cps, 255) : codePointString(in, cps, 1, 30);
            return nonBlank(s);
        };
    }

    /**
     * Valid metadata keys: from {@link #METADATA_KEYS} mostly, else 1 to 40 characters of
     * {@code [a-z0-9._:-]}, sometimes exactly 40.
     *
     * @return the generator
     */
    public static Gen<String> metadataKeys() {
        return in -> {
            if (!chance(in, 40)) {
                return pick(in, METADATA_KEYS);
            }
            int n = chance(in, 20) ? 40 : Generate.range(1, 12).generate(in);
            return charsFrom(in, METADATA_KEY_CHARS, n);
        };
    }

    /**
     * Valid metadata values: from {@link #METADATA_VALUES} mostly (the empty value included), else up to
     * 500 code points of any valid Unicode, control characters included, sometimes exactly 500.
     *
     * @return the generator
     */
    public static Gen<String> metadataValues() {
        Gen<Integer> cps = textCodePoints();
        return in -> {
            if (!chance(in, 30)) {
                return pick(in, METADATA_VALUES);
            }
            return chance(in, 20) ? exactLength(in, cps, 500) : codePointString(in, cps, 0, 30);
        };
    }

    /**
     * Valid metadata maps: usually a few entries, sometimes up to the limit of 20 keys.
     *
     * @return the generator
     */
    public static Gen<Map<String, String>> metadata() {
        Gen<String> keys = metadataKeys();
        Gen<String> values = metadataValues();
        return in -> {
            int n = chance(in, 10) ? Generate.range(0, RequestValidator.MAX_METADATA_KEYS).generate(in) : Generate.range(0, 3).generate(in);
            Map<String, String> m = new LinkedHashMap<>();
            for (int attempt = 0; m.size() < n && attempt < 3 * n + 3; attempt++) {
                m.putIfAbsent(keys.generate(in), values.generate(in));
            }
            return m;
        };
    }

    /**
     * Valid entity ids: from {@link #ENTITY_IDS} and {@link #ASSIGNEES} mostly, else 1 to 128 characters
     * of {@code [A-Za-z0-9_-]}, sometimes exactly 128.
     *
     * @return the generator
     */
    public static Gen<String> entityIds() {
        List<String> pool = new ArrayList<>(ENTITY_IDS);
        pool.addAll(ASSIGNEES);
        return in -> {
            if (!chance(in, 25)) {
                return pick(in, pool);
            }
            int n = chance(in, 20) ? 128 : Generate.range(1, 16).generate(in);
            return charsFrom(in, ENTITY_ID_CHARS, n);
        };
    }

    /**
     * Relationships of a stored task, following the definitions: each relationship is present or not;
     * a has-one relationship holds one id, a has-many one a few distinct ids (rarely up to 100). The
     * assignee comes from {@link #ASSIGNEES} so that assignee filters hit.
     *
     * @param catalog the definitions to follow
     * @param includeReadOnly whether read-only relationships ({@code $note}) are generated too: yes for
     *     stored tasks, no for create requests
     * @return the generator
     */
    public static Gen<Map<String, List<String>>> relationships(RelationshipCatalog catalog, boolean includeReadOnly) {
        Gen<String> entityIds = entityIds();
        List<RelationshipDefinition> defs = catalog.all().stream()
                .filter(d -> includeReadOnly || d.writability() != Writability.READ_ONLY).toList();
        String assignedTo = SystemRelationship.ASSIGNED_TO.relationshipName();
        return in -> {
            Map<String, List<String>> rels = new LinkedHashMap<>();
            for (RelationshipDefinition d : defs) {
                if (!chance(in, 35)) {
                    continue;
                }
                if (d.cardinality() == Cardinality.HAS_ONE) {
                    rels.put(d.name(), List.of(d.name().equals(assignedTo) ? pick(in, ASSIGNEES) : entityIds.generate(in)));
                } else {
                    int n = chance(in, 5) ? RelationshipDefinition.MAX_IDS : Generate.range(1, 4).generate(in);
                    List<String> ids = distinctIds(in, entityIds, n);
                    if (!ids.isEmpty()) {
                        rels.put(d.name(), ids);
                    }
                }
            }
            return rels;
        };
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Draws a choice that is true with the given probability and shrinks to false.
     *
     * @param in the randomness
     * @param percent the probability of true, 0 to 100
     * @return the choice
     */
    static boolean chance(RandomnessSource in, int percent) {
        return Generate.range(0, 99).generate(in) >= 100 - percent;
    }

    /**
     * Draws an element of a list; shrinks to the first.
     *
     * @param in the randomness
     * @param values the choices, not empty
     * @param <T> the element type
     * @return the element
     */
    static <T> T pick(RandomnessSource in, List<T> values) {
        return values.get(Generate.range(0, values.size() - 1).generate(in));
    }

    private static List<String> distinctIds(RandomnessSource in, Gen<String> ids, int n) {
        Set<String> out = new LinkedHashSet<>();
        for (int attempt = 0; out.size() < n && attempt < 3 * n + 3; attempt++) {
            out.add(ids.generate(in));
        }
        if (out.size() < n) {
            // Top up with ids that cannot repeat (the pool is small and the shrinker likes repeats).
            for (int i = 0; out.size() < n; i++) {
                out.add("id_" + i);
            }
        }
        return List.copyOf(out);
    }

    private static Instant between(RandomnessSource in, Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return from;
        }
        return Instant.ofEpochMilli(Generate.longRange(from.toEpochMilli(), to.toEpochMilli()).generate(in));
    }

    private static Instant plusMillisClamped(Instant t, long millis) {
        long max = MAX_INSTANT.toEpochMilli();
        long v = t.toEpochMilli();
        return Instant.ofEpochMilli(v > max - millis ? max : v + millis);
    }

    private static String charsFrom(RandomnessSource in, String alphabet, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(Generate.range(0, alphabet.length() - 1).generate(in)));
        }
        return sb.toString();
    }

    private static String codePointString(RandomnessSource in, Gen<Integer> cps, int min, int max) {
        int n = Generate.range(min, max).generate(in);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.appendCodePoint(cps.generate(in));
        }
        return sb.toString();
    }

    /** Exactly {@code n} code points: a random chunk repeated (cheap to draw, still varied). */
    private static String exactLength(RandomnessSource in, Gen<Integer> cps, int n) {
        String chunk = codePointString(in, cps, 1, 16);
        int[] points = chunk.codePoints().toArray();
        StringBuilder sb = new StringBuilder(n * 2);
        for (int i = 0; i < n; i++) {
            sb.appendCodePoint(points[i % points.length]);
        }
        return sb.toString();
    }

    /** Code points that a title may hold: no control characters, no surrogates, no NUL. */
    private static Gen<Integer> printableCodePoints() {
        return Generate.frequency(List.of(
                Pair.of(6, Generate.range(0x20, 0x7E)),
                Pair.of(2, Generate.range(0xA0, 0x24F)),
                Pair.of(1, Generate.range(0x250, 0xD7FF)),
                Pair.of(1, Generate.range(0xE000, 0xFFFF)),
                Pair.of(2, Generate.range(0x1F300, 0x1FAFF)),
                Pair.of(1, Generate.range(0x10000, 0x10FFFF))));
    }

    /** Code points that a description or metadata value may hold: anything but NUL and surrogates. */
    private static Gen<Integer> textCodePoints() {
        return Generate.frequency(List.of(
                Pair.of(8, printableCodePoints()),
                Pair.of(1, Generate.pick(List.of(0x0A, 0x09, 0x0D, 0x85, 0x2028))),
                Pair.of(1, Generate.range(0x01, 0x1F)),
                Pair.of(1, Generate.range(0x7F, 0x9F))));
    }
}
