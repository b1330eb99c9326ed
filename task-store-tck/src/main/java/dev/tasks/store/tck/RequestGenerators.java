package dev.tasks.store.tck;

import dev.tasks.core.Cardinality;
import dev.tasks.core.FieldPatch;
import dev.tasks.core.NewTask;
import dev.tasks.core.RelationshipDefinition;
import dev.tasks.core.RelationshipPatch;
import dev.tasks.core.Task;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.validation.ViolationCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators of requests, reusable by every module's tests: valid create requests
 * ({@link NewTask}), valid patches ({@link TaskPatch}), and invalid requests, each paired with the
 * JSON Pointer and {@link ViolationCode} that validation must report for it.
 *
 * <p>Strings, ids, metadata and instants come from {@link TaskGenerators}; this class adds the shapes
 * that only requests have: duplicate ids in relationship lists (dropped on create, order kept), an
 * explicit {@code $createdBy}, the default status, sub-millisecond due times (truncated on entry),
 * every field of a patch absent, set or cleared, metadata merges with {@code null} removals and
 * clear-all, and {@code add}/{@code remove}/{@code replace} on every writable relationship.
 *
 * <p>The limits on the numbers it uses are the ones the design states (500, 20,000, 255, 40, 500
 * characters; 20 metadata keys; one id for a has-one relationship, 100 for a has-many one; years
 * 0001 to 9999), written here rather than read from the code under test, so that a changed limit in
 * the code makes the tests fail instead of following it.
 *
 * <p>Generators named {@code ...WithCustomRelationships} and the invalid cases use two custom
 * relationships: register {@link #customRelationships()} with the service builder
 * ({@code builder.relationship(d)} for each) before using them.
 *
 * <pre>{@code
 * TaskService service = TaskService.builder(store).clock(clock)
 *         .relationship(RequestGenerators.PROJECT_DEFINITION)
 *         .relationship(RequestGenerators.WATCHERS_DEFINITION)
 *         .build();
 * qt().forAll(RequestGenerators.invalidCreates()).checkAssert(c -> {
 *     var e = catchThrowableOfType(TaskValidationException.class, () -> service.create(actor, c.request()));
 *     assertThat(e.violations()).anyMatch(v -> v.pointer().equals(c.pointer()) && v.code() == c.code());
 * });
 * }</pre>
 */
public final class RequestGenerators {

    /** The longest title, in code points. */
    public static final int MAX_TITLE = 500;
    /** The longest description, in code points. */
    public static final int MAX_DESCRIPTION = 20_000;
    /** The longest external id, in code points. */
    public static final int MAX_EXTERNAL_ID = 255;
    /** The longest metadata key. */
    public static final int MAX_METADATA_KEY = 40;
    /** The longest metadata value, in code points. */
    public static final int MAX_METADATA_VALUE = 500;
    /** The most metadata keys a task holds. */
    public static final int MAX_METADATA_KEYS = 20;
    /** The most ids a has-many relationship holds. */
    public static final int MAX_IDS = 100;
    /** The longest entity id. */
    public static final int MAX_ENTITY_ID = 128;
    /** The earliest due time accepted: 0001-01-01T00:00:00Z. */
    public static final Instant MIN_DUE = Instant.parse("0001-01-01T00:00:00Z");
    /** The latest due time accepted: 9999-12-31T23:59:59.999Z. */
    public static final Instant MAX_DUE = Instant.parse("9999-12-31T23:59:59.999Z");

    /** The name of the custom has-one relationship the generators use. */
    public static final String PROJECT = "project";
    /** The name of the custom has-many relationship the generators use. */
    public static final String WATCHERS = "watchers";
    /** A custom has-one relationship: register it with the service to use the custom generators. */
    public static final RelationshipDefinition PROJECT_DEFINITION =
            RelationshipDefinition.custom(PROJECT, "project", Cardinality.HAS_ONE);
    /** A custom has-many relationship: register it with the service to use the custom generators. */
    public static final RelationshipDefinition WATCHERS_DEFINITION =
            RelationshipDefinition.custom(WATCHERS, "member", Cardinality.HAS_MANY);

    /** {@code $createdBy}: has-one, writable on create only. */
    public static final String CREATED_BY = "$createdBy";
    /** {@code $note}: has-many, read-only. */
    public static final String NOTE = "$note";
    /** The writable system has-one relationships. */
    public static final List<String> SYSTEM_WRITABLE_HAS_ONE =
            List.of("$assignedTo", "$account", "$opportunity", "$resource", "$site");

    /** Entity ids that requests use often, so that patches add what is held and remove what is there. */
    public static final List<String> COMMON_IDS = List.of("mem_1", "mem_2", "mem_3", "acc_1", "unit-1");

    /** Metadata keys that requests use often, so that patches overwrite and remove existing keys. */
    public static final List<String> COMMON_KEYS = List.of("region", "team", "a.b:c-d_e", "0", "k1", "k2");

    private static final String KEY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789._:-";
    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    private RequestGenerators() {
    }

    /**
     * The custom relationships the generators use; register each with the service builder.
     *
     * @return {@link #PROJECT_DEFINITION} and {@link #WATCHERS_DEFINITION}
     */
    public static List<RelationshipDefinition> customRelationships() {
        return List.of(PROJECT_DEFINITION, WATCHERS_DEFINITION);
    }

    /**
     * The writable has-one relationships: the system ones and, if asked, {@link #PROJECT}.
     *
     * @param withCustom whether the custom relationships are registered
     * @return the names
     */
    public static List<String> writableHasOne(boolean withCustom) {
        List<String> names = new ArrayList<>(SYSTEM_WRITABLE_HAS_ONE);
        if (withCustom) {
            names.add(PROJECT);
        }
        return List.copyOf(names);
    }

    /**
     * The cardinality of a relationship the generators know.
     *
     * @param name a relationship name
     * @return its cardinality, or empty if the generators do not know it
     */
    public static Optional<Cardinality> cardinality(String name) {
        if (SYSTEM_WRITABLE_HAS_ONE.contains(name) || CREATED_BY.equals(name) || PROJECT.equals(name)) {
            return Optional.of(Cardinality.HAS_ONE);
        }
        if (NOTE.equals(name) || WATCHERS.equals(name)) {
            return Optional.of(Cardinality.HAS_MANY);
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ valid values

    /**
     * Valid entity ids: mostly {@link #COMMON_IDS}, else those of {@link TaskGenerators#entityIds()}.
     *
     * @return the generator
     */
    public static Gen<String> entityIds() {
        Gen<String> others = TaskGenerators.entityIds();
        return in -> chance(in, 55) ? pick(in, COMMON_IDS) : others.generate(in);
    }

    /**
     * Valid metadata keys: mostly {@link #COMMON_KEYS}, else those of {@link TaskGenerators#metadataKeys()}.
     *
     * @return the generator
     */
    public static Gen<String> metadataKeys() {
        Gen<String> others = TaskGenerators.metadataKeys();
        return in -> chance(in, 60) ? pick(in, COMMON_KEYS) : others.generate(in);
    }

    /**
     * Valid due times from year 0001 to 9999, sometimes with a sub-millisecond part (which the domain
     * truncates) and sometimes at either end of the range.
     *
     * @return the generator
     */
    public static Gen<Instant> dueTimes() {
        Gen<Instant> instants = TaskGenerators.instants();
        return in -> {
            if (chance(in, 5)) {
                return chance(in, 50) ? MIN_DUE : MAX_DUE;
            }
            Instant t = instants.generate(in);
            if (chance(in, 30)) {
                Instant withNanos = t.plusNanos(range(in, 1, 999_999));
                if (!withNanos.isAfter(MAX_DUE)) {
                    return withNanos;
                }
            }
            return t;
        };
    }

    /**
     * Valid idempotency keys: 1 to 255 printable ASCII characters, sometimes exactly 255.
     *
     * @return the generator
     */
    public static Gen<String> idempotencyKeys() {
        return in -> {
            int n = chance(in, 10) ? 255 : range(in, 1, 40);
            StringBuilder sb = new StringBuilder(n);
            for (int i = 0; i < n; i++) {
                sb.append((char) range(in, 0x20, 0x7E));
            }
            String s = sb.toString();
            return s.isBlank() ? "k" + s.substring(1) : s;
        };
    }

    // ------------------------------------------------------------------ create requests

    /**
     * Valid create requests for the system relationships: every field present or not, the status
     * left at its default half of the time, metadata up to 20 keys, relationships with duplicate ids
     * (which creation drops), sometimes an explicit {@code $createdBy}, sometimes an empty list.
     *
     * @return the generator
     */
    public static Gen<NewTask> newTasks() {
        return newTasks(false);
    }

    /**
     * Valid create requests, as {@link #newTasks()}, that also use {@link #PROJECT} and
     * {@link #WATCHERS} (up to 100 distinct ids, duplicates included).
     *
     * @return the generator; the service must have {@link #customRelationships()} registered
     */
    public static Gen<NewTask> newTasksWithCustomRelationships() {
        return newTasks(true);
    }

    private static Gen<NewTask> newTasks(boolean withCustom) {
        Gen<String> titles = TaskGenerators.titles();
        Gen<String> descriptions = TaskGenerators.descriptions();
        Gen<String> externalIds = TaskGenerators.externalIds();
        Gen<Map<String, String>> metadata = metadata();
        Gen<Instant> dueTimes = dueTimes();
        Gen<String> ids = entityIds();
        List<String> hasOne = new ArrayList<>(writableHasOne(withCustom));
        hasOne.add(CREATED_BY);
        return in -> {
            NewTask.Builder b = NewTask.builder(titles.generate(in));
            if (chance(in, 50)) {
                b.status(pick(in, List.of(TaskStatus.values())));
            }
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
            for (String name : hasOne) {
                if (chance(in, 30)) {
                    String id = ids.generate(in);
                    b.relationship(name, switch (range(in, 0, 5)) {
                        case 0 -> List.of();
                        case 1 -> List.of(id, id);
                        default -> List.of(id);
                    });
                }
            }
            if (withCustom && chance(in, 40)) {
                b.relationship(WATCHERS, hasManyIds(in, ids));
            }
            return b.build();
        };
    }

    /** Up to 100 distinct ids, with some repeated (creation keeps the first of each). */
    private static List<String> hasManyIds(RandomnessSource in, Gen<String> ids) {
        int distinct = chance(in, 10) ? MAX_IDS : range(in, 0, 6);
        List<String> list = new ArrayList<>(distinctIds(in, ids, distinct));
        if (!list.isEmpty() && chance(in, 40)) {
            int repeats = range(in, 1, 3);
            for (int i = 0; i < repeats; i++) {
                list.add(range(in, 0, list.size()), list.get(range(in, 0, list.size() - 1)));
            }
        }
        return list;
    }

    /**
     * Valid metadata of a create request: 0 to 20 distinct keys, sometimes exactly 20.
     *
     * @return the generator
     */
    public static Gen<Map<String, String>> metadata() {
        Gen<String> keys = metadataKeys();
        Gen<String> values = TaskGenerators.metadataValues();
        return in -> {
            int n = chance(in, 10) ? MAX_METADATA_KEYS : chance(in, 15) ? range(in, 4, MAX_METADATA_KEYS) : range(in, 0, 3);
            return metadataOfSize(in, keys, values, n, Set.of());
        };
    }

    // ------------------------------------------------------------------ patches

    /**
     * Patches that are valid on their own (they pass validation of a patch) for the system
     * relationships: every optional field absent, set or cleared, title and status absent or set,
     * metadata entries set or removed ({@code null}), sometimes after clear-all, relationship changes
     * of every shape ({@code add}, {@code remove}, {@code replace}, combined, with duplicates, with ids
     * held or not). Applied to a task, the result may exceed a limit (20 metadata keys, one id in a
     * has-one relationship, 100 in a has-many one): such a patch must be refused, and
     * {@link #withinLimits(Task, TaskPatch)} makes one that is not.
     *
     * @return the generator
     */
    public static Gen<TaskPatch> taskPatches() {
        return taskPatches(false);
    }

    /**
     * Patches as {@link #taskPatches()} that also change {@link #PROJECT} and {@link #WATCHERS}.
     *
     * @return the generator; the service must have {@link #customRelationships()} registered
     */
    public static Gen<TaskPatch> taskPatchesWithCustomRelationships() {
        return taskPatches(true);
    }

    private static Gen<TaskPatch> taskPatches(boolean withCustom) {
        Gen<String> titles = TaskGenerators.titles();
        Gen<String> descriptions = TaskGenerators.descriptions();
        Gen<String> externalIds = TaskGenerators.externalIds();
        Gen<String> keys = metadataKeys();
        Gen<String> values = TaskGenerators.metadataValues();
        Gen<Instant> dueTimes = dueTimes();
        Gen<String> ids = entityIds();
        List<String> hasOne = writableHasOne(withCustom);
        return in -> {
            TaskPatch.Builder b = TaskPatch.builder();
            if (chance(in, 30)) {
                b.title(titles.generate(in));
            }
            b.description(field(in, descriptions));
            if (chance(in, 35)) {
                b.status(pick(in, List.of(TaskStatus.values())));
            }
            b.dueAt(field(in, dueTimes));
            b.externalId(field(in, externalIds));
            if (chance(in, 8)) {
                b.clearMetadata();
            }
            if (chance(in, 45)) {
                int n = range(in, 1, 6);
                for (int i = 0; i < n; i++) {
                    b.metadata(keys.generate(in), chance(in, 30) ? null : values.generate(in));
                }
            }
            if (chance(in, 50)) {
                int n = range(in, 1, 3);
                for (int i = 0; i < n; i++) {
                    if (withCustom && chance(in, 30)) {
                        b.relationship(WATCHERS, hasManyChange(in, ids));
                    } else {
                        b.relationship(pick(in, hasOne), hasOneChange(in, ids));
                    }
                }
            }
            return b.build();
        };
    }

    private static <T> FieldPatch<T> field(RandomnessSource in, Gen<T> values) {
        return switch (range(in, 0, 5)) {
            case 4 -> FieldPatch.set(values.generate(in));
            case 5 -> FieldPatch.cleared();
            default -> FieldPatch.absent();
        };
    }

    /** Every shape of change to a has-one relationship; {@code add} alone may exceed one id. */
    private static RelationshipPatch hasOneChange(RandomnessSource in, Gen<String> ids) {
        String a = ids.generate(in);
        String b = ids.generate(in);
        return switch (range(in, 0, 8)) {
            case 0 -> RelationshipPatch.replace(List.of(a));
            case 1 -> RelationshipPatch.clear();
            case 2 -> RelationshipPatch.remove(chance(in, 50) ? List.of(a) : List.of(a, b));
            case 3 -> RelationshipPatch.add(List.of(a));
            case 4 -> new RelationshipPatch(List.of(a), List.of(), Optional.of(List.of()));
            case 5 -> RelationshipPatch.replace(List.of(a, a));
            case 6 -> new RelationshipPatch(List.of(b), List.of(a), Optional.of(List.of(a)));
            case 7 -> new RelationshipPatch(List.of(a), List.of(b).equals(List.of(a)) ? List.of() : List.of(b), Optional.empty());
            default -> new RelationshipPatch(List.of(), List.of(), Optional.empty());
        };
    }

    /** A has-many change: ids to add, remove and maybe replace with, from a small pool mostly. */
    private static RelationshipPatch hasManyChange(RandomnessSource in, Gen<String> ids) {
        List<String> add = idList(in, ids, 0, 5);
        List<String> remove = new ArrayList<>(idList(in, ids, 0, 4));
        Optional<List<String>> replace = Optional.empty();
        if (chance(in, 35)) {
            replace = Optional.of(chance(in, 10) ? hasManyIds(in, ids) : idList(in, ids, 0, 5));
        } else {
            remove.removeAll(add); // without a replace, an id both added and removed is refused (conflicting)
        }
        return new RelationshipPatch(add, remove, replace);
    }

    private static List<String> idList(RandomnessSource in, Gen<String> ids, int min, int max) {
        int n = range(in, min, max);
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(ids.generate(in));
        }
        return list;
    }

    /**
     * Repairs a patch so that its result on a task keeps every limit: entries that add new metadata
     * keys beyond 20 are dropped (from the last), and a relationship change whose result would hold too
     * many ids becomes a {@code replace} with the first ids of that result. Anything else is kept.
     *
     * @param current the task the patch will apply to
     * @param patch a patch valid on its own
     * @return a patch whose result on {@code current} keeps the limits
     */
    public static TaskPatch withinLimits(Task current, TaskPatch patch) {
        Map<String, String> entries = new LinkedHashMap<>(patch.metadata());
        Set<String> keys = new LinkedHashSet<>(patch.clearMetadata() ? Set.of() : current.metadata().keySet());
        entries.forEach((k, v) -> {
            if (v == null) {
                keys.remove(k);
            } else {
                keys.add(k);
            }
        });
        List<String> entryKeys = new ArrayList<>(entries.keySet());
        for (int i = entryKeys.size() - 1; i >= 0 && keys.size() > MAX_METADATA_KEYS; i--) {
            String k = entryKeys.get(i);
            boolean addsKey = entries.get(k) != null && (patch.clearMetadata() || !current.metadata().containsKey(k));
            if (addsKey) {
                entries.remove(k);
                keys.remove(k);
            }
        }
        Map<String, RelationshipPatch> relationships = new LinkedHashMap<>();
        patch.relationships().forEach((name, change) -> {
            int limit = cardinality(name).orElse(Cardinality.HAS_MANY) == Cardinality.HAS_ONE ? 1 : MAX_IDS;
            List<String> result = applyChange(current.relationship(name), change);
            relationships.put(name, result.size() <= limit ? change : RelationshipPatch.replace(result.subList(0, limit)));
        });
        return new TaskPatch(patch.title(), patch.description(), patch.status(), patch.dueAt(), patch.externalId(),
                patch.clearMetadata(), entries, relationships);
    }

    /** The ids a relationship change leaves: replace (if any), then remove, then add; first occurrences kept. */
    private static List<String> applyChange(List<String> current, RelationshipPatch change) {
        LinkedHashSet<String> ids = new LinkedHashSet<>(change.replace().orElse(current));
        change.remove().forEach(ids::remove);
        ids.addAll(change.add());
        return new ArrayList<>(ids);
    }

    // ------------------------------------------------------------------ invalid requests

    /**
     * An invalid create request and the violation it must cause (among others it may cause).
     *
     * @param description what is wrong, for people
     * @param request the request
     * @param pointer the JSON Pointer of the violation, e.g. {@code /metadata/region}
     * @param code the violation's code
     */
    public record InvalidCreate(String description, NewTask request, String pointer, ViolationCode code) {

        /**
         * Refuses nulls, but in the request (a null title is one of the cases).
         *
         * @param description what is wrong, for people
         * @param request the request
         * @param pointer the JSON Pointer of the violation
         * @param code the violation's code
         */
        public InvalidCreate {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(pointer, "pointer");
            Objects.requireNonNull(code, "code");
        }

        /**
         * Says what is wrong and where; long strings are abbreviated.
         *
         * @return a short description of the case
         */
        @Override
        public String toString() {
            return description + " -> " + pointer + " " + code + " in " + abbreviate(String.valueOf(request));
        }
    }

    /**
     * An invalid patch and the violation it must cause when applied to a task created from
     * {@code base}: some limits are checked on the result, so the task matters.
     *
     * @param description what is wrong, for people
     * @param base a valid create request: the task the patch applies to
     * @param patch the patch
     * @param pointer the JSON Pointer of the violation
     * @param code the violation's code
     */
    public record InvalidUpdate(String description, NewTask base, TaskPatch patch, String pointer, ViolationCode code) {

        /**
         * Refuses nulls.
         *
         * @param description what is wrong, for people
         * @param base a valid create request: the task the patch applies to
         * @param patch the patch
         * @param pointer the JSON Pointer of the violation
         * @param code the violation's code
         */
        public InvalidUpdate {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(patch, "patch");
            Objects.requireNonNull(pointer, "pointer");
            Objects.requireNonNull(code, "code");
        }

        /**
         * Says what is wrong and where; long strings are abbreviated.
         *
         * @return a short description of the case
         */
        @Override
        public String toString() {
            return description + " -> " + pointer + " " + code + " patching " + abbreviate(String.valueOf(base))
                    + " with " + abbreviate(String.valueOf(patch));
        }
    }

    /**
     * Invalid create requests: each is a valid request from {@link #newTasksWithCustomRelationships()}
     * with one thing broken: a blank, missing, too long title or one with control characters; a lone
     * surrogate or NUL in the title, description, external id, a metadata key or value or an entity id;
     * a description over 20,000 characters; a blank or too long external id, or one with control
     * characters; a metadata key with a bad character, empty or over 40 characters; a metadata value
     * over 500 characters or null; more than 20 metadata keys; an unknown relationship; the read-only
     * {@code $note}; two ids on a has-one relationship; more than 100 on {@link #WATCHERS}; a malformed
     * or null entity id; a null relationship list; a due time outside years 0001 to 9999; no status.
     *
     * @return the generator; the service must have {@link #customRelationships()} registered
     */
    public static Gen<InvalidCreate> invalidCreates() {
        Gen<NewTask> bases = newTasksWithCustomRelationships();
        Gen<String> titles = TaskGenerators.titles();
        Gen<String> texts = TaskGenerators.metadataValues();
        Gen<String> externalIds = TaskGenerators.externalIds();
        Gen<String> keys = metadataKeys();
        Gen<String> ids = entityIds();
        Gen<String> malformedIds = malformedEntityIds();
        Gen<Instant> outOfRange = outOfRangeInstants();
        List<String> hasOne = new ArrayList<>(writableHasOne(true));
        hasOne.add(CREATED_BY);
        return in -> {
            NewTask base = bases.generate(in);
            Req r = new Req(base);
            switch (range(in, 0, 27)) {
                case 0 -> {
                    r.title = blank(in);
                    return r.invalid("blank title", "/title", ViolationCode.BLANK);
                }
                case 1 -> {
                    r.title = null;
                    return r.invalid("no title", "/title", ViolationCode.REQUIRED);
                }
                case 2 -> {
                    r.title = tooLong(in, titles.generate(in), MAX_TITLE);
                    return r.invalid("title over 500 characters", "/title", ViolationCode.TOO_LONG);
                }
                case 3 -> {
                    r.title = insert(in, titles.generate(in), controlCharacter(in));
                    return r.invalid("control character in title", "/title", ViolationCode.INVALID_CHARACTERS);
                }
                case 4 -> {
                    r.title = insert(in, titles.generate(in), badUnicode(in));
                    return r.invalid("lone surrogate or NUL in title", "/title", ViolationCode.INVALID_CHARACTERS);
                }
                case 5 -> {
                    r.description = insert(in, texts.generate(in), badUnicode(in));
                    return r.invalid("lone surrogate or NUL in description", "/description", ViolationCode.INVALID_CHARACTERS);
                }
                case 6 -> {
                    r.description = tooLong(in, texts.generate(in), MAX_DESCRIPTION);
                    return r.invalid("description over 20,000 characters", "/description", ViolationCode.TOO_LONG);
                }
                case 7 -> {
                    r.externalId = tooLong(in, externalIds.generate(in), MAX_EXTERNAL_ID);
                    return r.invalid("external id over 255 characters", "/externalId", ViolationCode.TOO_LONG);
                }
                case 8 -> {
                    r.externalId = blank(in);
                    return r.invalid("blank external id", "/externalId", ViolationCode.BLANK);
                }
                case 9 -> {
                    r.externalId = insert(in, externalIds.generate(in), chance(in, 50) ? badUnicode(in) : controlCharacter(in));
                    return r.invalid("bad character in external id", "/externalId", ViolationCode.INVALID_CHARACTERS);
                }
                case 10 -> {
                    String key = badMetadataKey(in, keys);
                    r.metadata.put(key, texts.generate(in));
                    return r.invalid("malformed metadata key", pointer("metadata", key), ViolationCode.INVALID_FORMAT);
                }
                case 11 -> {
                    String key = tooLongKey(in);
                    r.metadata.put(key, texts.generate(in));
                    return r.invalid("metadata key over 40 characters", pointer("metadata", key), ViolationCode.TOO_LONG);
                }
                case 12 -> {
                    String key = keys.generate(in);
                    r.metadata.put(key, tooLong(in, texts.generate(in), MAX_METADATA_VALUE));
                    return r.invalid("metadata value over 500 characters", pointer("metadata", key), ViolationCode.TOO_LONG);
                }
                case 13 -> {
                    String key = keys.generate(in);
                    r.metadata.put(key, insert(in, texts.generate(in), badUnicode(in)));
                    return r.invalid("lone surrogate or NUL in metadata value", pointer("metadata", key), ViolationCode.INVALID_CHARACTERS);
                }
                case 14 -> {
                    String key = keys.generate(in);
                    r.metadata.put(key, null);
                    return r.invalid("null metadata value", pointer("metadata", key), ViolationCode.REQUIRED);
                }
                case 15 -> {
                    r.metadata = metadataOfSize(in, keys, texts, range(in, MAX_METADATA_KEYS + 1, MAX_METADATA_KEYS + 6), Set.of());
                    return r.invalid("more than 20 metadata keys", "/metadata", ViolationCode.TOO_MANY);
                }
                case 16 -> {
                    String name = unknownRelationship(in);
                    r.relationships.put(name, idList(in, ids, 0, 2));
                    return r.invalid("unknown relationship", pointer("relationships", name), ViolationCode.UNKNOWN_RELATIONSHIP);
                }
                case 17 -> {
                    r.relationships.put(NOTE, idList(in, ids, 0, 3));
                    return r.invalid("read-only $note", pointer("relationships", NOTE), ViolationCode.READ_ONLY);
                }
                case 18 -> {
                    String name = pick(in, hasOne);
                    List<String> two = new ArrayList<>(distinctIds(in, ids, range(in, 2, 4)));
                    if (chance(in, 30)) {
                        two.add(two.get(0));
                    }
                    r.relationships.put(name, two);
                    return r.invalid("two ids on a has-one relationship", pointer("relationships", name), ViolationCode.CARDINALITY);
                }
                case 19 -> {
                    List<String> many = new ArrayList<>(distinctIds(in, ids, range(in, MAX_IDS + 1, MAX_IDS + 5)));
                    if (chance(in, 30)) {
                        many.add(many.get(range(in, 0, many.size() - 1)));
                    }
                    r.relationships.put(WATCHERS, many);
                    return r.invalid("more than 100 ids on a has-many relationship", pointer("relationships", WATCHERS), ViolationCode.TOO_MANY);
                }
                case 20, 21 -> {
                    String name = chance(in, 30) ? WATCHERS : pick(in, hasOne);
                    List<String> list = new ArrayList<>(name.equals(WATCHERS) ? idList(in, ids, 0, 4) : List.of());
                    int at = range(in, 0, list.size());
                    list.add(at, malformedIds.generate(in));
                    r.relationships.put(name, list);
                    return r.invalid("malformed entity id", pointer("relationships", name, at), ViolationCode.INVALID_FORMAT);
                }
                case 22 -> {
                    String name = chance(in, 30) ? WATCHERS : pick(in, hasOne);
                    r.relationships.put(name, Arrays.asList((String) null));
                    return r.invalid("null entity id", pointer("relationships", name, 0), ViolationCode.REQUIRED);
                }
                case 23 -> {
                    String name = chance(in, 30) ? WATCHERS : pick(in, hasOne);
                    r.relationships.put(name, null);
                    return r.invalid("null relationship list", pointer("relationships", name), ViolationCode.REQUIRED);
                }
                case 24, 25 -> {
                    r.dueAt = outOfRange.generate(in);
                    return r.invalid("due time outside 0001..9999", "/dueAt", ViolationCode.OUT_OF_RANGE);
                }
                case 26 -> {
                    r.status = null;
                    return r.invalid("no status", "/status", ViolationCode.REQUIRED);
                }
                default -> {
                    String key = keys.generate(in);
                    String badKey = insert(in, key, badUnicode(in));
                    r.metadata.put(badKey, texts.generate(in));
                    return r.invalid("lone surrogate or NUL in metadata key", pointer("metadata", badKey), ViolationCode.INVALID_FORMAT);
                }
            }
        };
    }

    /**
     * Invalid patches, each with the valid create request of the task it applies to: title or status
     * cleared; a blank, too long title, or one with control characters, a lone surrogate or NUL; a too
     * long description or one with a lone surrogate or NUL; a due time outside years 0001 to 9999; a
     * blank, too long or badly written external id; a malformed or too long metadata key; a too long or
     * malformed metadata value; more than 20 metadata keys on the result (keys added on top of the
     * task's, or after clear-all); an unknown relationship; {@code $note} (read-only) or
     * {@code $createdBy} (create only); a second id on a has-one relationship (by {@code add} on a held
     * one, or a {@code replace} with two); more than 100 ids on {@link #WATCHERS} on the result; a
     * malformed entity id in {@code add}, {@code remove} or {@code replace}; a null change.
     *
     * @return the generator; the service must have {@link #customRelationships()} registered
     */
    public static Gen<InvalidUpdate> invalidUpdates() {
        Gen<NewTask> bases = newTasksWithCustomRelationships();
        Gen<TaskPatch> patches = taskPatchesWithCustomRelationships();
        Gen<String> titles = TaskGenerators.titles();
        Gen<String> texts = TaskGenerators.metadataValues();
        Gen<String> externalIds = TaskGenerators.externalIds();
        Gen<String> keys = metadataKeys();
        Gen<String> ids = entityIds();
        Gen<String> malformedIds = malformedEntityIds();
        Gen<Instant> outOfRange = outOfRangeInstants();
        List<String> hasOne = writableHasOne(true);
        return in -> {
            NewTask base = bases.generate(in);
            // Some valid field changes around the broken one (metadata and relationships are left alone).
            TaskPatch around = chance(in, 50) ? patches.generate(in) : TaskPatch.EMPTY;
            TaskPatch.Builder p = TaskPatch.builder().title(around.title()).description(around.description())
                    .status(around.status()).dueAt(around.dueAt()).externalId(around.externalId());
            switch (range(in, 0, 26)) {
                case 0 -> {
                    p.title(FieldPatch.cleared());
                    return new InvalidUpdate("title cleared", base, p.build(), "/title", ViolationCode.REQUIRED);
                }
                case 1 -> {
                    p.status(FieldPatch.cleared());
                    return new InvalidUpdate("status cleared", base, p.build(), "/status", ViolationCode.REQUIRED);
                }
                case 2 -> {
                    p.title(blank(in));
                    return new InvalidUpdate("blank title", base, p.build(), "/title", ViolationCode.BLANK);
                }
                case 3 -> {
                    p.title(tooLong(in, titles.generate(in), MAX_TITLE));
                    return new InvalidUpdate("title over 500 characters", base, p.build(), "/title", ViolationCode.TOO_LONG);
                }
                case 4 -> {
                    p.title(insert(in, titles.generate(in), chance(in, 50) ? controlCharacter(in) : badUnicode(in)));
                    return new InvalidUpdate("bad character in title", base, p.build(), "/title", ViolationCode.INVALID_CHARACTERS);
                }
                case 5 -> {
                    p.description(tooLong(in, texts.generate(in), MAX_DESCRIPTION));
                    return new InvalidUpdate("description over 20,000 characters", base, p.build(), "/description", ViolationCode.TOO_LONG);
                }
                case 6 -> {
                    p.description(insert(in, texts.generate(in), badUnicode(in)));
                    return new InvalidUpdate("lone surrogate or NUL in description", base, p.build(), "/description",
                            ViolationCode.INVALID_CHARACTERS);
                }
                case 7 -> {
                    p.dueAt(outOfRange.generate(in));
                    return new InvalidUpdate("due time outside 0001..9999", base, p.build(), "/dueAt", ViolationCode.OUT_OF_RANGE);
                }
                case 8 -> {
                    p.externalId(blank(in));
                    return new InvalidUpdate("blank external id", base, p.build(), "/externalId", ViolationCode.BLANK);
                }
                case 9 -> {
                    p.externalId(tooLong(in, externalIds.generate(in), MAX_EXTERNAL_ID));
                    return new InvalidUpdate("external id over 255 characters", base, p.build(), "/externalId", ViolationCode.TOO_LONG);
                }
                case 10 -> {
                    p.externalId(insert(in, externalIds.generate(in), chance(in, 50) ? controlCharacter(in) : badUnicode(in)));
                    return new InvalidUpdate("bad character in external id", base, p.build(), "/externalId",
                            ViolationCode.INVALID_CHARACTERS);
                }
                case 11 -> {
                    String key = chance(in, 25) ? insert(in, keys.generate(in), badUnicode(in)) : badMetadataKey(in, keys);
                    p.metadata(key, chance(in, 30) ? null : texts.generate(in));
                    return new InvalidUpdate("malformed metadata key", base, p.build(), pointer("metadata", key), ViolationCode.INVALID_FORMAT);
                }
                case 12 -> {
                    String key = tooLongKey(in);
                    p.metadata(key, chance(in, 30) ? null : texts.generate(in));
                    return new InvalidUpdate("metadata key over 40 characters", base, p.build(), pointer("metadata", key), ViolationCode.TOO_LONG);
                }
                case 13 -> {
                    String key = keys.generate(in);
                    boolean tooLong = chance(in, 50);
                    p.metadata(key, tooLong ? tooLong(in, texts.generate(in), MAX_METADATA_VALUE) : insert(in, texts.generate(in), badUnicode(in)));
                    return new InvalidUpdate(tooLong ? "metadata value over 500 characters" : "lone surrogate or NUL in metadata value",
                            base, p.build(), pointer("metadata", key), tooLong ? ViolationCode.TOO_LONG : ViolationCode.INVALID_CHARACTERS);
                }
                case 14, 15 -> {
                    // Limits are checked on the result: keys added on top of the task's.
                    Req r = new Req(base);
                    r.metadata = metadataOfSize(in, keys, texts, range(in, 0, MAX_METADATA_KEYS), Set.of());
                    Set<String> held = r.metadata.keySet();
                    List<String> heldKeys = new ArrayList<>(held);
                    int removed = range(in, 0, Math.min(3, heldKeys.size()));
                    for (int i = 0; i < removed; i++) {
                        p.metadata(heldKeys.get(i), null);
                    }
                    int adds = MAX_METADATA_KEYS + 1 - (held.size() - removed) + range(in, 0, 3);
                    metadataOfSize(in, keys, texts, adds, held).forEach(p::metadata);
                    return new InvalidUpdate("more than 20 metadata keys on the result", r.build(), p.build(), "/metadata",
                            ViolationCode.TOO_MANY);
                }
                case 16 -> {
                    p.clearMetadata();
                    metadataOfSize(in, keys, texts, range(in, MAX_METADATA_KEYS + 1, MAX_METADATA_KEYS + 4), Set.of()).forEach(p::metadata);
                    return new InvalidUpdate("more than 20 metadata keys after clear-all", base, p.build(), "/metadata",
                            ViolationCode.TOO_MANY);
                }
                case 17 -> {
                    String name = unknownRelationship(in);
                    p.relationship(name, hasManyChange(in, ids));
                    return new InvalidUpdate("unknown relationship", base, p.build(), pointer("relationships", name),
                            ViolationCode.UNKNOWN_RELATIONSHIP);
                }
                case 18 -> {
                    p.relationship(NOTE, hasManyChange(in, ids));
                    return new InvalidUpdate("read-only $note", base, p.build(), pointer("relationships", NOTE), ViolationCode.READ_ONLY);
                }
                case 19 -> {
                    p.relationship(CREATED_BY, hasOneChange(in, ids));
                    return new InvalidUpdate("$createdBy after create", base, p.build(), pointer("relationships", CREATED_BY),
                            ViolationCode.READ_ONLY);
                }
                case 20 -> {
                    // A second id on a has-one relationship: added to the held one, or replaced by two.
                    String name = pick(in, hasOne);
                    List<String> two = distinctIds(in, ids, 2);
                    Req r = new Req(base);
                    RelationshipPatch change;
                    switch (range(in, 0, 2)) {
                        case 0 -> {
                            r.relationships.put(name, List.of(two.get(0)));
                            change = RelationshipPatch.add(List.of(two.get(1)));
                        }
                        case 1 -> change = RelationshipPatch.replace(two);
                        default -> change = new RelationshipPatch(List.of(two.get(1)), List.of(), Optional.of(List.of(two.get(0))));
                    }
                    p.relationship(name, change);
                    return new InvalidUpdate("two ids on a has-one relationship", r.build(), p.build(), pointer("relationships", name),
                            ViolationCode.CARDINALITY);
                }
                case 21 -> {
                    // More than 100 ids on the result: added on top of the task's, or replaced by too many.
                    Req r = new Req(base);
                    RelationshipPatch change;
                    if (chance(in, 60)) {
                        List<String> held = distinctIds(in, ids, range(in, 0, MAX_IDS));
                        r.relationships.put(WATCHERS, held);
                        List<String> more = freshIds(in, held, MAX_IDS + 1 - held.size() + range(in, 0, 3));
                        change = new RelationshipPatch(more, List.of(), Optional.empty());
                    } else {
                        change = RelationshipPatch.replace(distinctIds(in, ids, range(in, MAX_IDS + 1, MAX_IDS + 4)));
                    }
                    p.relationship(WATCHERS, change);
                    return new InvalidUpdate("more than 100 ids on a has-many relationship", r.build(), p.build(),
                            pointer("relationships", WATCHERS), ViolationCode.TOO_MANY);
                }
                case 22, 23 -> {
                    String name = chance(in, 30) ? WATCHERS : pick(in, hasOne);
                    List<String> list = new ArrayList<>(idList(in, ids, 0, 3));
                    int at = range(in, 0, list.size());
                    list.add(at, malformedIds.generate(in));
                    String part;
                    RelationshipPatch change;
                    switch (range(in, 0, 2)) {
                        case 0 -> {
                            part = "add";
                            change = new RelationshipPatch(list, List.of(), Optional.empty());
                        }
                        case 1 -> {
                            part = "remove";
                            change = new RelationshipPatch(List.of(), list, Optional.empty());
                        }
                        default -> {
                            part = "replace";
                            change = new RelationshipPatch(List.of(), List.of(), Optional.of(list));
                        }
                    }
                    p.relationship(name, change);
                    return new InvalidUpdate("malformed entity id in " + part, base, p.build(), pointer("relationships", name, part, at),
                            ViolationCode.INVALID_FORMAT);
                }
                case 24 -> {
                    String name = chance(in, 30) ? WATCHERS : pick(in, hasOne);
                    p.relationship(name, null);
                    return new InvalidUpdate("null relationship change", base, p.build(), pointer("relationships", name),
                            ViolationCode.REQUIRED);
                }
                case 25 -> {
                    String name = chance(in, 30) ? WATCHERS : pick(in, hasOne);
                    String id = ids.generate(in);
                    p.relationship(name, new RelationshipPatch(List.of(id), List.of(id), Optional.empty()));
                    return new InvalidUpdate("an id both added and removed", base, p.build(), pointer("relationships", name, "add", 0),
                            ViolationCode.CONFLICTING);
                }
                default -> {
                    String name = chance(in, 30) ? WATCHERS : pick(in, hasOne);
                    p.relationship(name, RelationshipPatch.add(Arrays.asList((String) null)));
                    return new InvalidUpdate("null entity id", base, p.build(), pointer("relationships", name, "add", 0),
                            ViolationCode.REQUIRED);
                }
            }
        };
    }

    // ------------------------------------------------------------------ invalid values

    /**
     * Malformed entity ids: empty, over 128 characters, or with a character outside
     * {@code [A-Za-z0-9_-]} (space, punctuation, non-ASCII, emoji, NUL, a lone surrogate).
     *
     * @return the generator
     */
    public static Gen<String> malformedEntityIds() {
        Gen<String> ids = entityIds();
        List<String> bad = List.of(" ", ".", "/", "$", ":", "~", "\u00e9", "\uD83C\uDF89", "\u0000", "\uD800", "\u200B", "+");
        return in -> switch (range(in, 0, 3)) {
            case 0 -> "";
            case 1 -> tooLongId(in);
            default -> insert(in, ids.generate(in), pick(in, bad));
        };
    }

    /**
     * Instants outside the accepted range: before 0001-01-01T00:00:00Z or after
     * 9999-12-31T23:59:59.999Z, by a millisecond or by much more.
     *
     * @return the generator
     */
    public static Gen<Instant> outOfRangeInstants() {
        return in -> {
            long by = chance(in, 30) ? 1 : chance(in, 50) ? range(in, 1, 1_000_000_000) : (long) range(in, 1, 1_000_000) * 86_400_000L;
            return chance(in, 50) ? MIN_DUE.minusMillis(by) : MAX_DUE.plusMillis(by);
        };
    }

    private static String blank(RandomnessSource in) {
        List<String> spaces = List.of(" ", "\u2003", "\u3000", "\u2009", "\t", "\n", "\r\n", "\u000B", "\u001F");
        int n = range(in, 0, 6);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(pick(in, spaces));
        }
        return sb.toString();
    }

    /** A text of more than {@code max} code points, made of {@code seed}'s code points (or emoji). */
    private static String tooLong(RandomnessSource in, String seed, int max) {
        int n = max + (chance(in, 50) ? 1 : range(in, 1, 100));
        int[] points = seed.isEmpty() ? new int[] {0x1F389} : seed.codePoints().toArray();
        StringBuilder sb = new StringBuilder(n * 2);
        for (int i = 0; i < n; i++) {
            sb.appendCodePoint(points[i % points.length]);
        }
        return sb.toString();
    }

    private static String tooLongKey(RandomnessSource in) {
        int n = MAX_METADATA_KEY + (chance(in, 50) ? 1 : range(in, 1, 40));
        return charsFrom(in, KEY_CHARS, n);
    }

    private static String tooLongId(RandomnessSource in) {
        int n = MAX_ENTITY_ID + (chance(in, 50) ? 1 : range(in, 1, 40));
        return charsFrom(in, ID_CHARS, n);
    }

    private static String badMetadataKey(RandomnessSource in, Gen<String> keys) {
        if (chance(in, 10)) {
            return "";
        }
        List<String> bad = List.of("A", "Z", " ", "/", "~", "$", "\u00e9", "\uD83C\uDF89", "#", "\u0130", "\u212A", "+", "\t");
        String key = keys.generate(in);
        if (key.length() >= MAX_METADATA_KEY) {
            key = key.substring(0, MAX_METADATA_KEY - 2);
        }
        return insert(in, key, pick(in, bad));
    }

    private static String unknownRelationship(RandomnessSource in) {
        List<String> names = List.of("$assignee", "$AssignedTo", "assignedTo", "$notes", "$creator", "Project", "watcher",
                "projects", "$project", "", " ", "$", "unknown_" + range(in, 0, 999), "x" + charsFrom(in, "abcdefghij_0123456789", range(in, 0, 10)));
        String name = pick(in, names);
        return cardinality(name).isPresent() ? name + "_unknown" : name;
    }

    private static String controlCharacter(RandomnessSource in) {
        int i = range(in, 1, 64);
        return String.valueOf((char) (i <= 0x1F ? i : 0x7F + (i - 32)));
    }

    private static String badUnicode(RandomnessSource in) {
        return switch (range(in, 0, 2)) {
            case 0 -> "\u0000";
            case 1 -> String.valueOf((char) range(in, 0xD800, 0xDBFF));
            default -> String.valueOf((char) range(in, 0xDC00, 0xDFFF));
        };
    }

    /** Inserts {@code what} at a code point boundary of {@code s}, so that no pair is split. */
    private static String insert(RandomnessSource in, String s, String what) {
        int at = range(in, 0, s.codePointCount(0, s.length()));
        int index = s.offsetByCodePoints(0, at);
        return s.substring(0, index) + what + s.substring(index);
    }

    private static Map<String, String> metadataOfSize(RandomnessSource in, Gen<String> keys, Gen<String> values, int n,
                                                      Set<String> avoid) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int attempt = 0; m.size() < n && attempt < 2 * n + 2; attempt++) {
            String k = keys.generate(in);
            if (!avoid.contains(k)) {
                m.putIfAbsent(k, values.generate(in));
            }
        }
        for (int i = 0; m.size() < n; i++) {
            String k = "key-" + i;
            if (!avoid.contains(k) && !m.containsKey(k)) {
                m.put(k, values.generate(in));
            }
        }
        return m;
    }

    private static List<String> distinctIds(RandomnessSource in, Gen<String> ids, int n) {
        Set<String> out = new LinkedHashSet<>();
        for (int attempt = 0; out.size() < n && attempt < 2 * n + 2; attempt++) {
            out.add(ids.generate(in));
        }
        return freshIdsInto(out, n);
    }

    private static List<String> freshIds(RandomnessSource in, List<String> avoid, int n) {
        Set<String> out = new LinkedHashSet<>(avoid);
        int start = range(in, 0, 9);
        for (int i = start; out.size() < avoid.size() + n; i++) {
            out.add("fresh_" + i);
        }
        List<String> all = new ArrayList<>(out);
        return List.copyOf(all.subList(avoid.size(), all.size()));
    }

    private static List<String> freshIdsInto(Set<String> out, int n) {
        for (int i = 0; out.size() < n; i++) {
            out.add("id_" + i);
        }
        return List.copyOf(out);
    }

    /** A JSON Pointer (RFC 6901) made of these unescaped tokens. */
    private static String pointer(Object... tokens) {
        StringBuilder sb = new StringBuilder();
        for (Object t : tokens) {
            sb.append('/').append(String.valueOf(t).replace("~", "~0").replace("/", "~1"));
        }
        return sb.toString();
    }

    private static String abbreviate(String s) {
        if (s.length() <= 1500) {
            return s;
        }
        return s.substring(0, 1000) + "…(" + s.length() + " chars)…" + s.substring(s.length() - 300);
    }

    private static boolean chance(RandomnessSource in, int percent) {
        return Generate.range(0, 99).generate(in) >= 100 - percent;
    }

    private static int range(RandomnessSource in, int min, int max) {
        return Generate.range(min, max).generate(in);
    }

    private static <T> T pick(RandomnessSource in, List<T> values) {
        return values.get(range(in, 0, values.size() - 1));
    }

    private static String charsFrom(RandomnessSource in, String alphabet, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(range(in, 0, alphabet.length() - 1)));
        }
        return sb.toString();
    }

    /** A mutable copy of a create request, to break one thing in it. */
    private static final class Req {
        String title;
        String description;
        TaskStatus status;
        Instant dueAt;
        String externalId;
        Map<String, String> metadata;
        final Map<String, List<String>> relationships;

        Req(NewTask t) {
            title = t.title();
            description = t.description().orElse(null);
            status = t.status();
            dueAt = t.dueAt().orElse(null);
            externalId = t.externalId().orElse(null);
            metadata = new LinkedHashMap<>(t.metadata());
            relationships = new LinkedHashMap<>(t.relationships());
        }

        NewTask build() {
            return new NewTask(title, Optional.ofNullable(description), status, Optional.ofNullable(dueAt),
                    Optional.ofNullable(externalId), metadata, relationships);
        }

        InvalidCreate invalid(String what, String pointer, ViolationCode code) {
            return new InvalidCreate(what, build(), pointer, code);
        }
    }
}
