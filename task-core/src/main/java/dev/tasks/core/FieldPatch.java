package dev.tasks.core;

import java.util.Objects;
import java.util.Optional;

/**
 * What a patch does to one optional field: leaves it {@linkplain Absent absent} (unchanged),
 * {@linkplain SetTo sets} it, or {@linkplain Cleared clears} it.
 *
 * <pre>{@code
 * FieldPatch<String> d = FieldPatch.set("Call back before noon");
 * FieldPatch<Instant> due = FieldPatch.cleared();
 * FieldPatch<String> fromJson = FieldPatch.ofNullable(maybeNull); // null clears, as JSON merge patch does
 * }</pre>
 *
 * @param <T> the field's type
 */
public sealed interface FieldPatch<T> permits FieldPatch.Absent, FieldPatch.SetTo, FieldPatch.Cleared {

    /**
     * Leaves the field unchanged.
     *
     * @param <T> the field's type
     * @return the absent patch
     */
    @SuppressWarnings("unchecked")
    static <T> FieldPatch<T> absent() {
        return (FieldPatch<T>) Absent.INSTANCE;
    }

    /**
     * Sets the field.
     *
     * @param value the new value, not null (use {@link #cleared()} to clear)
     * @param <T> the field's type
     * @return the patch
     */
    static <T> FieldPatch<T> set(T value) {
        return new SetTo<>(value);
    }

    /**
     * Clears the field.
     *
     * @param <T> the field's type
     * @return the clearing patch
     */
    @SuppressWarnings("unchecked")
    static <T> FieldPatch<T> cleared() {
        return (FieldPatch<T>) Cleared.INSTANCE;
    }

    /**
     * Sets the field, or clears it when the value is null: the reading of a JSON merge patch.
     *
     * @param value the new value, or null to clear
     * @param <T> the field's type
     * @return a {@link SetTo} or a {@link Cleared}
     */
    static <T> FieldPatch<T> ofNullable(T value) {
        return value == null ? cleared() : set(value);
    }

    /**
     * The field's value after this patch.
     *
     * @param current the value before, empty if unset
     * @return the value after
     */
    Optional<T> applyTo(Optional<T> current);

    /**
     * Tells whether this patch touches the field at all.
     *
     * @return false for {@link Absent}
     */
    default boolean isPresent() {
        return !(this instanceof Absent);
    }

    /**
     * The field is left as it is.
     *
     * @param <T> the field's type
     */
    final class Absent<T> implements FieldPatch<T> {
        private static final Absent<Object> INSTANCE = new Absent<>();

        private Absent() {
        }

        @Override
        public Optional<T> applyTo(Optional<T> current) {
            return current;
        }

        @Override
        public String toString() {
            return "absent";
        }
    }

    /**
     * The field is set to a value.
     *
     * @param value the new value, never null
     * @param <T> the field's type
     */
    record SetTo<T>(T value) implements FieldPatch<T> {
        /**
         * Refuses null: clearing is {@link Cleared}.
         *
         * @param value the new value, never null
         */
        public SetTo {
            Objects.requireNonNull(value, "value (use FieldPatch.cleared() to clear a field)");
        }

        @Override
        public Optional<T> applyTo(Optional<T> current) {
            return Optional.of(value);
        }
    }

    /**
     * The field is cleared.
     *
     * @param <T> the field's type
     */
    final class Cleared<T> implements FieldPatch<T> {
        private static final Cleared<Object> INSTANCE = new Cleared<>();

        private Cleared() {
        }

        @Override
        public Optional<T> applyTo(Optional<T> current) {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "cleared";
        }
    }
}
