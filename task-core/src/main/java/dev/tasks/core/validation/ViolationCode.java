package dev.tasks.core.validation;

/** The stable code of a {@link Violation}: clients may branch on it; messages may change. */
public enum ViolationCode {
    /** A value is required and missing, or a field that cannot be cleared was cleared. */
    REQUIRED("required"),
    /** A text is empty or only white space. */
    BLANK("blank"),
    /** A text is longer than allowed. */
    TOO_LONG("too_long"),
    /** A collection holds more entries than allowed. */
    TOO_MANY("too_many"),
    /** A value does not have the required shape (an id, a key, a slug). */
    INVALID_FORMAT("invalid_format"),
    /** A text holds control characters, a NUL or a lone surrogate. */
    INVALID_CHARACTERS("invalid_characters"),
    /** A number or instant is outside the accepted range. */
    OUT_OF_RANGE("out_of_range"),
    /** A relationship name has no definition. */
    UNKNOWN_RELATIONSHIP("unknown_relationship"),
    /** A relationship that callers may not write (now) was written. */
    READ_ONLY("read_only"),
    /** A has-one relationship was given more than one id. */
    CARDINALITY("cardinality"),
    /** Two parts of a request exclude each other (a cursor and an offset; an id both added and removed). */
    CONFLICTING("conflicting"),
    /** A cursor is malformed, tampered with, or belongs to another tenant or query. */
    INVALID_CURSOR("invalid_cursor"),
    /** A related entity does not exist for the tenant (Lightfield's {@code relationship_entity_missing}). */
    RELATIONSHIP_ENTITY_MISSING("relationship_entity_missing"),
    /** A related entity exists but is not active (Lightfield's {@code relationship_entity_inactive}). */
    RELATIONSHIP_ENTITY_INACTIVE("relationship_entity_inactive");

    private final String code;

    ViolationCode(String code) {
        this.code = code;
    }

    /**
     * The code as it appears on the wire.
     *
     * @return the lowercase code, e.g. {@code too_long}
     */
    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return code;
    }
}
