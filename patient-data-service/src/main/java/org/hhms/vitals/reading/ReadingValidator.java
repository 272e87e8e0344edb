package org.hhms.vitals.reading;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hhms.contracts.vitals.VitalMetric;

import org.hhms.web.ApiProblem;
import org.hhms.web.FieldProblem;
import org.hhms.web.input.TextRules;

/**
 * The rules of the HHMS reading format: at least one metric, each within its range, systolic and diastolic
 * together, a parseable time not in the future. Collects every problem (a batch's by index) before answering.
 */
public class ReadingValidator {

    /** Devices' clocks drift: a reading up to this far ahead of ours is accepted as is. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final int MAX_ID_LENGTH = 128;
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._:-]+");

    private final Clock clock;
    private final Duration maxAge;

    /** @param maxAge the oldest reading accepted, counted back from now */
    public ReadingValidator(Clock clock, Duration maxAge) {
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** Validates one reading, or throws a 400 listing every problem. */
    public Reading validate(UUID patientId, ReadingRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        Instant now = now();
        Reading reading = check(patientId, request, "", now, problems);
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(problems);
        }
        return reading;
    }

    /** Validates a whole batch; any invalid reading rejects all of it, with every problem named by index. */
    public List<Reading> validateBatch(UUID patientId, List<ReadingRequest> requests, int maxBatch) {
        if (requests == null || requests.isEmpty()) {
            throw ApiProblem.invalidField("readings", "must contain at least one reading");
        }
        if (requests.size() > maxBatch) {
            throw ApiProblem.invalidField("readings", "must contain at most " + maxBatch + " readings, got "
                    + requests.size());
        }
        List<FieldProblem> problems = new ArrayList<>();
        List<Reading> readings = new ArrayList<>(requests.size());
        Instant now = now();
        for (int i = 0; i < requests.size(); i++) {
            ReadingRequest request = requests.get(i);
            if (request == null) {
                problems.add(new FieldProblem("readings[" + i + "]", "must be a reading object"));
                continue;
            }
            readings.add(check(patientId, request, "readings[" + i + "].", now, problems));
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(problems);
        }
        return readings;
    }

    private Reading check(UUID patientId, ReadingRequest request, String path, Instant now,
            List<FieldProblem> problems) {
        Map<VitalMetric, Double> values = new EnumMap<>(VitalMetric.class);
        for (VitalMetric metric : VitalMetric.values()) {
            Double value = request.value(metric);
            if (value == null) {
                continue;
            }
            if (value.isNaN() || value.isInfinite() || !metric.accepts(value)) {
                problems.add(new FieldProblem(path + metric.json(), metric.rangeRule() + ", got " + value));
            } else {
                values.put(metric, value);
            }
        }
        if (request.value(VitalMetric.SYSTOLIC_BP) == null ^ request.value(VitalMetric.DIASTOLIC_BP) == null) {
            String missing = request.value(VitalMetric.SYSTOLIC_BP) == null ? "systolic_bp" : "diastolic_bp";
            problems.add(new FieldProblem(path + missing,
                    "is required with " + (missing.equals("systolic_bp") ? "diastolic_bp" : "systolic_bp")
                            + ": blood pressure is systolic and diastolic together"));
        }
        boolean anyMetric = false;
        for (VitalMetric metric : VitalMetric.values()) {
            anyMetric |= request.value(metric) != null;
        }
        if (!anyMetric) {
            problems.add(new FieldProblem(path.isEmpty() ? "body" : path.substring(0, path.length() - 1),
                    "must carry at least one metric: " + VitalMetric.allowed()));
        }
        Instant recordedAt = parseTime(request.timestamp(), path, now, problems);
        String idProblem = request.readingId() == null ? null : TextRules.singleLine(request.readingId(), MAX_ID_LENGTH);
        if (idProblem != null) {
            problems.add(new FieldProblem(path + "reading_id", idProblem));
        }
        if (request.deviceId() != null && (request.deviceId().length() > MAX_ID_LENGTH
                || !DEVICE_ID.matcher(request.deviceId()).matches())) {
            problems.add(new FieldProblem(path + "device_id", "must be 1 to " + MAX_ID_LENGTH
                    + " letters, digits and . _ : - (as devices are registered)"));
        }
        String readingId = request.readingId() != null ? request.readingId()
                : derivedId(patientId, recordedAt, request.deviceId(), values, request.onOxygen(),
                        request.consciousness());
        return new Reading(patientId, readingId, recordedAt, now, request.deviceId(), values, request.onOxygen(),
                request.consciousness());
    }

    private Instant parseTime(String timestamp, String path, Instant now, List<FieldProblem> problems) {
        if (timestamp == null) {
            return now;
        }
        Instant parsed;
        try {
            parsed = Timestamps.parse(timestamp);
        } catch (DateTimeParseException | ArithmeticException e) {
            problems.add(new FieldProblem(path + "timestamp",
                    "must be an ISO-8601 time such as 2026-01-31T08:15:00Z, got '"
                            + timestamp.replaceAll("\\p{Cntrl}", "?") + "'"));
            return now;
        }
        if (parsed.isAfter(now.plus(CLOCK_SKEW))) {
            problems.add(new FieldProblem(path + "timestamp", "is in the future (" + parsed + "); the device clock "
                    + "may be wrong"));
        } else if (parsed.isBefore(now.minus(maxAge))) {
            problems.add(new FieldProblem(path + "timestamp", "is older than " + maxAge.toDays()
                    + " days (" + parsed + "), the oldest reading HHMS accepts (VITALS_MAX_READING_AGE)"));
        }
        return parsed.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Without a client reading_id, a reading is identified by everything it says: its patient, time, device and
     * every value (metrics, on_oxygen, consciousness). A retry of the same reading derives the same id and is stored
     * once; two readings that differ in anything (another device at the same instant, a corrected value) are two
     * readings. A reading without a time is taken at its receipt (to the microsecond), so it is never merged with
     * another, and a resend of it is a new reading: a device that retries sends a reading_id or a timestamp
     * (docs/vitals.md, "Reading identity").
     */
    static String derivedId(UUID patientId, Instant recordedAt, String deviceId, Map<VitalMetric, Double> values,
            Boolean onOxygen, Consciousness consciousness) {
        StringBuilder identity = new StringBuilder().append(patientId).append('|').append(recordedAt)
                .append("|device=").append(deviceId == null ? "" : deviceId);
        values.forEach((metric, value) -> identity.append('|').append(metric.json()).append('=')
                .append(Double.toString(value)));
        identity.append("|on_oxygen=").append(onOxygen == null ? "" : onOxygen)
                .append("|consciousness=").append(consciousness == null ? "" : consciousness.json());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(identity.toString().getBytes(StandardCharsets.UTF_8));
            return "auto-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
