package dev.tasks.api;

/** The actor lacks the scope an operation needs; nothing was read or written. HTTP 403. */
public final class ForbiddenException extends TaskException {
    private static final long serialVersionUID = 1L;

    private final Scope missing;

    /**
     * Names the missing scope.
     *
     * @param missing the scope the operation needs
     */
    public ForbiddenException(Scope missing) {
        super(ErrorCode.FORBIDDEN, "this operation needs the scope " + missing.wireName(), null);
        this.missing = missing;
    }

    /**
     * The scope the operation needs.
     *
     * @return the scope
     */
    public Scope missingScope() {
        return missing;
    }
}
