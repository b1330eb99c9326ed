package dev.tasks.json.lightfield;

import dev.tasks.api.TaskException;
import dev.tasks.core.validation.Violation;
import dev.tasks.core.validation.ViolationCode;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Translates the task service's exceptions into Lightfield errors (the table is on
 * {@link LightfieldError#from(TaskException)}).
 */
final class TaskErrors {

    /** How many violations a message lists; the rest are counted. */
    private static final int LISTED = 5;

    /** Where each param stands in a request, for "the first problem in body order". */
    private static final List<String> ORDER = List.of(Params.IDEMPOTENCY_KEY_HEADER,
            "fields.$title", "fields.$status", "fields.$description", "fields.$dueAt");

    private static final Comparator<Violation> BODY_ORDER = Comparator
            .comparingInt((Violation v) -> rank(Params.ofDomain(v.pointer())))
            .thenComparing(Violation::pointer)
            .thenComparing(Violation::code);

    private TaskErrors() {
    }

    static LightfieldError translate(TaskException e) {
        return switch (e.code()) {
            case VALIDATION_FAILED -> validation(e.violations());
            case FORBIDDEN -> LightfieldError.of(403, e.code().code(), e.getMessage(), null);
            case NOT_FOUND -> LightfieldError.of(404, e.code().code(), e.getMessage(), null);
            case VERSION_CONFLICT, TASK_TRASHED -> LightfieldError.of(409, e.code().code(), e.getMessage(), null);
            case EXTERNAL_ID_CONFLICT -> LightfieldError.of(409, e.code().code(), e.getMessage(), "externalId");
            // The library answers 422 (the IETF draft's advice); Lightfield groups key clashes under 409.
            case IDEMPOTENCY_KEY_REUSED -> LightfieldError.of(409, e.code().code(), e.getMessage(),
                    Params.IDEMPOTENCY_KEY_HEADER);
            case STORAGE_FAILURE -> LightfieldError.of(503, e.code().code(), e.getMessage(), null);
        };
    }

    private static LightfieldError validation(List<Violation> violations) {
        if (violations.isEmpty()) {
            // Cannot happen for the library's exceptions; answered rather than thrown all the same.
            return LightfieldError.of(422, "validation_failed", "the request is invalid", null);
        }
        List<Violation> badRequest = violations.stream().filter(v -> status(v) == 400).sorted(BODY_ORDER).toList();
        List<Violation> reported = badRequest.isEmpty()
                ? violations.stream().sorted(BODY_ORDER).toList()
                : badRequest;
        Violation first = reported.get(0);
        return LightfieldError.of(status(first), code(first), message(reported), Params.shown(Params.ofDomain(first.pointer())));
    }

    /** 400 for what Lightfield lists among its 400 codes, 422 for the rest. */
    private static int status(Violation v) {
        if (isIdempotencyKey(v)) {
            return 400;
        }
        return switch (v.code()) {
            case UNKNOWN_RELATIONSHIP, RELATIONSHIP_ENTITY_MISSING, RELATIONSHIP_ENTITY_INACTIVE -> 400;
            default -> 422;
        };
    }

    private static String code(Violation v) {
        if (isIdempotencyKey(v)) {
            return v.code() == ViolationCode.TOO_LONG ? "idempotency_key_too_long" : "idempotency_key_invalid";
        }
        return v.code().code();
    }

    private static boolean isIdempotencyKey(Violation v) {
        return v.pointer().equals("/idempotencyKey");
    }

    /** {@code fields.$title: must not be blank; fields.$dueAt: ... (and 2 more)}. */
    private static String message(List<Violation> violations) {
        String listed = violations.stream().limit(LISTED).map(TaskErrors::describe).collect(Collectors.joining("; "));
        return violations.size() > LISTED ? listed + " (and " + (violations.size() - LISTED) + " more)" : listed;
    }

    private static String describe(Violation v) {
        String param = Params.shown(Params.ofDomain(v.pointer()));
        return param == null ? v.message() : param + ": " + v.message();
    }

    private static int rank(String param) {
        if (param == null) {
            return -1;
        }
        int index = ORDER.indexOf(param);
        if (index >= 0) {
            return index;
        }
        return param.startsWith("relationships") ? ORDER.size() : ORDER.size() + 1;
    }
}
