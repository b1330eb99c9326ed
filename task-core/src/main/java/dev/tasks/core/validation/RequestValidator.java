package dev.tasks.core.validation;

import dev.tasks.core.Text;
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
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Checks requests against every rule of the domain and reports all problems at once, sorted by path.
 *
 * <p>Field rules are Jakarta Validation constraints on the request records, run by one Hibernate
 * Validator factory shared by the whole JVM (built on first use, thread-safe). It interpolates
 * messages with {@link ParameterMessageInterpolator}, so no Expression Language implementation is
 * needed. Rules that depend on the registered relationships (unknown names, who may write what,
 * cardinality) and limits that hold on the result of a patch are checked here in plain code.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RequestValidator {

    /** The most metadata keys a task holds. */
    public static final int MAX_METADATA_KEYS = 20;

    private static final Map<Class<? extends Annotation>, ViolationCode> CODES = Map.of(
            NotNull.class, ViolationCode.REQUIRED,
            NotBlankText.class, ViolationCode.BLANK,
            MaxLength.class, ViolationCode.TOO_LONG,
            Pattern.class, ViolationCode.INVALID_FORMAT,
            WellFormedUnicode.class, ViolationCode.INVALID_CHARACTERS,
            NoControlCharacters.class, ViolationCode.INVALID_CHARACTERS,
            SupportedInstant.class, ViolationCode.OUT_OF_RANGE,
            Min.class, ViolationCode.OUT_OF_RANGE,
            Max.class, ViolationCode.OUT_OF_RANGE,
            Size.class, ViolationCode.TOO_MANY);

    private final RelationshipCatalog catalog;

    /**
     * A validator for a service with these relationships.
     *
     * @param catalog the relationship definitions requests are checked against
     */
    public RequestValidator(RelationshipCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * Checks a create request.
     *
     * @param request the request
     * @return every violation, sorted; empty if the request is valid
     */
    public List<Violation> validate(NewTask request) {
        Violations v = new Violations();
        constraints(request, v);
        request.relationships().forEach((name, ids) -> {
            RelationshipDefinition def = definition(name, v);
            if (def == null) {
                return;
            }
            if (def.writability() == Writability.READ_ONLY) {
                v.add(Violation.pointerOf("relationships", name), ViolationCode.READ_ONLY, "is read-only");
            }
            if (ids == null) {
                v.add(Violation.pointerOf("relationships", name), ViolationCode.REQUIRED, "must be a list of entity ids");
            } else {
                checkCount(def, new HashSet<>(ids).size(), v);
            }
        });
        checkMetadataCount(request.metadata().size(), v);
        return v.sorted();
    }

    /**
     * Checks a patch on its own; limits that depend on the task it applies to are checked by
     * {@link #validateResult(Task)}.
     *
     * @param patch the patch
     * @return every violation, sorted; empty if the patch is valid
     */
    public List<Violation> validate(TaskPatch patch) {
        Violations v = new Violations();
        constraints(patch, v);
        if (patch.title() instanceof FieldPatch.Cleared<String>) {
            v.add("/title", ViolationCode.REQUIRED, "cannot be cleared");
        }
        if (patch.status() instanceof FieldPatch.Cleared<?>) {
            v.add("/status", ViolationCode.REQUIRED, "cannot be cleared");
        }
        patch.relationships().forEach((name, change) -> {
            RelationshipDefinition def = definition(name, v);
            if (def == null) {
                return;
            }
            if (def.writability() != Writability.WRITABLE) {
                v.add(Violation.pointerOf("relationships", name), ViolationCode.READ_ONLY,
                        def.writability() == Writability.CREATE_ONLY ? "can only be set on create" : "is read-only");
            }
            if (change == null) {
                v.add(Violation.pointerOf("relationships", name), ViolationCode.REQUIRED, "must be a change of add, remove or replace");
            } else if (change.replace().isEmpty()) {
                // Without a replace, an id both added and removed has no single meaning: its place would
                // depend on the state the patch meets, and it would move on every retry.
                for (int i = 0; i < change.add().size(); i++) {
                    String id = change.add().get(i);
                    if (id != null && change.remove().contains(id)) {
                        v.add(Violation.pointerOf("relationships", name, "add", i), ViolationCode.CONFLICTING,
                                "is also in remove");
                    }
                }
            }
        });
        return v.sorted();
    }

    /**
     * Checks a list query.
     *
     * @param query the query
     * @return every violation, sorted; empty if the query is valid
     */
    public List<Violation> validate(TaskQuery query) {
        Violations v = new Violations();
        constraints(query, v);
        if (query.cursor().isPresent() && query.offset() != 0) {
            v.add("/offset", ViolationCode.CONFLICTING, "cannot be combined with a cursor");
        }
        if (query.filter() != null) {
            checkRelationshipNames(query.filter(), "/filter", v);
        }
        return v.sorted();
    }

    /**
     * Checks a filter on its own (for a count, or a lookup by external id).
     *
     * @param filter the filter
     * @return every violation, sorted, with pointers relative to the filter; empty if it is valid
     */
    public List<Violation> validate(TaskFilter filter) {
        Violations v = new Violations();
        constraints(filter, v);
        checkRelationshipNames(filter, "", v);
        return v.sorted();
    }

    private void checkRelationshipNames(TaskFilter filter, String prefix, Violations v) {
        List<RelatedTo> related = filter.relatedTo();
        for (int i = 0; i < related.size(); i++) {
            RelatedTo r = related.get(i);
            if (r != null && r.relationship().isPresent() && catalog.find(r.relationship().get()).isEmpty()) {
                v.add(prefix + Violation.pointerOf("relatedTo", i, "relationship"), ViolationCode.UNKNOWN_RELATIONSHIP,
                        "no relationship is named '" + Text.quoted(r.relationship().get()) + "'");
            }
        }
    }

    /**
     * Checks the limits that hold on a task after a change: at most 20 metadata keys, one id in a
     * has-one relationship, 100 in a has-many one.
     *
     * @param result the task a create or patch would store
     * @return every violation, sorted; empty if the task keeps every limit
     */
    public List<Violation> validateResult(Task result) {
        Violations v = new Violations();
        checkMetadataCount(result.metadata().size(), v);
        result.relationships().forEach((name, ids) -> catalog.find(name).ifPresent(def -> checkCount(def, ids.size(), v)));
        return v.sorted();
    }

    /**
     * The relationship definitions this validator checks against.
     *
     * @return the catalog
     */
    public RelationshipCatalog catalog() {
        return catalog;
    }

    private RelationshipDefinition definition(String name, Violations v) {
        if (name == null) {
            v.add("/relationships", ViolationCode.REQUIRED, "a relationship name must not be null");
            return null;
        }
        var def = catalog.find(name);
        if (def.isEmpty()) {
            v.add(Violation.pointerOf("relationships", name), ViolationCode.UNKNOWN_RELATIONSHIP, "no relationship is named '" + Text.quoted(name) + "'");
            return null;
        }
        return def.get();
    }

    private static void checkCount(RelationshipDefinition def, int count, Violations v) {
        if (def.cardinality() == Cardinality.HAS_ONE && count > 1) {
            v.add(Violation.pointerOf("relationships", def.name()), ViolationCode.CARDINALITY, "holds at most one id");
        } else if (count > RelationshipDefinition.MAX_IDS) {
            v.add(Violation.pointerOf("relationships", def.name()), ViolationCode.TOO_MANY,
                    "holds at most " + RelationshipDefinition.MAX_IDS + " ids");
        }
    }

    private static void checkMetadataCount(int count, Violations v) {
        if (count > MAX_METADATA_KEYS) {
            v.add("/metadata", ViolationCode.TOO_MANY, "holds at most " + MAX_METADATA_KEYS + " keys");
        }
    }

    private static void constraints(Object request, Violations v) {
        for (ConstraintViolation<Object> cv : Factory.VALIDATOR.validate(request)) {
            Class<? extends Annotation> type = cv.getConstraintDescriptor().getAnnotation().annotationType();
            ViolationCode code = CODES.get(type);
            if (code == null) {
                throw new IllegalStateException("no violation code for constraint " + type.getName());
            }
            v.add(pointer(cv.getPropertyPath()), code, cv.getMessage());
        }
    }

    /** Turns a Hibernate Validator path into a JSON Pointer: property names, map keys and list indexes. */
    static String pointer(Path path) {
        List<Object> tokens = new ArrayList<>();
        for (Path.Node node : path) {
            if (node.isInIterable()) {
                if (node.getKey() != null) {
                    tokens.add(node.getKey());
                } else if (node.getIndex() != null) {
                    tokens.add(node.getIndex());
                }
            }
            if (node.getName() != null && !node.getName().startsWith("<")
                    && (node.getKind() == jakarta.validation.ElementKind.PROPERTY)) {
                tokens.add(node.getName());
            }
        }
        return Violation.pointerOf(tokens.toArray());
    }

    /** Collects violations, one per pointer and code. */
    private static final class Violations {
        private final Set<String> seen = new HashSet<>();
        private final Set<Violation> all = new TreeSet<>();

        void add(String pointer, ViolationCode code, String message) {
            if (seen.add(pointer + '\u0000' + code)) {
                all.add(new Violation(pointer, code, message));
            }
        }

        List<Violation> sorted() {
            return List.copyOf(all);
        }
    }

    /** The one validator factory: building it is costly, using it is thread-safe. */
    private static final class Factory {
        static final Validator VALIDATOR;

        static {
            ValidatorFactory factory = Validation.byProvider(HibernateValidator.class)
                    .configure()
                    .ignoreXmlConfiguration() // an application's META-INF/validation.xml is not ours
                    .messageInterpolator(new ParameterMessageInterpolator())
                    .addValueExtractor(new FieldPatchValueExtractor())
                    .buildValidatorFactory();
            VALIDATOR = factory.getValidator();
        }
    }
}
