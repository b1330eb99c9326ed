package dev.tasks.core;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;

/**
 * Makes new task ids. The default, {@link #timeOrdered(Clock)}, starts each id with the creation
 * second so that ids made later sort later (inserts append to a primary-key index), and fills the
 * rest from a {@link SecureRandom} so that ids cannot be guessed.
 *
 * <p>Implementations must be thread-safe and answer well-formed ids ({@link TaskId}); a collision
 * in the store makes the service ask again.
 */
@FunctionalInterface
public interface TaskIdGenerator {

    /**
     * Makes a new id.
     *
     * @return a well-formed task id
     */
    TaskId next();

    /**
     * Ids of 7 base-36 characters of epoch seconds (good until the year 4453) followed by 9 random
     * base-36 characters (about 46 bits).
     *
     * @param clock where the time comes from
     * @return the generator
     */
    static TaskIdGenerator timeOrdered(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        SecureRandom random = new SecureRandom();
        return () -> {
            char[] body = new char[TaskId.BODY_LENGTH];
            long seconds = Math.max(0, clock.millis() / 1000);
            for (int i = 6; i >= 0; i--) {
                body[i] = Character.forDigit((int) (seconds % 36), 36);
                seconds /= 36;
            }
            for (int i = 7; i < TaskId.BODY_LENGTH; i++) {
                body[i] = Character.forDigit(random.nextInt(36), 36);
            }
            return new TaskId(TaskId.PREFIX + new String(body));
        };
    }

    /**
     * Ids of 16 random base-36 characters (about 82 bits), in no order.
     *
     * @return the generator
     */
    static TaskIdGenerator random() {
        SecureRandom random = new SecureRandom();
        return () -> {
            char[] body = new char[TaskId.BODY_LENGTH];
            for (int i = 0; i < body.length; i++) {
                body[i] = Character.forDigit(random.nextInt(36), 36);
            }
            return new TaskId(TaskId.PREFIX + new String(body));
        };
    }
}
