package dev.tasks.api;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Options of an update: the version the caller expects the task to have (optimistic concurrency)
 * and an idempotency key.
 *
 * <pre>{@code
 * service.update(actor, id, patch, WriteOptions.expectVersion(3).withIdempotencyKey("req-42"));
 * }</pre>
 *
 * @param expectedVersion the version the task must have, if the caller checks it
 * @param idempotencyKey the request's idempotency key, if any: 1 to 255 printable ASCII characters
 */
public record WriteOptions(OptionalLong expectedVersion, Optional<String> idempotencyKey) {

    /** No expected version, no key. */
    public static final WriteOptions NONE = new WriteOptions(OptionalLong.empty(), Optional.empty());

    /**
     * Refuses nulls.
     *
     * @param expectedVersion the version the task must have, if the caller checks it
     * @param idempotencyKey the request's idempotency key, if any: 1 to 255 printable ASCII characters
     */
    public WriteOptions {
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }

    /**
     * Expects a version.
     *
     * @param version the version the task must have
     * @return the options
     */
    public static WriteOptions expectVersion(long version) {
        return NONE.withExpectedVersion(version);
    }

    /**
     * Uses an idempotency key.
     *
     * @param key the key
     * @return the options
     */
    public static WriteOptions idempotencyKey(String key) {
        return NONE.withIdempotencyKey(key);
    }

    /**
     * These options, expecting a version.
     *
     * @param version the version the task must have
     * @return new options
     */
    public WriteOptions withExpectedVersion(long version) {
        return new WriteOptions(OptionalLong.of(version), idempotencyKey);
    }

    /**
     * These options, with an idempotency key.
     *
     * @param key the key; null for none
     * @return new options
     */
    public WriteOptions withIdempotencyKey(String key) {
        return new WriteOptions(expectedVersion, Optional.ofNullable(key));
    }
}
