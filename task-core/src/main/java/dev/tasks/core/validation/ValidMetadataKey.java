package dev.tasks.core.validation;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A metadata key: 1 to 40 characters of {@code [a-z0-9._:-]}.
 */
@Documented
@Constraint(validatedBy = {})
@Target({FIELD, PARAMETER, TYPE_USE, ANNOTATION_TYPE})
@Retention(RUNTIME)
@NotNull(message = "must not be null")
@MaxLength(40)
@Pattern(regexp = "[a-z0-9._:-]+", message = "must be 1 to 40 characters of a-z, 0-9, '.', '_', ':' and '-'")
public @interface ValidMetadataKey {

    /** @return the message template */
    String message() default "invalid metadata key";

    /** @return the validation groups */
    Class<?>[] groups() default {};

    /** @return the payload */
    Class<? extends Payload>[] payload() default {};
}
