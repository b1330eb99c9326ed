package dev.tasks.core;

import java.util.Objects;

/**
 * The tenant a task belongs to: an opaque, non-blank string chosen by the embedding application
 * (an organization, an account, a site group). Every read and write happens inside one tenant;
 * a task of another tenant does not exist for the caller.
 *
 * @param value the tenant's identifier, 1 to 255 characters, not blank, without control characters
 */
public record TenantId(String value) {

    /** The longest tenant id accepted. */
    public static final int MAX_LENGTH = 255;

    /**
     * Checks the value.
     *
     * @param value the tenant's identifier, 1 to 255 characters, not blank, without control characters
     * @throws IllegalArgumentException if the value is blank, too long or holds control characters or malformed Unicode
     */
    public TenantId {
        Objects.requireNonNull(value, "value");
        if (Text.isBlank(value) || Text.length(value) > MAX_LENGTH) {
            throw new IllegalArgumentException("a tenant id is 1 to 255 characters and not blank");
        }
        if (!Text.isWellFormed(value) || Text.hasControlCharacter(value)) {
            throw new IllegalArgumentException("a tenant id holds no control characters and only valid Unicode");
        }
    }

    /**
     * Shorthand for the constructor.
     *
     * @param value the tenant's identifier
     * @return the tenant id
     */
    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
