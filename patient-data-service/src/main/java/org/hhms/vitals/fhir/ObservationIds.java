package org.hhms.vitals.fhir;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hhms.fhir.VitalSign;
import org.hhms.vitals.reading.Reading;

/**
 * An Observation's id says where its reading is: {@code <patient, 32 hex>-<time in µs since 1970, base 36>-
 * <first 8 hex of SHA-256 of the reading id>-<vital>}, at most 60 characters of FHIR's id alphabet. Reading one is a
 * lookup of the patient's rows at that microsecond (the readings index), with no table of ids to keep.
 */
final class ObservationIds {

    private static final Pattern FORMAT = Pattern.compile("([0-9a-f]{32})-([0-9a-z]{1,13})-([0-9a-f]{8})-([a-z0-9]+)");

    private ObservationIds() {
    }

    static String of(Reading reading, VitalSign vital) {
        return reading.patientId().toString().replace("-", "") + "-"
                + Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, reading.recordedAt()), 36) + "-"
                + hash(reading.readingId()) + "-" + vital.key();
    }

    /** The parts of an id this service gave out, or empty for any other string. */
    static Optional<Key> parse(String id) {
        Matcher m = FORMAT.matcher(id);
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<VitalSign> vital = VitalSign.ofKey(m.group(4));
        if (vital.isEmpty()) {
            return Optional.empty();
        }
        try {
            String hex = m.group(1);
            UUID patient = new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16),
                    Long.parseUnsignedLong(hex.substring(16), 16));
            Instant at = Instant.EPOCH.plus(Long.parseLong(m.group(2), 36), ChronoUnit.MICROS);
            return Optional.of(new Key(patient, at, m.group(3), vital.get()));
        } catch (ArithmeticException | java.time.DateTimeException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String hash(String readingId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(readingId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    record Key(UUID patientId, Instant recordedAt, String readingHash, VitalSign vital) {

        boolean identifies(Reading reading) {
            return reading.patientId().equals(patientId) && reading.recordedAt().equals(recordedAt)
                    && hash(reading.readingId()).equals(readingHash)
                    && vital.metrics().stream().allMatch(m -> reading.value(m) != null);
        }
    }
}
