package dev.tasks.api;

import dev.tasks.core.Text;
import dev.tasks.api.RelatedEntities.EntityState;
import dev.tasks.core.NewTask;
import dev.tasks.core.RelationshipCatalog;
import dev.tasks.core.RelationshipDefinition;
import dev.tasks.core.RelationshipPatch;
import dev.tasks.core.SortPosition;
import dev.tasks.core.Task;
import dev.tasks.core.TaskDefinitions;
import dev.tasks.core.TaskFilter;
import dev.tasks.core.TaskId;
import dev.tasks.core.TaskIdGenerator;
import dev.tasks.core.TaskPatch;
import dev.tasks.core.TaskQuery;
import dev.tasks.core.TaskRules;
import dev.tasks.core.TaskStatus;
import dev.tasks.core.TenantId;
import dev.tasks.core.store.DuplicateExternalIdException;
import dev.tasks.core.store.DuplicateIdempotencyKeyException;
import dev.tasks.core.store.DuplicateTaskIdException;
import dev.tasks.core.store.IdempotencyOperation;
import dev.tasks.core.store.IdempotencyRecord;
import dev.tasks.core.store.PageRequest;
import dev.tasks.core.store.TaskStore;
import dev.tasks.core.validation.RequestValidator;
import dev.tasks.core.validation.SupportedInstantValidator;
import dev.tasks.core.validation.Violation;
import dev.tasks.core.validation.ViolationCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** The one implementation of {@link TaskService}: rules from task-core, storage through the SPI. */
final class DefaultTaskService implements TaskService {

    /** A fresh id collides only by chance; a few tries make a failure astronomically unlikely. */
    private static final int ID_ATTEMPTS = 5;

    /** Optimistic retries of a write without an expected version before giving up under contention. */
    private static final int WRITE_ATTEMPTS = 100;

    private static final int MAX_KEY_LENGTH = 255;

    private final TaskStore store;
    private final Clock clock;
    private final TaskIdGenerator ids;
    private final RequestValidator validator;
    private final RelatedEntities relatedEntities;
    private final Duration idempotencyTtl;
    private final CursorCodec cursors;
    private final TaskDefinitions definitions;

