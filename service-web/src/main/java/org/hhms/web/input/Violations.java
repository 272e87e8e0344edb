package org.hhms.web.input;

import jakarta.validation.ConstraintValidatorContext;

/** Reports a {@link TextRules} problem as the constraint violation's message, in the rule's own words. */
final class Violations {

    private Violations() {
    }

    /** True when there is no problem; otherwise replaces the default message with it. */
    static boolean report(String problem, ConstraintValidatorContext context) {
        if (problem == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(problem.replace("\\", "\\\\").replace("{", "\\{")
                .replace("$", "\\$")).addConstraintViolation();
        return false;
    }
}
