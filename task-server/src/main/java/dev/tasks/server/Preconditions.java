package dev.tasks.server;

import dev.tasks.api.WriteOptions;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The HTTP headers that carry the library's optimistic concurrency: {@code ETag} holds a task's version
 * ({@code "3"}), and {@code If-Match} with it makes a write a compare-and-set (409 on a mismatch).
 */
final class Preconditions {

    private Preconditions() {
    }

    /**
     * The options of an update: the version {@code If-Match} expects and the {@code Idempotency-Key}.
     *
     * @throws IllegalArgumentException if {@code If-Match} holds no version
     */
    static WriteOptions writeOptions(HttpCall call) {
        WriteOptions options = WriteOptions.NONE;
        OptionalLong expected = expectedVersion(call.header("If-Match"));
        if (expected.isPresent()) {
            options = options.withExpectedVersion(expected.getAsLong());
        }
        Optional<String> key = call.header("Idempotency-Key");
        if (key.isPresent()) {
            options = options.withIdempotencyKey(key.get());
        }
        return options;
    }

    /** The entity tag of a task version. */
    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} header expects: {@code "3"}, {@code W/"3"} or {@code 3}.
     *
     * @return empty without the header (or with {@code *})
     * @throws IllegalArgumentException if the header holds no version
     */
    static OptionalLong expectedVersion(Optional<String> ifMatch) {
        if (ifMatch.isEmpty() || ifMatch.get().trim().equals("*")) {
            return OptionalLong.empty();
        }
        String tag = ifMatch.get().trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            long version = Long.parseLong(tag);
            if (version < 1) {
                throw new NumberFormatException();
            }
            return OptionalLong.of(version);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("If-Match must hold a task version, the ETag of a response, e.g. \"3\"");
        }
    }
}
