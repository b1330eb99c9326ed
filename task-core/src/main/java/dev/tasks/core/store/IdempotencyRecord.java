package dev.tasks.core.store;

import dev.tasks.core.TaskId;
import dev.tasks.core.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * What a store keeps of a request made with an idempotency key, written in the same transaction as
 * the task it produced.
 *
 * @param tenantId the tenant the key belongs to
 * @param operation the operation the key belongs to
 * @param key the caller's key, 1 to 255 printable ASCII characters
 * @param fingerprint a digest of the request, to tell a retry from a different request
 * @param taskId the task the request produced or changed
 * @param createdAt when the request succeeded (millisecond precision, as every instant a store keeps)
 * @param expiresAt when the key may be used again for another request
 */
public record IdempotencyRecord(
        TenantId tenantId,
        IdempotencyOperation operation,
        String key,
        String fingerprint,
        TaskId taskId,
        Instant createdAt,
        Instant expiresAt) {

    /**
     * Refuses nulls and an expiry before creation.
     *
     * @param tenantId the tenant the key belongs to
     * @param operation the operation the key belongs to
     * @param key the caller's key, 1 to 255 printable ASCII characters
     * @param fingerprint a digest of the request, to tell a retry from a different request
     * @param taskId the task the request produced or changed
     * @param createdAt when the request succeeded (millisecond precision, as every instant a store keeps)
     * @param expiresAt when the key may be used again for another request
     */
    public IdempotencyRecord {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (createdAt.getNano() % 1_000_000 != 0 || expiresAt.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException("idempotency record instants must be truncated to milliseconds");
        }
        if (expiresAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("expiresAt is before createdAt");
        }
    }

    /**
     * Tells whether the key has expired.
     *
     * @param now the current time
     * @return true if {@code now} is at or after {@link #expiresAt()}
     */
    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
