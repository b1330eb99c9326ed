package dev.tasks.reliability.hostile;

import dev.tasks.core.FieldPatch;
import dev.tasks.core.NewTask;
import dev.tasks.core.RelationshipPatch;
import dev.tasks.core.SystemRelationship;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.TaskStatus;
import dev.tasks.json.JsonBody;
import dev.tasks.json.BodyException.Problem;
import dev.tasks.json.stora.StoraFormat;
import dev.tasks.store.tck.RequestGenerators;
import dev.tasks.store.tck.TaskGenerators;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/**
 * Hostile request bodies for the wire formats' readers, each with what reading it must give: a valid
 * body (with hostile strings in every string member) must be read into exactly the request it spells; a
 * body with one structural fault must be refused at exactly that fault's JSON Pointer with a documented
 * problem; a body that is not JSON must be refused as malformed; a randomly damaged one may go either
 * way but nothing else may escape.
 */
final class WireCases {

    enum Format { STORA, LIGHTFIELD }

    enum Kind {
        /** Must be read (into {@link Case#read()} if that is known); at {@code mayFailAt} INVALID_VALUE is allowed. */
        READ,
        /** Must be refused at {@code pointer} with one of {@code problems}. */
        FAULT,
        /** Must be refused as not JSON. */
        MALFORMED,
        /** Either read or refused; only the documented exception may come out. */
        EITHER
    }

    record Case(Format format, boolean create, byte[] body, Kind kind, String pointer, Set<Problem> problems, String mayFailAt,
                Object read, List<String> texts, String what) {
        String operation() {
            return (format == Format.STORA ? "stora." : "lightfield.") + (create ? "readCreate" : "readUpdate");
        }

        @Override
        public String toString() {
            return operation() + " [" + what + "] expecting " + kind + (pointer == null ? "" : " at " + Hostile.show(pointer) + " " + problems)
                    + ": " + Hostile.show(new String(body, StandardCharsets.UTF_8));
        }
    }

    /** Jackson's longest member name: a longer one is not JSON for the formats. */
    private static final int MAX_NAME = 50_000;

    private static final List<Object> WRONG_TYPES = List.of(1, true, new Json.Raw("-0.5e3"), List.of(), List.of("x"), Map.of(), Map.of("id", "x"));
    private static final List<String> BAD_DATES = List.of("2026-01-01", "2026-01-01T00:00:00", "tomorrow", "", "1735689600",
            "2026-02-30T00:00:00Z", "' OR 1=1 --", "2026-01-01T00:00:00+25:00", "-1000000000-01-01T00:00:00Z", "2026-01-01 00:00:00Z");
    private static final List<String> DUPLICATE_NAMES = List.of("a", "it's", "a\nb", "x".repeat(40_000), "\u2028\u0000",
            "'; DROP TABLE tasks; --", "");
    private static final List<String> STORA_READ_ONLY = List.of("id", "creator", "completed_at", "created_at", "updated_at");

    private WireCases() {
    }

    /** Cases for the four readers, with raw damage now and then. */
    static Gen<Case> cases() {
        Gen<Draft> storaCreates = storaCreates();
        Gen<Draft> storaUpdates = storaUpdates();
        Gen<Draft> lightfieldCreates = lightfieldCreates();
        Gen<Draft> lightfieldUpdates = lightfieldUpdates();
        return in -> {
            int which = Hostile.range(in, 0, 3);
            Draft d = switch (which) {
                case 0 -> storaCreates.generate(in);
                case 1 -> storaUpdates.generate(in);
                case 2 -> lightfieldCreates.generate(in);
                default -> lightfieldUpdates.generate(in);
            };
            Format format = which < 2 ? Format.STORA : Format.LIGHTFIELD;
            boolean create = which % 2 == 0;
            byte[] body = Json.bytes(d.replacement != null ? d.replacement : d.root);
            if (d.kind != Kind.MALFORMED && Hostile.chance(in, 12)) {
                return damage(in, format, create, body, d);
            }
            if (body.length > JsonBody.MAX_BODY_BYTES) {
                // Hostile strings can add up past the body limit: then the size is refused first, whatever else.
                return new Case(format, create, body, Kind.MALFORMED, "", Set.of(Problem.MALFORMED), null, null, d.texts,
                        d.what + ", larger than the body limit");
            }
            return new Case(format, create, body, d.kind, d.pointer, d.problems, d.mayFailAt, d.read, d.texts, d.what);
        };
    }

