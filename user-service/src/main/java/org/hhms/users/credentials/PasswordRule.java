package org.hhms.users.credentials;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A password HHMS accepts: at least 12 characters and at most 72 bytes in UTF-8. bcrypt reads only the first 72
 * bytes, so a longer password would silently be cut (and Spring Security refuses it outright); 72 bytes is 72 ASCII
 * characters, or fewer when they take more bytes (é is two). Null passes (the field is optional where it is).
 */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PasswordRule.Check.class)
public @interface PasswordRule {

    int MIN_CHARACTERS = 12;
    int MAX_BYTES = 72;
    String MESSAGE = "must be at least 12 characters and at most 72 bytes in UTF-8 (bcrypt's limit)";

    String message() default MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Counts characters for the minimum and UTF-8 bytes for the maximum. */
    class Check implements ConstraintValidator<PasswordRule, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.codePointCount(0, value.length()) >= MIN_CHARACTERS
                    && value.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
        }
    }
}
