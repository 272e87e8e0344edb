package org.hhms.web.input;

import org.hhms.web.StrictJson;

/**
 * The rules for text every service applies (docs/security.md, "Input rules"), each returning the problem in the
 * words a client sees ("must …"), or null when the value is fine. Strict JSON already refuses NUL characters and
 * broken UTF-16 in every string; these add what a field of a kind needs.
 */
public final class TextRules {

    private TextRules() {
    }

    /**
     * A name, label or id on one line: 1 to {@code max} characters, not only spaces, no control characters (a line
     * break or a bell has no place in a name; an SMS or a dashboard would show it raw).
     */
    public static String singleLine(String value, int max) {
        String problem = common(value, max);
        if (problem != null) {
            return problem;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return "must be one line of text without control characters";
            }
        }
        return null;
    }

    /** Free text (a message, a note): line breaks and tabs allowed, other control characters not. */
    public static String paragraph(String value, int max) {
        String problem = common(value, max);
        if (problem != null) {
            return problem;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                return "must not contain control characters other than line breaks and tabs";
            }
        }
        return null;
    }

    private static String common(String value, int max) {
        String broken = StrictJson.textProblem(value);
        if (broken != null) {
            return broken;
        }
        if (value.isBlank()) {
            return "must not be blank";
        }
        if (value.length() > max) {
            return "must be at most " + max + " characters, got " + value.length();
        }
        return null;
    }
}