    // ------------------------------------------------------------------ Stora

    private static Gen<Draft> storaCreates() {
        Gen<NewTask> bases = RequestGenerators.newTasks();
        Values v = new Values();
        return in -> {
            NewTask r = bases.generate(in);
            Draft d = new Draft();
            String title = Hostile.chance(in, 40) ? v.titles.generate(in) : r.title();
            d.put("title", title);
            NewTask.Builder read = NewTask.builder(title);
            String description = Hostile.chance(in, 25) ? v.descriptions.generate(in) : r.description().orElse(null);
            if (description != null) {
                d.put("description", description);
                read.description(description);
            }
            if (Hostile.chance(in, 50)) {
                d.root.put("status", StoraFormat.statusName(r.status()));
                read.status(r.status());
            }
            Instant due = Hostile.chance(in, 25) ? v.instants.generate(in) : r.dueAt().orElse(null);
            if (due != null) {
                d.root.put("due_at", due.toString());
                read.dueAt(due);
                if (!Rules.instant(due)) {
                    d.mayFailAt = "/due_at";
                }
            }
            for (Map.Entry<String, SystemRelationship> m : STORA_RELATIONSHIPS.entrySet()) {
                List<String> ids = r.relationships().getOrDefault(m.getValue().relationshipName(), List.of());
                String id = Hostile.chance(in, 20) ? v.ids.generate(in) : ids.isEmpty() ? null : ids.get(0);
                if (id != null) {
                    d.root.put(m.getKey(), Map.of("id", id));
                    d.texts.add(id);
                    read.relationship(m.getValue(), id);
                }
            }
            Map<String, String> metadata = v.metadata(in, r.metadata());
            if (!metadata.isEmpty() || Hostile.chance(in, 20)) {
                d.root.put("metadata", new LinkedHashMap<>(metadata));
                d.names(metadata.keySet());
                d.texts.addAll(metadata.values());
                read.metadata(metadata);
            }
            d.read = read.build();
            if (Hostile.chance(in, 55)) {
                storaFault(in, d, true, v);
            }
            return d.settle();
        };
    }

