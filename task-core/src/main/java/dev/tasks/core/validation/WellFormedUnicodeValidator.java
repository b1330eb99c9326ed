package dev.tasks.core.validation;

import dev.tasks.core.Text;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link WellFormedUnicode}. */
public final class WellFormedUnicodeValidator implements ConstraintValidator<WellFormedUnicode, CharSequence> {

    /** Made by Hibernate Validator. */
    public WellFormedUnicodeValidator() {
    }

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        return value == null || Text.isWellFormed(value.toString());
    }
}
