package dev.tasks.server;

import dev.tasks.api.WriteOptions;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The HTTP headers that carry the library's optimistic concurrency: {@code ETag} holds a task's version
 * ({@code "3"}), and {@code If-Match} with it makes a write a compare-and-set (409 on a mismatch).
 */
final class Preconditions {

    /** A precondition header that holds no task version. */
    static final class BadPrecondition extends Exception {
        private static final long serialVersionUID = 1L;

        BadPrecondition(String message) {
            super(message, null, false, false);
        }
    }

    private Preconditions() {
    }

    /**
     * The options of an update: the version {@code If-Match} expects and the {@code Idempotency-Key}.
     *
     * @throws BadPrecondition if {@code If-Match} holds no version
     */
    static WriteOptions writeOptions(HttpCall call) throws BadPrecondition {
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
     * The version an {@code If-Match} header expects: one strong entity tag, {@code "3"} (or a bare
     * {@code 3}). A weak tag never matches under {@code If-Match} (RFC 9110), so it is refused too.
     *
     * @return empty without the header (or with {@code *})
     * @throws BadPrecondition if the header holds no single strong version tag
     */
    static OptionalLong expectedVersion(Optional<String> ifMatch) throws BadPrecondition {
        if (ifMatch.isEmpty() || ifMatch.get().trim().equals("*")) {
            return OptionalLong.empty();
        }
        String tag = ifMatch.get().trim();
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        if (!VERSION.matcher(tag).matches()) {
            throw new BadPrecondition("If-Match must hold one task version as the ETag of a response gives it, e.g. \"3\"");
        }
        return OptionalLong.of(Long.parseLong(tag));
    }

    private static final java.util.regex.Pattern VERSION = java.util.regex.Pattern.compile("[1-9][0-9]{0,17}");
}