    private static Gen<Draft> storaUpdates() {
        Gen<TaskPatch> bases = RequestGenerators.taskPatches();
        Values v = new Values();
        return in -> {
            TaskPatch p = bases.generate(in);
            Draft d = new Draft();
            TaskPatch.Builder read = TaskPatch.builder();
            if (p.title() instanceof FieldPatch.SetTo<String> t) {
                String title = Hostile.chance(in, 40) ? v.titles.generate(in) : t.value();
                d.put("title", title);
                read.title(title);
            }
            if (p.description().isPresent()) {
                String description = p.description() instanceof FieldPatch.SetTo<String> s ? (Hostile.chance(in, 30) ? v.descriptions.generate(in) : s.value()) : null;
                d.root.put("description", description == null ? Json.NULL : description);
                d.texts.add(description);
                read.description(description);
            }
            if (p.status() instanceof FieldPatch.SetTo<TaskStatus> s) {
                d.root.put("status", StoraFormat.statusName(s.value()));
                read.status(s.value());
            }
            if (p.dueAt().isPresent()) {
                Instant due = p.dueAt() instanceof FieldPatch.SetTo<Instant> s ? (Hostile.chance(in, 30) ? v.instants.generate(in) : s.value()) : null;
                d.root.put("due_at", due == null ? Json.NULL : due.toString());
                read.dueAt(due);
                if (due != null && !Rules.instant(due)) {
                    d.mayFailAt = "/due_at";
                }
            }
            for (Map.Entry<String, SystemRelationship> m : STORA_RELATIONSHIPS.entrySet()) {
                if (Hostile.chance(in, 15)) {
                    String id = Hostile.chance(in, 30) ? null : v.ids.generate(in);
                    d.root.put(m.getKey(), id == null ? Json.NULL : Map.of("id", id));
                    d.texts.add(id);
                    read.relationship(m.getValue(), id == null ? RelationshipPatch.clear() : RelationshipPatch.replace(List.of(id)));
                }
            }
            if (p.clearMetadata() || !p.metadata().isEmpty() || Hostile.chance(in, 20)) {
                Map<String, String> metadata = new LinkedHashMap<>(p.clearMetadata() ? Map.of() : p.metadata());
                if (Hostile.chance(in, 30)) {
                    metadata.put(v.keys.generate(in), Hostile.chance(in, 20) ? null : v.values.generate(in));
                }
                Map<String, Object> written = new LinkedHashMap<>();
                metadata.forEach((k, value) -> written.put(k, value == null ? Json.NULL : value));
                d.root.put("metadata", written);
                d.names(metadata.keySet());
                d.texts.addAll(metadata.values());
                if (metadata.isEmpty()) {
                    read.clearMetadata();
                } else {
                    read.metadata(metadata);
                }
            }
            d.read = read.build();
            if (Hostile.chance(in, 55)) {
                storaFault(in, d, false, v);
            }
            return d.settle();
        };
    }

    private static final Map<String, SystemRelationship> STORA_RELATIONSHIPS = storaRelationships();

    private static Map<String, SystemRelationship> storaRelationships() {
        Map<String, SystemRelationship> m = new LinkedHashMap<>();
        m.put("assignee", SystemRelationship.ASSIGNED_TO);
        m.put("resource", SystemRelationship.RESOURCE);
        m.put("site", SystemRelationship.SITE);
        return m;
    }

    /** One structural fault, at a pointer the reader must name (docs/wire-formats-stora.md, "Requests"). */
    private static void storaFault(RandomnessSource in, Draft d, boolean create, Values v) {
        d.read = null;
        switch (Hostile.range(in, 0, 9)) {
            case 0 -> {
                String member = Hostile.pick(in, List.of("title", "description", "status", "due_at"));
                d.root.put(member, Hostile.pick(in, WRONG_TYPES));
                d.fault("/" + member, Problem.WRONG_TYPE);
            }
            case 1 -> {
                if (create) {
                    d.root.put("title", Hostile.chance(in, 50) ? Json.NULL : null);
                    d.fault("/title", Problem.MISSING);
                } else {
                    String member = Hostile.pick(in, List.of("title", "status", "metadata"));
                    d.root.put(member, Json.NULL);
                    d.fault("/" + member, Problem.WRONG_TYPE);
                }
            }
            case 2 -> {
                String name = Hostile.chance(in, 40) ? Hostile.pick(in, STORA_READ_ONLY) : v.memberNames.generate(in);
                if (STORA_MEMBERS.contains(name)) {
                    name = name + "_";
                }
                d.root.put(name, "x");
                d.names(List.of(name));
                d.fault(dev.tasks.core.validation.Violation.pointerOf(name), Problem.UNKNOWN_MEMBER);
            }
            case 3 -> {
                String status = v.titles.generate(in);
                if (StoraFormat.status(status).isEmpty()) {
                    d.root.put("status", status);
                    d.fault("/status", Problem.INVALID_VALUE);
                }
            }
            case 4 -> {
                d.root.put("due_at", Hostile.pick(in, BAD_DATES));
                d.fault("/due_at", Problem.INVALID_VALUE);
            }
            case 5 -> {
                String member = Hostile.pick(in, List.copyOf(STORA_RELATIONSHIPS.keySet()));
                switch (Hostile.range(in, 0, 3)) {
                    case 0 -> {
                        d.root.put(member, Hostile.chance(in, 50) ? Map.of() : Map.of("id", Json.NULL));
                        d.fault("/" + member + "/id", Problem.MISSING);
                    }
                    case 1 -> {
                        d.root.put(member, Map.of("id", 5));
                        d.fault("/" + member + "/id", Problem.WRONG_TYPE);
                    }
                    case 2 -> {
                        d.root.put(member, new Json.Pairs(List.of(entry("id", "x_1"), entry("name", "x"))));
                        d.fault("/" + member + "/name", Problem.UNKNOWN_MEMBER);
                    }
                    default -> {
                        d.root.put(member, "x_1");
                        d.fault("/" + member, Problem.WRONG_TYPE);
                    }
                }
            }
            case 6 -> {
                String key = Hostile.chance(in, 50) ? "region" : v.keys.generate(in);
                Map<String, Object> metadata = new LinkedHashMap<>();
                metadata.put(key, create ? Hostile.pick(in, List.of(Json.NULL, 1, List.of())) : Hostile.pick(in, List.of(1, List.of(), Map.of())));
                d.root.put("metadata", metadata);
                d.names(List.of(key));
                d.fault(dev.tasks.core.validation.Violation.pointerOf("metadata", key), Problem.WRONG_TYPE);
            }
            case 7 -> {
                d.root.put("metadata", Hostile.pick(in, List.of("x", 1, List.of())));
                d.fault("/metadata", Problem.WRONG_TYPE);
            }
            case 8 -> d.replaceRoot(Hostile.pick(in, List.of(List.of(), "x", 1, Json.NULL, true)), "");
            default -> d.read = null;
        }
    }

