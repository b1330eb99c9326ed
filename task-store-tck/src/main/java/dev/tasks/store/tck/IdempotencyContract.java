package dev.tasks.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasks.core.Task;
import dev.tasks.core.store.DuplicateIdempotencyKeyException;
import dev.tasks.core.store.IdempotencyOperation;
import dev.tasks.core.store.IdempotencyRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract of idempotency records: stored with their task in one transaction (or alone, for an
 * update that changed nothing), found by tenant, operation and key, expired or not; an unexpired key refuses the write and nothing is written; an
 * expired one is replaced; purge deletes exactly the expired ones.
 */
public abstract class IdempotencyContract extends StoreContractSupport {

    /** Made by subclasses. */
    protected IdempotencyContract() {
    }

    private static final Duration DAY = Duration.ofHours(24);

    /** An insert with a record stores both; the record reads back equal. */
    @Test
    void insertStoresTheRecordWithTheTask() {
        Task task = taskA().build();
        IdempotencyRecord rec = new IdempotencyRecord(TENANT_A, IdempotencyOperation.CREATE, "key-1",
                "sha256:0f1e2d\u00e9\uD83C\uDF89", task.id(), T0.plusMillis(1), T0.plus(DAY).plusMillis(999));
        store.insert(task, Optional.of(rec));
        assertStored(task);
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.CREATE, "key-1")).contains(rec);
    }

    /** Records are found by the exact key, per operation: the same key may exist for create and update. */
    @Test
    void recordsAreKeyedByOperationAndExactKey() {
        Task task = taskA().build();
        store.insert(task, Optional.of(createRecord("Key-1", task)));
        Task v2 = task.toBuilder().title("v2").version(2).build();
        IdempotencyRecord update = record(TENANT_A, IdempotencyOperation.UPDATE, "Key-1", task.id(), T0.plusSeconds(1), DAY);
        assertThat(store.update(v2, 1, Optional.of(update))).isTrue();
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.CREATE, "Key-1")).contains(createRecord("Key-1", task));
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.UPDATE, "Key-1")).contains(update);
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.CREATE, "key-1")).isEmpty();
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.CREATE, "Key-1 ")).isEmpty();
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.CREATE, "Key-")).isEmpty();
    }

    /** Keys of 255 printable ASCII characters, quotes, wildcards and backslashes included, round-trip. */
    @Test
    void keysOfEveryPrintableAsciiCharacterRoundTrip() {
        StringBuilder printable = new StringBuilder();
        for (char c = 0x20; c <= 0x7E; c++) {
            printable.append(c);
        }
        String key = (printable.toString() + printable + printable).substring(0, 255);
        Task task = taskA().build();
        IdempotencyRecord rec = createRecord(key, task);
        store.insert(task, Optional.of(rec));
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.CREATE, key)).contains(rec);
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.CREATE, "%")).isEmpty();
    }

    /** Looking up a key never stored finds nothing. */
    @Test
    void anUnknownKeyFindsNothing() {
        Task task = taskA().build();
        store.insert(task, Optional.of(createRecord("key-1", task)));
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.CREATE, "key-2")).isEmpty();
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.UPDATE, "key-1")).isEmpty();
    }

    /** An unexpired key refuses a second insert; the second task is not written and the first record stays. */
    @Test
    void anUnexpiredKeyRefusesAnInsertAndNothingIsWritten() {
        Task first = taskA().build();
        IdempotencyRecord firstRecord = record(TENANT_A, IdempotencyOperation.CREATE, "key-1", first.id(), T0, DAY);
        store.insert(first, Optional.of(firstRecord));
        Task second = taskA().externalId("ext-second").createdAt(T0.plus(DAY).minusMillis(1)).build();
        IdempotencyRecord secondRecord = record(TENANT_A, IdempotencyOperation.CREATE, "key-1", second.id(), second.createdAt(), DAY);
        assertThatThrownBy(() -> store.insert(second, Optional.of(secondRecord))).isInstanceOf(DuplicateIdempotencyKeyException.class);
        assertAbsent(TENANT_A, second.id());
        assertThat(store.findByExternalId(TENANT_A, "ext-second")).isEmpty();
        assertThat(store.count(TENANT_A, EVERYTHING)).isEqualTo(1);
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.CREATE, "key-1")).contains(firstRecord);
        // The refused task's id and external id are still free.
        insertOne(second);
        assertStored(second);
    }

    /** A key that has expired by the new record's creation (expiry at or before it) is replaced. */
    @Test
    void anExpiredKeyIsReplaced() {
        Task first = taskA().build();
        store.insert(first, Optional.of(record(TENANT_A, IdempotencyOperation.CREATE, "key-1", first.id(), T0, DAY)));
        Task second = taskA().createdAt(T0.plus(DAY)).build();
        IdempotencyRecord replacement = record(TENANT_A, IdempotencyOperation.CREATE, "key-1", second.id(), T0.plus(DAY), DAY);
        store.insert(second, Optional.of(replacement));
        assertStored(first);
        assertStored(second);
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.CREATE, "key-1")).contains(replacement);
    }

    /** A record that expires at its own creation (a zero time-to-live) is expired at once. */
    @Test
    void aRecordWithoutTimeToLiveIsExpiredAtOnce() {
        Task first = taskA().build();
        store.insert(first, Optional.of(record(TENANT_A, IdempotencyOperation.CREATE, "key-0", first.id(), T0, Duration.ZERO)));
        Task second = taskA().build();
        IdempotencyRecord replacement = record(TENANT_A, IdempotencyOperation.CREATE, "key-0", second.id(), T0, Duration.ZERO);
        store.insert(second, Optional.of(replacement));
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.CREATE, "key-0")).contains(replacement);
    }

    /** Records are found expired or not: a store does not hide expired ones. */
    @Test
    void expiredRecordsAreStillFound() {
        Task task = taskA().build();
        IdempotencyRecord rec = record(TENANT_A, IdempotencyOperation.CREATE, "key-1", task.id(), TaskGenerators.MIN_INSTANT, Duration.ofMillis(1));
        store.insert(task, Optional.of(rec));
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.CREATE, "key-1")).contains(rec);
    }

    /** An update with a record stores it with the new state; an unexpired key refuses the next update, changing nothing. */
    @Test
    void anUpdateStoresItsRecordAndAnUnexpiredKeyRefusesTheNext() {
        Task v1 = insertOne(taskA().build());
        Task v2 = v1.toBuilder().title("v2").version(2).updatedAt(T0.plusSeconds(1)).build();
        IdempotencyRecord first = record(TENANT_A, IdempotencyOperation.UPDATE, "upd-1", v1.id(), T0.plusSeconds(1), DAY);
        assertThat(store.update(v2, 1, Optional.of(first))).isTrue();
        assertStored(v2);
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.UPDATE, "upd-1")).contains(first);

        Task v3 = v2.toBuilder().title("v3").version(3).updatedAt(T0.plusSeconds(2)).build();
        IdempotencyRecord second = record(TENANT_A, IdempotencyOperation.UPDATE, "upd-1", v1.id(), T0.plusSeconds(2), DAY);
        assertThatThrownBy(() -> store.update(v3, 2, Optional.of(second))).isInstanceOf(DuplicateIdempotencyKeyException.class);
        assertStored(v2);
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.UPDATE, "upd-1")).contains(first);
    }

    /** An update's key that has expired is replaced. */
    @Test
    void anUpdateReplacesAnExpiredKey() {
        Task v1 = insertOne(taskA().build());
        Task other = insertOne(taskA().build());
        IdempotencyRecord old = record(TENANT_A, IdempotencyOperation.UPDATE, "upd-1", other.id(), T0, Duration.ofMinutes(1));
        assertThat(store.update(other.toBuilder().title("x").version(2).build(), 1, Optional.of(old))).isTrue();
        Task v2 = v1.toBuilder().title("v2").version(2).build();
        IdempotencyRecord fresh = record(TENANT_A, IdempotencyOperation.UPDATE, "upd-1", v1.id(), T0.plus(Duration.ofMinutes(1)), DAY);
        assertThat(store.update(v2, 1, Optional.of(fresh))).isTrue();
        assertStored(v2);
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.UPDATE, "upd-1")).contains(fresh);
    }

    /** A record stored alone (for an update that changed nothing) is found, and changes no task. */
    @Test
    void aRecordStoredAloneIsFoundAndChangesNoTask() {
        Task task = insertOne(taskA().build());
        IdempotencyRecord rec = record(TENANT_A, IdempotencyOperation.UPDATE, "noop-1", task.id(), T0.plusSeconds(1), DAY);
        store.putIdempotencyRecord(rec);
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.UPDATE, "noop-1")).contains(rec);
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.CREATE, "noop-1")).isEmpty();
        assertStored(task);
        assertThat(store.count(TENANT_A, EVERYTHING)).isEqualTo(1);
    }

    /** An unexpired key refuses a record stored alone, whoever stored the first one; the first stays. */
    @Test
    void anUnexpiredKeyRefusesARecordStoredAlone() {
        Task task = insertOne(taskA().build());
        IdempotencyRecord first = record(TENANT_A, IdempotencyOperation.UPDATE, "noop-1", task.id(), T0, DAY);
        store.putIdempotencyRecord(first);
        IdempotencyRecord second = record(TENANT_A, IdempotencyOperation.UPDATE, "noop-1", task.id(), T0.plus(DAY).minusMillis(1), DAY);
        assertThatThrownBy(() -> store.putIdempotencyRecord(second)).isInstanceOf(DuplicateIdempotencyKeyException.class);
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.UPDATE, "noop-1")).contains(first);

        Task v2 = task.toBuilder().title("v2").version(2).build();
        IdempotencyRecord byUpdate = record(TENANT_A, IdempotencyOperation.UPDATE, "upd-1", task.id(), T0, DAY);
        assertThat(store.update(v2, 1, Optional.of(byUpdate))).isTrue();
        assertThatThrownBy(() -> store.putIdempotencyRecord(record(TENANT_A, IdempotencyOperation.UPDATE, "upd-1", task.id(), T0.plusSeconds(1), DAY)))
                .isInstanceOf(DuplicateIdempotencyKeyException.class);
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.UPDATE, "upd-1")).contains(byUpdate);
        assertStored(v2);
    }

    /** A record stored alone holds its key against later writes, and is replaced once expired. */
    @Test
    void aRecordStoredAloneHoldsItsKeyUntilItExpires() {
        Task task = insertOne(taskA().build());
        IdempotencyRecord alone = record(TENANT_A, IdempotencyOperation.UPDATE, "noop-1", task.id(), T0, Duration.ofMinutes(1));
        store.putIdempotencyRecord(alone);
        Task v2 = task.toBuilder().title("v2").version(2).build();
        IdempotencyRecord early = record(TENANT_A, IdempotencyOperation.UPDATE, "noop-1", task.id(), T0.plusSeconds(59), DAY);
        assertThatThrownBy(() -> store.update(v2, 1, Optional.of(early))).isInstanceOf(DuplicateIdempotencyKeyException.class);
        assertStored(task);
        IdempotencyRecord onTime = record(TENANT_A, IdempotencyOperation.UPDATE, "noop-1", task.id(), T0.plusSeconds(60), DAY);
        assertThat(store.update(v2, 1, Optional.of(onTime))).isTrue();
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.UPDATE, "noop-1")).contains(onTime);
        IdempotencyRecord expiredAlone = record(TENANT_A, IdempotencyOperation.UPDATE, "noop-2", task.id(), T0, Duration.ZERO);
        store.putIdempotencyRecord(expiredAlone);
        IdempotencyRecord replacement = record(TENANT_A, IdempotencyOperation.UPDATE, "noop-2", task.id(), T0, DAY);
        store.putIdempotencyRecord(replacement);
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.UPDATE, "noop-2")).contains(replacement);
        assertThat(store.purgeExpiredIdempotencyRecords(T0.plus(DAY))).isEqualTo(1);
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.UPDATE, "noop-2")).isEmpty();
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.UPDATE, "noop-1")).contains(onTime);
    }

    /** A compare-and-set that fails stores no record either. */
    @Test
    void aFailedCompareAndSetStoresNoRecord() {
        Task v1 = insertOne(taskA().build());
        IdempotencyRecord rec = record(TENANT_A, IdempotencyOperation.UPDATE, "upd-1", v1.id(), T0, DAY);
        assertThat(store.update(v1.toBuilder().title("x").version(3).build(), 2, Optional.of(rec))).isFalse();
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.UPDATE, "upd-1")).isEmpty();
        Task ghost = taskA().version(2).build();
        IdempotencyRecord ghostRecord = record(TENANT_A, IdempotencyOperation.UPDATE, "upd-2", ghost.id(), T0, DAY);
        assertThat(store.update(ghost, 1, Optional.of(ghostRecord))).isFalse();
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.UPDATE, "upd-2")).isEmpty();
        assertStored(v1);
    }

    /**
     * A record belongs to its key, not to its task: deleting the task leaves the record (until it
     * expires and is purged), so the key still refuses another request meanwhile.
     */
    @Test
    void aRecordOutlivesTheDeletionOfItsTask() {
        Task task = taskA().build();
        IdempotencyRecord rec = createRecord("key-1", task);
        store.insert(task, Optional.of(rec));
        assertThat(store.delete(TENANT_A, task.id(), 1)).isTrue();
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.CREATE, "key-1")).contains(rec);
        Task other = taskA().createdAt(T0.plusSeconds(1)).build();
        assertThatThrownBy(() -> store.insert(other, Optional.of(createRecord("key-1", other))))
                .isInstanceOf(DuplicateIdempotencyKeyException.class);
        assertAbsent(TENANT_A, other.id());
    }

    /** Purge deletes the records whose expiry is at or before the given time, in every tenant, and says how many. */
    @Test
    void purgeDeletesExactlyTheExpiredRecords() {
        Instant now = T0.plus(DAY);
        Task a1 = taskA().build();
        Task a2 = taskA().build();
        Task a3 = taskA().build();
        Task b1 = taskB().build();
        IdempotencyRecord expiredBefore = record(TENANT_A, IdempotencyOperation.CREATE, "k1", a1.id(), T0, DAY.minusMillis(1));
        IdempotencyRecord expiringNow = record(TENANT_A, IdempotencyOperation.CREATE, "k2", a2.id(), T0, DAY);
        IdempotencyRecord expiringLater = record(TENANT_A, IdempotencyOperation.CREATE, "k3", a3.id(), T0, DAY.plusMillis(1));
        IdempotencyRecord otherTenant = record(TENANT_B, IdempotencyOperation.CREATE, "k1", b1.id(), T0, Duration.ofMinutes(5));
        store.insert(a1, Optional.of(expiredBefore));
        store.insert(a2, Optional.of(expiringNow));
        store.insert(a3, Optional.of(expiringLater));
        store.insert(b1, Optional.of(otherTenant));
        Task v2 = a1.toBuilder().title("v2").version(2).build();
        IdempotencyRecord updateRecord = record(TENANT_A, IdempotencyOperation.UPDATE, "k1", a1.id(), T0, Duration.ofHours(1));
        assertThat(store.update(v2, 1, Optional.of(updateRecord))).isTrue();

        assertThat(store.purgeExpiredIdempotencyRecords(now)).isEqualTo(4);
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.CREATE, "k1")).isEmpty();
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.CREATE, "k2")).isEmpty();
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.CREATE, "k3")).contains(expiringLater);
        assertThat(store.findIdempotencyRecord(TENANT_B, IdempotencyOperation.CREATE, "k1")).isEmpty();
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.UPDATE, "k1")).isEmpty();
        assertThat(store.purgeExpiredIdempotencyRecords(now)).isZero();
        // Purging touches no task.
        assertStored(v2);
        assertStored(a2);
        assertStored(a3);
        assertStored(b1);
        assertThat(store.purgeExpiredIdempotencyRecords(now.plusMillis(1))).isEqualTo(1);
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.CREATE, "k3")).isEmpty();
    }

    /** After a purge, a purged key is free again. */
    @Test
    void aPurgedKeyIsFreeAgain() {
        Task first = taskA().build();
        store.insert(first, Optional.of(record(TENANT_A, IdempotencyOperation.CREATE, "k1", first.id(), T0, Duration.ofMinutes(1))));
        assertThat(store.purgeExpiredIdempotencyRecords(T0.plus(Duration.ofMinutes(1)))).isEqualTo(1);
        Task second = taskA().build();
        IdempotencyRecord rec = record(TENANT_A, IdempotencyOperation.CREATE, "k1", second.id(), T0.plusSeconds(61), DAY);
        store.insert(second, Optional.of(rec));
        assertThat(store.findIdempotencyRecord(TENANT_A, IdempotencyOperation.CREATE, "k1")).contains(rec);
    }
}