    DefaultTaskService(TaskStore store, Clock clock, TaskIdGenerator ids, List<RelationshipDefinition> custom,
                       RelatedEntities relatedEntities, Duration idempotencyTtl, byte[] cursorSecret) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
        RelationshipCatalog catalog = RelationshipCatalog.withCustom(custom);
        this.validator = new RequestValidator(catalog);
        this.relatedEntities = relatedEntities;
        this.idempotencyTtl = idempotencyTtl;
        this.cursors = new CursorCodec(cursorSecret);
        this.definitions = TaskDefinitions.of(catalog);
    }

    // ---- create ----

    @Override
    public Task create(Actor actor, NewTask task) {
        return create(actor, task, Optional.empty()).task();
    }

    @Override
    public Written create(Actor actor, NewTask task, String idempotencyKey) {
        return create(actor, task, Optional.ofNullable(idempotencyKey));
    }

    private Written create(Actor actor, NewTask request, Optional<String> key) {
        require(actor, Scope.CREATE);
        if (request == null) {
            throw invalid("", ViolationCode.REQUIRED, "a task is required");
        }
        List<Violation> violations = new ArrayList<>(validator.validate(request));
        key.ifPresent(k -> violations.addAll(keyViolations(k)));
        throwIfAny(violations);
        TenantId tenant = actor.tenantId();
        Optional<String> fingerprint = key.map(k -> Canonical.hex(Canonical.createFingerprint(actor.principal(), request)));
        if (key.isPresent()) {
            Optional<Written> replay = replay(tenant, IdempotencyOperation.CREATE, key.get(), fingerprint.get());
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        throwIfAny(createTargetViolations(tenant, request));
        for (int attempt = 1; ; attempt++) {
            Instant now = now();
            Task task = TaskRules.create(request, ids.next(), tenant, actor.principal(), now);
            throwIfAny(validator.validateResult(task));
            Optional<IdempotencyRecord> record = key.map(k -> record(tenant, IdempotencyOperation.CREATE, k, fingerprint.get(), task.id(), now));
            try {
                store.insert(task, record);
                return new Written(task, false);
            } catch (DuplicateTaskIdException e) {
                if (attempt >= ID_ATTEMPTS) {
                    throw new StorageFailureException(e);
                }
            } catch (DuplicateExternalIdException e) {
                throw new ExternalIdConflictException();
            } catch (DuplicateIdempotencyKeyException e) {
                // A concurrent request with the same key won: answer as its retry would be answered.
                Optional<Written> replay = replay(tenant, IdempotencyOperation.CREATE, key.orElseThrow(), fingerprint.get());
                if (replay.isPresent()) {
                    return replay.get();
                }
                if (attempt >= ID_ATTEMPTS) {
                    throw new StorageFailureException(e);
                }
            } catch (RuntimeException e) {
                throw new StorageFailureException(e);
            }
        }
    }

    @Override
    public BulkCreateResult createAll(Actor actor, List<NewTask> requests) {
        require(actor, Scope.CREATE);
        if (requests == null) {
            throw invalid("", ViolationCode.REQUIRED, "a list of tasks is required");
        }
        if (requests.size() > MAX_BULK) {
            throw invalid("", ViolationCode.TOO_MANY, "at most " + MAX_BULK + " tasks per call, not " + requests.size());
        }
        TenantId tenant = actor.tenantId();
        Instant now = now();
        BulkCreateResult.Outcome[] outcomes = new BulkCreateResult.Outcome[requests.size()];
        List<Integer> accepted = new ArrayList<>();
        List<Task> tasks = new ArrayList<>();
        Set<String> externalIds = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            NewTask request = requests.get(i);
            if (request == null) {
                outcomes[i] = new BulkCreateResult.Refused(invalid("", ViolationCode.REQUIRED, "a task is required"));
                continue;
            }
            List<Violation> violations = new ArrayList<>(validator.validate(request));
            if (violations.isEmpty()) {
                violations.addAll(createTargetViolations(tenant, request));
            }
            Task task = null;
            if (violations.isEmpty()) {
                task = TaskRules.create(request, ids.next(), tenant, actor.principal(), now);
                violations.addAll(validator.validateResult(task));
            }
            if (!violations.isEmpty()) {
                outcomes[i] = new BulkCreateResult.Refused(validationFailure(violations));
            } else if (task.externalId().isPresent() && (!externalIds.add(task.externalId().get())
                    || externalIdTaken(tenant, task.externalId().get()))) {
                outcomes[i] = new BulkCreateResult.Refused(new ExternalIdConflictException());
            } else {
                accepted.add(i);
                tasks.add(task);
            }
        }
        List<Task> written = insertAll(tasks);
        for (int k = 0; k < accepted.size(); k++) {
            Task task = written.get(k);
            outcomes[accepted.get(k)] = task == null
                    ? new BulkCreateResult.Refused(new ExternalIdConflictException())
                    : new BulkCreateResult.Created(task);
        }
        return new BulkCreateResult(List.of(outcomes));
    }

    private boolean externalIdTaken(TenantId tenant, String externalId) {
        return storeCall(() -> store.findByExternalId(tenant, externalId)).isPresent();
    }

    /**
     * Writes the tasks in one transaction; new ids if one was taken. If an external id was taken in the
     * meantime (a concurrent write), falls back to one insert each, so that only that task is refused.
     *
     * @return the tasks as written, in order; null where the external id turned out to be taken
     */
    private List<Task> insertAll(List<Task> tasks) {
        List<Task> batch = tasks;
        for (int attempt = 1; ; attempt++) {
            try {
                store.insertAll(batch);
                return batch;
            } catch (DuplicateTaskIdException e) {
                if (attempt >= ID_ATTEMPTS) {
                    throw new StorageFailureException(e);
                }
                batch = batch.stream().map(t -> t.toBuilder().id(ids.next()).build()).toList();
            } catch (DuplicateExternalIdException e) {
                return insertOneByOne(batch);
            } catch (RuntimeException e) {
                throw new StorageFailureException(e);
            }
        }
    }

    private List<Task> insertOneByOne(List<Task> tasks) {
        List<Task> written = new ArrayList<>();
        for (Task task : tasks) {
            Task current = task;
            for (int attempt = 1; ; attempt++) {
                try {
                    store.insert(current, Optional.empty());
                    written.add(current);
                    break;
                } catch (DuplicateTaskIdException e) {
                    if (attempt >= ID_ATTEMPTS) {
                        throw new StorageFailureException(e);
                    }
                    current = current.toBuilder().id(ids.next()).build();
                } catch (DuplicateExternalIdException e) {
                    written.add(null);
                    break;
                } catch (RuntimeException e) {
                    throw new StorageFailureException(e);
                }
            }
        }
        return written;
    }

    // ---- reads ----

    @Override
    public Task get(Actor actor, TaskId id) {
        return find(actor, id).orElseThrow(() -> new TaskNotFoundException(id.value()));
    }

    @Override
    public Optional<Task> find(Actor actor, TaskId id) {
        require(actor, Scope.READ);
        requireId(id);
        return storeCall(() -> store.get(actor.tenantId(), id));
    }

    @Override
    public Optional<Task> findByExternalId(Actor actor, String externalId) {
        require(actor, Scope.READ);
        if (externalId == null) {
            throw invalid("/externalId", ViolationCode.REQUIRED, "an external id is required");
        }
        throwIfAny(validator.validate(TaskFilter.builder().externalId(externalId).build()));
        return storeCall(() -> store.findByExternalId(actor.tenantId(), externalId));
    }

    @Override
    public TaskPage list(Actor actor, TaskQuery query) {
        require(actor, Scope.READ);
        if (query == null) {
            throw invalid("", ViolationCode.REQUIRED, "a query is required");
        }
        throwIfAny(validator.validate(query));
        byte[] binding = Canonical.queryBinding(actor.tenantId(), query.filter(), query.sort());
        Optional<SortPosition> after = Optional.empty();
        if (query.cursor().isPresent()) {
            after = cursors.decode(query.cursor().get(), binding);
            if (after.isEmpty()) {
                throw invalid("/cursor", ViolationCode.INVALID_CURSOR,
                        "is not a cursor this service handed out for this tenant, filter and sort");
            }
        }
        PageRequest request = new PageRequest(query.filter(), query.sort(), after, query.offset(), query.limit() + 1);
        List<Task> found = storeCall(() -> store.find(actor.tenantId(), request));
        if (found.size() <= query.limit()) {
            return new TaskPage(found, Optional.empty());
        }
        List<Task> page = found.subList(0, query.limit());
        Task last = page.get(page.size() - 1);
        return new TaskPage(page, Optional.of(cursors.encode(SortPosition.of(last, query.sort()), binding)));
    }

    @Override
    public long count(Actor actor, TaskFilter filter) {
        require(actor, Scope.READ);
        if (filter == null) {
            throw invalid("", ViolationCode.REQUIRED, "a filter is required");
        }
        throwIfAny(validator.validate(filter));
        return storeCall(() -> store.count(actor.tenantId(), filter));
    }

    @Override
    public TaskDefinitions definitions() {
        return definitions;
    }

    // ---- changes ----

    @Override
    public Task update(Actor actor, TaskId id, TaskPatch patch) {
        return update(actor, id, patch, WriteOptions.NONE).task();
    }

    @Override
    public Written update(Actor actor, TaskId id, TaskPatch patch, WriteOptions options) {
        require(actor, Scope.UPDATE);
        requireId(id);
        if (patch == null) {
            throw invalid("", ViolationCode.REQUIRED, "a patch is required");
        }
        WriteOptions opts = options == null ? WriteOptions.NONE : options;
        List<Violation> violations = new ArrayList<>(validator.validate(patch));
        opts.idempotencyKey().ifPresent(k -> violations.addAll(keyViolations(k)));
        violations.addAll(versionViolations(opts.expectedVersion()));
        throwIfAny(violations);
        TenantId tenant = actor.tenantId();
        Optional<String> key = opts.idempotencyKey();
        Optional<String> fingerprint = key.map(k -> Canonical.hex(Canonical.updateFingerprint(actor.principal(), id, patch, opts.expectedVersion())));
        if (key.isPresent()) {
            Optional<Written> replay = replay(tenant, IdempotencyOperation.UPDATE, key.get(), fingerprint.get());
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        try {
            return change(tenant, id, opts.expectedVersion(), key, fingerprint, current -> {
                if (current.isTrashed()) {
                    throw new TaskTrashedException(current.id());
                }
                Task next = TaskRules.apply(current, patch, now());
                throwIfAny(validator.validateResult(next));
                throwIfAny(patchTargetViolations(tenant, current, patch));
                return next;
            });
        } catch (VersionConflictException e) {
            // The version may have moved because this same request, sent twice at once, won elsewhere:
            // then this one is its replay, not a conflict.
            if (key.isPresent()) {
                Optional<Written> replay = replay(tenant, IdempotencyOperation.UPDATE, key.get(), fingerprint.orElseThrow());
                if (replay.isPresent()) {
                    return replay.get();
                }
            }
            throw e;
        }
    }

    @Override
    public Task changeStatus(Actor actor, TaskId id, TaskStatus status) {
        return changeStatus(actor, id, status, OptionalLong.empty());
    }

    @Override
    public Task changeStatus(Actor actor, TaskId id, TaskStatus status, long expectedVersion) {
        return changeStatus(actor, id, status, OptionalLong.of(expectedVersion));
    }

    private Task changeStatus(Actor actor, TaskId id, TaskStatus status, OptionalLong expectedVersion) {
        require(actor, Scope.UPDATE);
        requireId(id);
        List<Violation> violations = new ArrayList<>(versionViolations(expectedVersion));
        if (status == null) {
            violations.add(new Violation("/status", ViolationCode.REQUIRED, "a status is required"));
        }
        throwIfAny(violations);
        return change(actor.tenantId(), id, expectedVersion, Optional.empty(), Optional.empty(), current -> {
            if (current.isTrashed()) {
                throw new TaskTrashedException(current.id());
            }
            return TaskRules.changeStatus(current, status, now());
        }).task();
    }

    @Override
    public Task trash(Actor actor, TaskId id) {
        return trashOrRestore(actor, id, OptionalLong.empty(), true);
    }

    @Override
    public Task trash(Actor actor, TaskId id, long expectedVersion) {
        return trashOrRestore(actor, id, OptionalLong.of(expectedVersion), true);
    }

    @Override
    public Task restore(Actor actor, TaskId id) {
        return trashOrRestore(actor, id, OptionalLong.empty(), false);
    }

    @Override
    public Task restore(Actor actor, TaskId id, long expectedVersion) {
        return trashOrRestore(actor, id, OptionalLong.of(expectedVersion), false);
    }

    private Task trashOrRestore(Actor actor, TaskId id, OptionalLong expectedVersion, boolean trash) {
        require(actor, Scope.DELETE);
        requireId(id);
        throwIfAny(versionViolations(expectedVersion));
        return change(actor.tenantId(), id, expectedVersion, Optional.empty(), Optional.empty(),
                current -> trash ? TaskRules.trash(current, now()) : TaskRules.restore(current, now())).task();
    }

    @Override
    public void delete(Actor actor, TaskId id) {
        delete(actor, id, OptionalLong.empty());
    }

    @Override
    public void delete(Actor actor, TaskId id, long expectedVersion) {
        delete(actor, id, OptionalLong.of(expectedVersion));
    }

    private void delete(Actor actor, TaskId id, OptionalLong expectedVersion) {
        require(actor, Scope.DELETE);
        requireId(id);
        throwIfAny(versionViolations(expectedVersion));
        TenantId tenant = actor.tenantId();
        for (int attempt = 1; ; attempt++) {
            Task current = load(tenant, id);
            checkVersion(current, expectedVersion);
            if (storeCall(() -> store.delete(tenant, id, current.version()))) {
                return;
            }
            if (expectedVersion.isPresent() || attempt >= WRITE_ATTEMPTS) {
                throw conflictAfterLostRace(tenant, id, expectedVersion.orElse(current.version()));
            }
        }
    }

    @Override
    public int purgeExpiredIdempotencyKeys() {
        return storeCall(() -> store.purgeExpiredIdempotencyRecords(now()));
    }

    // ---- the write loop ----

    /**
     * Reads the task, computes the change and stores it by compare-and-set. Without an expected
     * version a lost race is retried on the newer state; with one, it is a conflict.
     */
    private Written change(TenantId tenant, TaskId id, OptionalLong expectedVersion, Optional<String> key,
                           Optional<String> fingerprint, UnaryOperator<Task> change) {
        for (int attempt = 1; ; attempt++) {
            Task current = load(tenant, id);
            checkVersion(current, expectedVersion);
            Task next = change.apply(current);
            if (next == current) {
                // Nothing to write, but the key is still held for this request.
                if (key.isPresent()) {
                    Optional<Written> replay = holdKey(record(tenant, IdempotencyOperation.UPDATE, key.get(),
                            fingerprint.orElseThrow(), id, now()));
                    if (replay.isPresent()) {
                        return replay.get();
                    }
                }
                return new Written(current, false);
            }
            Optional<IdempotencyRecord> record =
                    key.map(k -> record(tenant, IdempotencyOperation.UPDATE, k, fingerprint.orElseThrow(), id, next.updatedAt()));
            try {
                if (store.update(current, next, record)) {
                    return new Written(next, false);
                }
            } catch (DuplicateExternalIdException e) {
                throw new ExternalIdConflictException();
            } catch (DuplicateIdempotencyKeyException e) {
                Optional<Written> replay = replay(tenant, IdempotencyOperation.UPDATE, key.orElseThrow(), fingerprint.orElseThrow());
                if (replay.isPresent()) {
                    return replay.get();
                }
            } catch (RuntimeException e) {
                throw new StorageFailureException(e);
            }
            // Lost the race. If the winner was this same request (a concurrent retry), answer as its replay.
            if (key.isPresent()) {
                Optional<Written> replay = replay(tenant, IdempotencyOperation.UPDATE, key.get(), fingerprint.orElseThrow());
                if (replay.isPresent()) {
                    return replay.get();
                }
            }
            if (expectedVersion.isPresent() || attempt >= WRITE_ATTEMPTS) {
                throw conflictAfterLostRace(tenant, id, expectedVersion.orElse(current.version()));
            }
        }
    }

    private TaskException conflictAfterLostRace(TenantId tenant, TaskId id, long expected) {
        Optional<Task> now = storeCall(() -> store.get(tenant, id));
        return now.<TaskException>map(t -> new VersionConflictException(id, expected, t.version()))
                .orElseGet(() -> new TaskNotFoundException(id.value()));
    }

    private Task load(TenantId tenant, TaskId id) {
        return storeCall(() -> store.get(tenant, id)).orElseThrow(() -> new TaskNotFoundException(id.value()));
    }

    private static void checkVersion(Task current, OptionalLong expectedVersion) {
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() != current.version()) {
            throw new VersionConflictException(current.id(), expectedVersion.getAsLong(), current.version());
        }
    }

    // ---- idempotency ----

    private Optional<Written> replay(TenantId tenant, IdempotencyOperation operation, String key, String fingerprint) {
        Optional<IdempotencyRecord> record = storeCall(() -> store.findIdempotencyRecord(tenant, operation, key));
        if (record.isEmpty() || record.get().isExpired(now())) {
            return Optional.empty();
        }
        if (!record.get().fingerprint().equals(fingerprint)) {
            throw new IdempotencyKeyReusedException();
        }
        TaskId taskId = record.get().taskId();
        Task task = storeCall(() -> store.get(tenant, taskId)).orElseThrow(() -> new TaskNotFoundException(taskId.value()));
        return Optional.of(new Written(task, true));
    }

    /** Stores a record alone; if a concurrent request took the key, answers as its retry. */
    private Optional<Written> holdKey(IdempotencyRecord record) {
        try {
            store.putIdempotencyRecord(record);
            return Optional.empty();
        } catch (DuplicateIdempotencyKeyException e) {
            return replay(record.tenantId(), record.operation(), record.key(), record.fingerprint());
        } catch (RuntimeException e) {
            throw new StorageFailureException(e);
        }
    }

    private IdempotencyRecord record(TenantId tenant, IdempotencyOperation operation, String key, String fingerprint,
                                     TaskId taskId, Instant now) {
        Instant expiresAt = now.isAfter(SupportedInstantValidator.MAX.minus(idempotencyTtl))
                ? SupportedInstantValidator.MAX : TaskRules.millis(now.plus(idempotencyTtl));
        return new IdempotencyRecord(tenant, operation, key, fingerprint, taskId, now, expiresAt);
    }

    private static List<Violation> keyViolations(String key) {
        String pointer = "/idempotencyKey";
        if (key.isBlank()) {
            return List.of(new Violation(pointer, ViolationCode.BLANK, "must not be blank"));
        }
        List<Violation> v = new ArrayList<>();
        if (key.length() > MAX_KEY_LENGTH) {
            v.add(new Violation(pointer, ViolationCode.TOO_LONG, "must be at most 255 characters"));
        }
        if (!key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            v.add(new Violation(pointer, ViolationCode.INVALID_CHARACTERS, "must be printable ASCII"));
        }
        return v;
    }

    // ---- related entities ----

    private List<Violation> createTargetViolations(TenantId tenant, NewTask request) {
        List<Violation> v = new ArrayList<>();
        request.relationships().forEach((name, ids) -> {
            RelationshipDefinition def = validator.catalog().find(name).orElseThrow();
            for (int i = 0; i < ids.size(); i++) {
                checkTarget(tenant, def, ids.get(i), Violation.pointerOf("relationships", name, i), v);
            }
        });
        return v;
    }

    private List<Violation> patchTargetViolations(TenantId tenant, Task current, TaskPatch patch) {
        List<Violation> v = new ArrayList<>();
        patch.relationships().forEach((name, change) -> {
            RelationshipDefinition def = validator.catalog().find(name).orElseThrow();
            List<String> held = current.relationship(name);
            checkAdded(tenant, def, held, change.replace().orElse(List.of()), name, "replace", v);
            checkAdded(tenant, def, held, change.add(), name, "add", v);
        });
        return v;
    }

    private void checkAdded(TenantId tenant, RelationshipDefinition def, List<String> held, List<String> ids,
                            String name, String part, List<Violation> v) {
        for (int i = 0; i < ids.size(); i++) {
            if (!held.contains(ids.get(i))) {
                checkTarget(tenant, def, ids.get(i), Violation.pointerOf("relationships", name, part, i), v);
            }
        }
    }

    private void checkTarget(TenantId tenant, RelationshipDefinition def, String id, String pointer, List<Violation> v) {
        EntityState state = relatedEntities.state(tenant, def, id);
        if (state == EntityState.MISSING || state == null) {
            v.add(new Violation(pointer, ViolationCode.RELATIONSHIP_ENTITY_MISSING, "no " + def.objectType() + " " + Text.quoted(id) + " exists"));
        } else if (state == EntityState.INACTIVE) {
            v.add(new Violation(pointer, ViolationCode.RELATIONSHIP_ENTITY_INACTIVE, def.objectType() + " " + Text.quoted(id) + " is not active"));
        }
    }

    // ---- helpers ----

    private Instant now() {
        return TaskRules.millis(clock.instant());
    }

    private static void require(Actor actor, Scope scope) {
        Objects.requireNonNull(actor, "actor");
        if (!actor.has(scope)) {
            throw new ForbiddenException(scope);
        }
    }

    private static void requireId(TaskId id) {
        if (id == null) {
            throw invalid("/id", ViolationCode.REQUIRED, "a task id is required");
        }
    }

    private static List<Violation> versionViolations(OptionalLong expectedVersion) {
        if (expectedVersion.isPresent() && expectedVersion.getAsLong() < 1) {
            return List.of(new Violation("/expectedVersion", ViolationCode.OUT_OF_RANGE, "must be at least 1"));
        }
        return List.of();
    }

    private static TaskValidationException invalid(String pointer, ViolationCode code, String message) {
        return new TaskValidationException(List.of(new Violation(pointer, code, message)));
    }

    private static void throwIfAny(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw validationFailure(violations);
        }
    }

    /** The failure for violations, sorted so that the same request always reads the same. */
    private static TaskValidationException validationFailure(List<Violation> violations) {
        List<Violation> sorted = new ArrayList<>(violations);
        Collections.sort(sorted);
        return new TaskValidationException(sorted);
    }

    private static <T> T storeCall(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw new StorageFailureException(e);
        }
    }
}