    private static final Set<String> STORA_MEMBERS = Set.of("title", "description", "status", "due_at", "assignee", "resource", "site", "metadata");

    // ------------------------------------------------------------------ Lightfield

    private static final List<String> LIGHTFIELD_RELATIONSHIPS = List.of("$assignedTo", "$account", "$opportunity", "$resource", "$site",
            "$createdBy", "$note", RequestGenerators.PROJECT, RequestGenerators.WATCHERS);

    private static Gen<Draft> lightfieldCreates() {
        Gen<NewTask> bases = RequestGenerators.newTasksWithCustomRelationships();
        Values v = new Values();
        return in -> {
            NewTask r = bases.generate(in);
            Draft d = new Draft();
            Map<String, Object> fields = new LinkedHashMap<>();
            String title = Hostile.chance(in, 40) ? v.titles.generate(in) : r.title();
            fields.put("$title", title);
            fields.put("$status", r.status().name());
            String description = Hostile.chance(in, 25) ? v.descriptions.generate(in) : r.description().orElse(null);
            if (description != null || Hostile.chance(in, 10)) {
                fields.put("$description", description == null ? Json.NULL : description);
            }
            Instant due = Hostile.chance(in, 25) ? v.instants.generate(in) : r.dueAt().orElse(null);
            if (due != null) {
                fields.put("$dueAt", due.toString());
                if (!Rules.instant(due)) {
                    d.mayFailAt = "/fields/$dueAt";
                }
            }
            d.texts.add(title);
            d.texts.add(description);
            NewTask.Builder read = NewTask.builder(title).status(r.status()).description(description).dueAt(due);
            Map<String, Object> relationships = new LinkedHashMap<>();
            Map<String, List<String>> rels = new LinkedHashMap<>(r.relationships());
            if (rels.getOrDefault("$assignedTo", List.of()).isEmpty()) {
                rels.put("$assignedTo", List.of("mem_1"));
            }
            rels.forEach((name, ids) -> {
                List<String> list = new ArrayList<>(ids);
                if (Hostile.chance(in, 15)) {
                    list.add(v.ids.generate(in));
                }
                boolean single = list.size() == 1 && Hostile.chance(in, 50);
                relationships.put(name, single ? list.get(0) : list);
                d.texts.addAll(list);
                read.relationship(name, list);
            });
            d.root.put("fields", fields);
            d.root.put("relationships", relationships);
            d.read = read.build();
            if (Hostile.chance(in, 55)) {
                lightfieldFault(in, d, true, fields, relationships, v);
            }
            return d.settle();
        };
    }

