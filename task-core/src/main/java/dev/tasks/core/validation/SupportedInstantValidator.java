package dev.tasks.core.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.Instant;

/** Checks {@link SupportedInstant}. */
public final class SupportedInstantValidator implements ConstraintValidator<SupportedInstant, Instant> {

    /** The earliest instant the domain accepts. */
    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");

    /** The latest instant the domain accepts. */
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999Z");

    /** Made by Hibernate Validator. */
    public SupportedInstantValidator() {
    }

    @Override
    public boolean isValid(Instant value, ConstraintValidatorContext context) {
        return value == null || (!value.isBefore(MIN) && !value.isAfter(MAX));
    }
}
