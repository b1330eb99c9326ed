package dev.tasks.core.validation;

import dev.tasks.core.Text;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link MaxLength}, counting code points. */
public final class MaxLengthValidator implements ConstraintValidator<MaxLength, CharSequence> {
    private int max;

    /** Made by Hibernate Validator. */
    public MaxLengthValidator() {
    }

    @Override
    public void initialize(MaxLength annotation) {
        max = annotation.value();
    }

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        // The UTF-16 length bounds the code point count from above: the cheap test first.
        return value == null || value.length() <= max || Text.length(value.toString()) <= max;
    }
}