    private static Gen<Draft> lightfieldUpdates() {
        Gen<TaskPatch> bases = RequestGenerators.taskPatchesWithCustomRelationships();
        Values v = new Values();
        return in -> {
            TaskPatch p = bases.generate(in);
            Draft d = new Draft();
            Map<String, Object> fields = new LinkedHashMap<>();
            TaskPatch.Builder read = TaskPatch.builder();
            if (p.title().isPresent() || Hostile.chance(in, 10)) {
                String title = p.title() instanceof FieldPatch.SetTo<String> t ? (Hostile.chance(in, 40) ? v.titles.generate(in) : t.value())
                        : Hostile.chance(in, 50) ? v.titles.generate(in) : null;
                fields.put("$title", title == null ? Json.NULL : title);
                d.texts.add(title);
                read.title(title);
            }
            if (p.status().isPresent()) {
                TaskStatus status = ((FieldPatch.SetTo<TaskStatus>) p.status()).value();
                fields.put("$status", status.name());
                read.status(status);
            }
            if (p.description().isPresent()) {
                String description = p.description() instanceof FieldPatch.SetTo<String> s ? (Hostile.chance(in, 30) ? v.descriptions.generate(in) : s.value()) : null;
                fields.put("$description", description == null ? Json.NULL : description);
                d.texts.add(description);
                read.description(description);
            }
            if (p.dueAt().isPresent()) {
                Instant due = p.dueAt() instanceof FieldPatch.SetTo<Instant> s ? (Hostile.chance(in, 30) ? v.instants.generate(in) : s.value()) : null;
                fields.put("$dueAt", due == null ? Json.NULL : due.toString());
                read.dueAt(due);
                if (due != null && !Rules.instant(due)) {
                    d.mayFailAt = "/fields/$dueAt";
                }
            }
            Map<String, Object> relationships = new LinkedHashMap<>();
            p.relationships().forEach((name, change) -> {
                Map<String, Object> op = new LinkedHashMap<>();
                List<String> add = withHostile(in, change.add(), v);
                List<String> remove = change.remove();
                if (!add.isEmpty() || Hostile.chance(in, 20)) {
                    op.put("add", add.size() == 1 && Hostile.chance(in, 50) ? add.get(0) : add);
                }
                if (!remove.isEmpty()) {
                    op.put("remove", remove);
                }
                Optional<List<String>> replace = change.replace();
                if (replace.isPresent()) {
                    op.put("replace", replace.get().isEmpty() && Hostile.chance(in, 50) ? Json.NULL : replace.get());
                }
                if (op.isEmpty()) {
                    op.put("add", List.of());
                }
                relationships.put(name, op);
                d.texts.addAll(add);
                d.texts.addAll(remove);
                replace.ifPresent(d.texts::addAll);
                read.relationship(name, new RelationshipPatch(add, remove, replace));
            });
            if (!fields.isEmpty() || Hostile.chance(in, 70)) {
                d.root.put("fields", fields);
            }
            if (!relationships.isEmpty() || Hostile.chance(in, 30)) {
                d.root.put("relationships", relationships);
            }
            d.read = read.build();
            if (Hostile.chance(in, 55)) {
                lightfieldFault(in, d, false, fields, relationships, v);
            }
            return d.settle();
        };
    }

    private static List<String> withHostile(RandomnessSource in, List<String> ids, Values v) {
        List<String> list = new ArrayList<>(ids);
        if (Hostile.chance(in, 15)) {
            list.add(v.ids.generate(in));
        }
        return list;
    }

