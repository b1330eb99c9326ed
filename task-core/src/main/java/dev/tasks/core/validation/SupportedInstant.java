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
 * An instant from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z, the range every store and ISO 8601 with four-digit years hold; null is valid. Code: {@code out_of_range}.
 */
@Documented
@Constraint(validatedBy = {SupportedInstantValidator.class})
@Target({FIELD, PARAMETER, TYPE_USE, ANNOTATION_TYPE})
@Retention(RUNTIME)

public @interface SupportedInstant {

    /** @return the message template */
    String message() default "must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z";

    /** @return the validation groups */
    Class<?>[] groups() default {};

    /** @return the payload */
    Class<? extends Payload>[] payload() default {};
}
