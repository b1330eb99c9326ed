package dev.tasks.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A fixed-window request limit per key (a token or a tenant): at most {@code limit} requests in each
 * window. The keys come from the server's configuration, so the table stays as small as the token list.
 */
final class RateWindow {

    /** What one request got. */
    record Decision(boolean allowed, int limit, int remaining, long resetSeconds) {
    }

    private final int limit;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final Map<String, long[]> windows = new ConcurrentHashMap<>(); // key -> {window start, count}

    RateWindow(int limit, Duration window, LongSupplier nanoClock) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Counts a request for a key and tells whether it is within the limit. */
    Decision take(String key) {
        long now = nanoClock.getAsLong();
        long[] state = windows.computeIfAbsent(key, k -> new long[] {now, 0});
        synchronized (state) {
            if (now - state[0] >= windowNanos) {
                state[0] = now;
                state[1] = 0;
            }
            long reset = Math.max(1, (state[0] + windowNanos - now + 999_999_999L) / 1_000_000_000L);
            if (state[1] >= limit) {
                return new Decision(false, limit, 0, reset);
            }
            state[1]++;
            return new Decision(true, limit, (int) (limit - state[1]), reset);
        }
    }
}