    /** One structural fault (docs/wire-formats-lightfield.md, "Reading"). */
    private static void lightfieldFault(RandomnessSource in, Draft d, boolean create, Map<String, Object> fields,
                                        Map<String, Object> relationships, Values v) {
        d.read = null;
        d.root.put("fields", fields);
        d.root.put("relationships", relationships);
        switch (Hostile.range(in, 0, 9)) {
            case 0 -> {
                String name = v.memberNames.generate(in);
                if (List.of("$title", "$status", "$description", "$dueAt").contains(name)) {
                    name = name + "_";
                }
                fields.put(name, "x");
                d.names(List.of(name));
                d.fault(dev.tasks.core.validation.Violation.pointerOf("fields", name), Problem.UNKNOWN_MEMBER);
            }
            case 1 -> {
                String name = Hostile.relationshipNames().generate(in);
                if (LIGHTFIELD_RELATIONSHIPS.contains(name)) {
                    name = name + "_";
                }
                relationships.put(name, create ? "x_1" : Map.of("add", "x_1"));
                d.names(List.of(name));
                d.fault(dev.tasks.core.validation.Violation.pointerOf("relationships", name), Problem.UNKNOWN_MEMBER);
            }
            case 2 -> {
                String name = v.memberNames.generate(in);
                if (name.equals("fields") || name.equals("relationships")) {
                    name = name + "_";
                }
                d.root.put(name, 1);
                d.names(List.of(name));
                d.fault(dev.tasks.core.validation.Violation.pointerOf(name), Problem.UNKNOWN_MEMBER);
            }
            case 3 -> {
                String status = v.titles.generate(in);
                if (Arrays.stream(TaskStatus.values()).noneMatch(s -> s.name().equals(status))) {
                    fields.put("$status", status);
                    d.fault("/fields/$status", Problem.WRONG_TYPE, Problem.INVALID_VALUE);
                }
            }
            case 4 -> {
                fields.put("$dueAt", Hostile.pick(in, BAD_DATES));
                d.fault("/fields/$dueAt", Problem.WRONG_TYPE, Problem.INVALID_VALUE);
            }
            case 5 -> {
                String member = Hostile.pick(in, List.of("$title", "$status", "$description", "$dueAt"));
                fields.put(member, Hostile.pick(in, WRONG_TYPES));
                d.fault("/fields/" + member, Problem.WRONG_TYPE);
            }
            case 6 -> {
                if (create) {
                    switch (Hostile.range(in, 0, 4)) {
                        case 0 -> {
                            fields.remove("$title");
                            d.fault("/fields/$title", Problem.MISSING);
                        }
                        case 1 -> {
                            fields.put("$status", Json.NULL);
                            d.fault("/fields/$status", Problem.WRONG_TYPE);
                        }
                        case 2 -> {
                            relationships.put("$assignedTo", Hostile.chance(in, 50) ? List.of() : null);
                            d.fault("/relationships/$assignedTo", Problem.MISSING);
                        }
                        case 3 -> {
                            d.root.put("relationships", null);
                            d.fault("/relationships", Problem.MISSING);
                        }
                        default -> {
                            d.root.put("fields", null);
                            d.fault("/fields", Problem.MISSING);
                        }
                    }
                } else {
                    relationships.put("$account", Map.of());
                    d.fault("/relationships/$account", Problem.MISSING);
                }
            }
            case 7 -> {
                String name = Hostile.pick(in, List.of("$account", RequestGenerators.WATCHERS));
                if (create) {
                    relationships.put(name, Hostile.chance(in, 50) ? 5 : List.of("x_1", 5));
                    d.fault(dev.tasks.core.validation.Violation.pointerOf("relationships", name) + (relationships.get(name) instanceof List ? "/1" : ""),
                            Problem.WRONG_TYPE);
                } else if (Hostile.chance(in, 50)) {
                    String op = v.memberNames.generate(in);
                    if (Set.of("add", "remove", "replace").contains(op)) {
                        op = op + "_";
                    }
                    relationships.put(name, Map.of(op, "x_1"));
                    d.names(List.of(op));
                    d.fault(dev.tasks.core.validation.Violation.pointerOf("relationships", name, op), Problem.UNKNOWN_MEMBER);
                } else {
                    relationships.put(name, Hostile.chance(in, 50) ? "x_1" : Map.of("add", 5));
                    d.fault(dev.tasks.core.validation.Violation.pointerOf("relationships", name)
                            + (relationships.get(name) instanceof Map ? "/add" : ""), Problem.WRONG_TYPE);
                }
            }
            case 8 -> {
                d.root.put(Hostile.chance(in, 50) ? "fields" : "relationships", Hostile.pick(in, List.of("x", 1, List.of(), Json.NULL)));
                d.faultAtReplaced();
            }
            default -> d.replaceRoot(Hostile.pick(in, List.of(List.of(), "x", 1, Json.NULL, true)), "");
        }
    }

