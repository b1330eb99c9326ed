package dev.tasks.api;

import dev.tasks.core.validation.Violation;
import java.util.List;
import java.util.stream.Collectors;

/** The request breaks one or more rules; nothing was written. HTTP 422. */
public final class TaskValidationException extends TaskException {
    private static final long serialVersionUID = 1L;

    private final List<Violation> violations;

    /**
     * Reports violations.
     *
     * @param violations at least one violation
     */
    public TaskValidationException(List<Violation> violations) {
        super(ErrorCode.VALIDATION_FAILED, message(violations), null);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs a violation");
        }
        this.violations = List.copyOf(violations);
    }

    private static String message(List<Violation> violations) {
        return "invalid request: " + violations.stream().limit(5).map(Violation::toString).collect(Collectors.joining("; "))
                + (violations.size() > 5 ? "; and " + (violations.size() - 5) + " more" : "");
    }

    @Override
    public List<Violation> violations() {
        return violations;
    }
}
