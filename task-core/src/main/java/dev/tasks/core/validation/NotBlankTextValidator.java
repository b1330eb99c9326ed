package dev.tasks.core.validation;

import dev.tasks.core.Text;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link NotBlankText}. */
public final class NotBlankTextValidator implements ConstraintValidator<NotBlankText, CharSequence> {

    /** Made by Hibernate Validator. */
    public NotBlankTextValidator() {
    }

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        return value == null || !Text.isBlank(value.toString());
    }
}