    // ------------------------------------------------------------------ damage

    /** Raw damage: what a broken client or a proxy does to bytes. Some of it must be malformed; the rest may be anything. */
    private static Case damage(RandomnessSource in, Format format, boolean create, byte[] body, Draft d) {
        String text = new String(body, StandardCharsets.UTF_8);
        byte[] damaged;
        Kind kind = Kind.MALFORMED;
        String what;
        switch (Hostile.range(in, 0, 11)) {
            case 0 -> {
                damaged = Arrays.copyOf(body, Hostile.range(in, 0, Math.max(0, body.length - 1)));
                what = "truncated";
            }
            case 1 -> {
                damaged = body.clone();
                damaged[Hostile.range(in, 0, damaged.length - 1)] = (byte) (int) Hostile.pick(in, List.of(0xFF, 0xC0, 0x80, 0xED));
                what = "a byte that is not UTF-8";
            }
            case 2 -> {
                damaged = (text + Hostile.pick(in, List.of(" {}", "x", ",", "]", "}", " null"))).getBytes(StandardCharsets.UTF_8);
                what = "trailing content";
            }
            case 3 -> {
                // The repeated name is hostile too: the message that names it must stay fit for a client.
                String twice = Json.write(Hostile.pick(in, DUPLICATE_NAMES));
                damaged = ("{" + twice + ":1," + twice + ":2," + text.substring(1)).getBytes(StandardCharsets.UTF_8);
                d.texts.addAll(DUPLICATE_NAMES);
                what = "a key twice";
            }
            case 4 -> {
                damaged = ("[".repeat(40) + "]".repeat(40)).getBytes(StandardCharsets.UTF_8);
                what = "nested 40 deep";
            }
            case 5 -> {
                damaged = ("{\"title\":\"" + "x".repeat(1 << 20) + "\"}").getBytes(StandardCharsets.UTF_8);
                what = "larger than 1 MiB";
            }
            case 6 -> {
                damaged = Hostile.pick(in, List.of("", " ", "\n", "\uFEFF{}", "{", "}", "{\"title\":01}", "{'title':'x'}", "{\"title\":NaN}",
                        "/* c */ {}", "{\"title\":\"x\" /* c */}", "{title:\"x\"}", "\u0000")).getBytes(StandardCharsets.UTF_8);
                what = "not JSON";
            }
            case 7 -> {
                damaged = text.getBytes(StandardCharsets.UTF_16);
                what = "UTF-16";
            }
            default -> {
                damaged = body.clone();
                if (damaged.length > 0) {
                    int at = Hostile.range(in, 0, damaged.length - 1);
                    damaged[at] = (byte) Hostile.range(in, 0x20, 0x7E);
                }
                kind = Kind.EITHER;
                what = "a byte changed";
            }
        }
        return new Case(format, create, damaged, kind, kind == Kind.MALFORMED ? "" : null, Set.of(Problem.MALFORMED), null, null, d.texts,
                what + " (of " + d.what + ")");
    }

    private static Map.Entry<String, Object> entry(String key, Object value) {
        return new AbstractMap.SimpleImmutableEntry<>(key, value);
    }

    // ------------------------------------------------------------------ drafts and values

