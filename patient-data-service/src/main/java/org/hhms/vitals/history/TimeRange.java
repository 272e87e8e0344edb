package org.hhms.vitals.history;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.hhms.web.ApiProblem;
import org.hhms.web.FieldProblem;
import org.hhms.vitals.reading.Timestamps;

/** A closed time range from query parameters {@code start_time} and {@code end_time}, checked against a cap. */
record TimeRange(Instant start, Instant end) {

    static TimeRange parse(String startTime, String endTime, Duration maxRange) {
        List<FieldProblem> problems = new ArrayList<>();
        Instant start = parse("start_time", startTime, problems);
        Instant end = parse("end_time", endTime, problems);
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(problems);
        }
        if (end.isBefore(start)) {
            throw ApiProblem.invalidField("end_time", "must not be before start_time (" + start + ")");
        }
        if (Duration.between(start, end).compareTo(maxRange) > 0) {
            throw ApiProblem.invalidField("end_time", "the range may span at most " + maxRange.toDays()
                    + " days; ask for a narrower range");
        }
        return new TimeRange(start, end);
    }

    private static Instant parse(String name, String value, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(name, "is required (ISO-8601, e.g. 2026-01-31T08:00:00Z)"));
            return null;
        }
        try {
            return Timestamps.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(name, "must be an ISO-8601 time, got '" + value + "'"));
            return null;
        }
    }
}
