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
 * The id of a related entity: 1 to 128 characters of {@code [A-Za-z0-9_-]}; not null.
 */
@Documented
@Constraint(validatedBy = {})
@Target({FIELD, PARAMETER, TYPE_USE, ANNOTATION_TYPE})
@Retention(RUNTIME)
@NotNull(message = "must not be null")
@Pattern(regexp = "[A-Za-z0-9_-]{1,128}", message = "must be 1 to 128 characters of A-Z, a-z, 0-9, '_' and '-'")
public @interface ValidEntityId {

    /** @return the message template */
    String message() default "invalid entity id";

    /** @return the validation groups */
    Class<?>[] groups() default {};

    /** @return the payload */
    Class<? extends Payload>[] payload() default {};
}
