package org.hhms.web.input;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** Bean Validation for {@link TextRules#singleLine}: null passes (combine with @NotNull where required). */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = SingleLine.Check.class)
public @interface SingleLine {

    int max();

    String message() default "must be one line of text";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Reports the rule's own words. */
    class Check implements ConstraintValidator<SingleLine, String> {
        private int max;

        @Override
        public void initialize(SingleLine annotation) {
            max = annotation.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return Violations.report(value == null ? null : TextRules.singleLine(value, max), context);
        }
    }
}
