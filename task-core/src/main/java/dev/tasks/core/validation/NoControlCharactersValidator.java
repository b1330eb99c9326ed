package dev.tasks.core.validation;

import dev.tasks.core.Text;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link NoControlCharacters}. */
public final class NoControlCharactersValidator implements ConstraintValidator<NoControlCharacters, CharSequence> {

    /** Made by Hibernate Validator. */
    public NoControlCharactersValidator() {
    }

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        return value == null || !Text.hasControlCharacter(value.toString());
    }
}
