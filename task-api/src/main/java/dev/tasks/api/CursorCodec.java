package dev.tasks.api;

import dev.tasks.core.SortPosition;
import dev.tasks.core.TaskId;
import dev.tasks.core.validation.SupportedInstantValidator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encodes keyset positions as opaque cursors that are tamper-evident (HMAC-SHA256) and bound to the
 * tenant and query they were made for: a cursor altered, forged, or used with another tenant or
 * another filter or sort decodes to nothing.
 *
 * <p>Layout before base64url: version (1 byte), has-value (1), epoch millis (8), id body (16 ASCII),
 * first 16 bytes of the query binding, then the first 16 bytes of the MAC over all of that.
 */
final class CursorCodec {

    private static final byte VERSION = 1;
    private static final int BINDING = 16;
    private static final int MAC = 16;
    private static final int BODY = 1 + 1 + 8 + TaskId.BODY_LENGTH + BINDING;

    private final SecretKeySpec key;

    CursorCodec(byte[] secret) {
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    String encode(SortPosition position, byte[] binding) {
        ByteBuffer buf = ByteBuffer.allocate(BODY + MAC);
        buf.put(VERSION);
        buf.put((byte) (position.value().isPresent() ? 1 : 0));
        buf.putLong(position.value().map(Instant::toEpochMilli).orElse(0L));
        buf.put(position.id().value().substring(TaskId.PREFIX.length()).getBytes(StandardCharsets.US_ASCII));
        buf.put(binding, 0, BINDING);
        buf.put(mac(Arrays.copyOf(buf.array(), BODY)), 0, MAC);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
    }

    Optional<SortPosition> decode(String cursor, byte[] binding) {
        if (cursor == null || cursor.length() > 128) {
            return Optional.empty();
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (raw.length != BODY + MAC || raw[0] != VERSION) {
            return Optional.empty();
        }
        // One spelling per cursor: the decoder ignores the unused bits of the last character and accepts
        // padding, so another spelling of the same bytes is refused as any other change is.
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(raw).equals(cursor)) {
            return Optional.empty();
        }
        byte[] body = Arrays.copyOf(raw, BODY);
        byte[] expectedMac = Arrays.copyOf(mac(body), MAC);
        if (!MessageDigest.isEqual(expectedMac, Arrays.copyOfRange(raw, BODY, BODY + MAC))
                || !MessageDigest.isEqual(Arrays.copyOf(binding, BINDING), Arrays.copyOfRange(raw, BODY - BINDING, BODY))) {
            return Optional.empty();
        }
        ByteBuffer buf = ByteBuffer.wrap(body, 1, BODY - 1);
        boolean hasValue = buf.get() == 1;
        long millis = buf.getLong();
        byte[] idBody = new byte[TaskId.BODY_LENGTH];
        buf.get(idBody);
        Optional<TaskId> id = TaskId.tryParse(TaskId.PREFIX + new String(idBody, StandardCharsets.US_ASCII));
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Instant value = Instant.ofEpochMilli(millis);
        if (hasValue && (value.isBefore(SupportedInstantValidator.MIN) || value.isAfter(SupportedInstantValidator.MAX))) {
            return Optional.empty();
        }
        return Optional.of(new SortPosition(hasValue ? Optional.of(value) : Optional.empty(), id.get()));
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }
}
