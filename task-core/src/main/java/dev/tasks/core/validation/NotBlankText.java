package dev.tasks.core.validation;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A text with at least one visible character (see {@link dev.tasks.core.Text#isBlank}); null is valid (unlike {@code jakarta.validation.constraints.NotBlank}). Code: {@code blank}.
 */
@Documented
@Constraint(validatedBy = {NotBlankTextValidator.class})
@Target({FIELD, PARAMETER, TYPE_USE, ANNOTATION_TYPE})
@Retention(RUNTIME)

public @interface NotBlankText {

    /** @return the message template */
    String message() default "must not be blank";

    /** @return the validation groups */
    Class<?>[] groups() default {};

    /** @return the payload */
    Class<? extends Payload>[] payload() default {};
}