    /** The first and last instants a body can write in UTC ({@code Instant.toString()}) and a reader parse. */
    private static final Instant FIRST_WRITABLE = LocalDateTime.MIN.toInstant(ZoneOffset.UTC);
    private static final Instant LAST_WRITABLE = LocalDateTime.MAX.toInstant(ZoneOffset.UTC);

    /** Hostile values for bodies. */
    private static final class Values {
        final Gen<String> titles = Hostile.strings(TaskGenerators.titles(), 500);
        final Gen<String> descriptions = Hostile.strings(TaskGenerators.descriptions(), 20_000);
        final Gen<String> keys = Hostile.strings(RequestGenerators.metadataKeys(), 40);
        final Gen<String> values = Hostile.strings(TaskGenerators.metadataValues(), 500);
        final Gen<String> ids = Hostile.entityIds();
        /**
         * Instants a body can carry: an ISO 8601 date-time holds years up to ±999,999,999 only, so
         * instants beyond (Instant.MIN and MAX among them) become the nearest that can be written in UTC (still far out of the domain's range).
         * Text that cannot be a date-time at all is a fault of its own (BAD_DATES).
         */
        final Gen<Instant> instants = Hostile.instants().map(i -> i.isBefore(FIRST_WRITABLE) ? FIRST_WRITABLE
                : i.isAfter(LAST_WRITABLE) ? LAST_WRITABLE : i);
        final Gen<String> memberNames = Hostile.strings(in -> Hostile.pick(in, List.of("title", "x", "$title", "fields", "add", "externalId")), 40);

        Map<String, String> metadata(RandomnessSource in, Map<String, String> base) {
            Map<String, String> m = new LinkedHashMap<>(base);
            if (Hostile.chance(in, 30)) {
                m.put(keys.generate(in), values.generate(in));
            }
            return m;
        }
    }

    /** A body being made, with what reading it must give. */
    private static final class Draft {
        Map<String, Object> root = new LinkedHashMap<>();
        Object replacement;
        Kind kind = Kind.READ;
        String pointer;
        Set<Problem> problems = Set.of();
        String mayFailAt;
        Object read;
        final List<String> texts = new ArrayList<>();
        String what = "valid";

        void put(String member, String value) {
            root.put(member, value);
            texts.add(value);
        }

        void names(java.util.Collection<String> memberNames) {
            texts.addAll(memberNames);
        }

        void fault(String at, Problem... allowed) {
            kind = Kind.FAULT;
            pointer = at;
            problems = Set.of(allowed);
            what = "fault at " + Hostile.show(at);
        }

        /** The member just replaced by a value of the wrong type (or null) is refused where it is. */
        void faultAtReplaced() {
            Object fields = root.get("fields");
            boolean fieldsWrong = !(fields instanceof Map);
            fault(fieldsWrong ? "/fields" : "/relationships", Problem.WRONG_TYPE, Problem.MISSING);
        }

        void replaceRoot(Object value, String at) {
            replacement = value;
            fault(at, Problem.WRONG_TYPE);
        }

        /** A member name Jackson refuses (a lone surrogate, more than 50,000 characters) makes the body malformed. */
        Draft settle() {
            // Only the names the body still holds count: a member replaced by a value of the wrong type
            // takes its names with it.
            List<String> present = new ArrayList<>();
            namesIn(replacement != null ? replacement : root, present);
            for (String name : present) {
                if (!Rules.noLoneSurrogate(name) || name.length() > MAX_NAME) {
                    kind = Kind.MALFORMED;
                    pointer = "";
                    problems = Set.of(Problem.MALFORMED);
                    read = null;
                    what = what + ", a member name Jackson refuses";
                }
            }
            return this;
        }

        private static void namesIn(Object value, List<String> into) {
            if (value instanceof Map<?, ?> map) {
                map.forEach((k, v) -> {
                    into.add(String.valueOf(k));
                    namesIn(v, into);
                });
            } else if (value instanceof List<?> list) {
                list.forEach(v -> namesIn(v, into));
            }
        }
    }
}
