package org.hhms.fhir;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hhms.web.ApiProblem;
import org.springframework.util.MultiValueMap;

/**
 * FHIR search parameters read strictly: an unknown parameter or a malformed value is a 400 naming it. FHIR lets a
 * server ignore what it does not support; a doctor's filter silently ignored would show the wrong values.
 */
public final class SearchParameters {

    private static final Pattern PATIENT = Pattern.compile("(?:Patient/)?([0-9a-fA-F-]{36})");

    private final MultiValueMap<String, String> parameters;

    private SearchParameters(MultiValueMap<String, String> parameters) {
        this.parameters = parameters;
    }

    /** The parameters, refused unless each is one of {@code allowed} ({@code _format=json} is always allowed). */
    public static SearchParameters of(MultiValueMap<String, String> parameters, String... allowed) {
        List<String> known = Arrays.asList(allowed);
        for (String name : parameters.keySet()) {
            if (!known.contains(name) && !name.equals("_format")) {
                throw ApiProblem.invalidField(name, "is not a search parameter HHMS supports here; supported: "
                        + String.join(", ", known) + " (GET /fhir/metadata)");
            }
        }
        SearchParameters read = new SearchParameters(parameters);
        String format = read.one("_format");
        if (format != null && !List.of("json", "application/json", "application/fhir+json").contains(format)) {
            throw ApiProblem.invalidField("_format", "HHMS answers JSON only (json, application/fhir+json), got '"
                    + format + "'");
        }
        return read;
    }

    /** The required {@code patient} parameter: an id, or {@code Patient/<id>}. */
    public UUID patient() {
        String value = one("patient");
        if (value == null) {
            throw ApiProblem.invalidField("patient", "is required: the patient's id (patient=<id> or "
                    + "patient=Patient/<id>)");
        }
        Matcher m = PATIENT.matcher(value);
        try {
            if (m.matches()) {
                return UUID.fromString(m.group(1));
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ApiProblem.invalidField("patient", "must be a patient id or Patient/<id>, got '" + value + "'");
    }

    /** A parameter given at most once, or null. */
    public String one(String name) {
        List<String> values = all(name);
        if (values.size() > 1) {
            throw ApiProblem.invalidField(name, "may be given once, got " + values.size() + " times");
        }
        return values.isEmpty() ? null : values.getFirst();
    }

    /** Every value of a parameter given several times (a lower and an upper date, say). */
    public List<String> all(String name) {
        return parameters.getOrDefault(name, List.of());
    }

    /** A whole number from 1 to {@code max}, or {@code fallback} when absent. */
    public int number(String name, int fallback, int max) {
        String value = one(name);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= 1 && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiProblem.invalidField(name, "must be a whole number from 1 to " + max + ", got '" + value + "'");
    }
}
