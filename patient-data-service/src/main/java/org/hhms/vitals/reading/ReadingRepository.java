package org.hhms.vitals.reading;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hhms.contracts.vitals.VitalMetric;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Readings in PostgreSQL (a TimescaleDB hypertable where available). Writes of a whole batch are one statement per
 * table over {@code unnest} of arrays: one round trip however large the batch, instead of one insert per row.
 */
@Repository
public class ReadingRepository {

    static final String COLUMNS = "patient_id, recorded_at, reading_id, received_at, device_id, heart_rate, spo2, "
            + "respiratory_rate, systolic_bp, diastolic_bp, temperature, glucose, weight_kg, on_oxygen, consciousness";

    private final JdbcTemplate jdbc;

    public ReadingRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the idempotency keys of these readings (of any patients; each key once) and returns those that were
     * new. A key another transaction holds makes this wait for it to finish: concurrent copies of one reading are
     * stored exactly once. Keys are claimed in one order (patient, then reading id), so two transactions claiming
     * overlapping keys wait for each other instead of deadlocking.
     */
    public Set<ReadingKey> claimKeys(List<Reading> readings) {
        if (readings.isEmpty()) {
            return Set.of();
        }
        return jdbc.execute((ConnectionCallback<Set<ReadingKey>>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO reading_keys (patient_id, reading_id, recorded_at)
                    SELECT k.patient_id, k.reading_id, k.recorded_at
                      FROM unnest(?::uuid[], ?::text[], ?::timestamptz[]) AS k(patient_id, reading_id, recorded_at)
                     ORDER BY k.patient_id, k.reading_id
                    ON CONFLICT DO NOTHING
                    RETURNING patient_id, reading_id
                    """)) {
                statement.setArray(1, connection.createArrayOf("uuid",
                        readings.stream().map(Reading::patientId).toArray()));
                statement.setArray(2, text(connection, readings.stream().map(Reading::readingId).toList()));
                statement.setArray(3, text(connection, readings.stream().map(r -> r.recordedAt().toString()).toList()));
                Set<ReadingKey> claimed = new HashSet<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        claimed.add(new ReadingKey(rows.getObject(1, UUID.class), rows.getString(2)));
                    }
                }
                return claimed;
            }
        });
    }

    public void insert(List<Reading> readings) {
        if (readings.isEmpty()) {
            return;
        }
        jdbc.execute((ConnectionCallback<Integer>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO readings (" + COLUMNS + """
                    ) SELECT * FROM unnest(?::uuid[], ?::timestamptz[], ?::text[], ?::timestamptz[], ?::text[],
                                           ?::float8[], ?::float8[], ?::float8[], ?::float8[], ?::float8[],
                                           ?::float8[], ?::float8[], ?::float8[], ?::bool[], ?::text[])
                    """)) {
                int i = 1;
                statement.setArray(i++, connection.createArrayOf("uuid",
                        readings.stream().map(Reading::patientId).toArray()));
                statement.setArray(i++, text(connection, readings.stream().map(r -> r.recordedAt().toString()).toList()));
                statement.setArray(i++, text(connection, readings.stream().map(Reading::readingId).toList()));
                statement.setArray(i++, text(connection, readings.stream().map(r -> r.receivedAt().toString()).toList()));
                statement.setArray(i++, text(connection, readings.stream().map(Reading::deviceId).toList()));
                for (VitalMetric metric : VitalMetric.values()) {
                    statement.setArray(i++, connection.createArrayOf("float8",
                            readings.stream().map(r -> r.value(metric)).toArray()));
                }
                statement.setArray(i++, connection.createArrayOf("bool",
                        readings.stream().map(Reading::onOxygen).toArray()));
                statement.setArray(i, text(connection, readings.stream()
                        .map(r -> r.consciousness() == null ? null : r.consciousness().json()).toList()));
                return statement.executeUpdate();
            }
        });
    }

    /** The stored readings behind these idempotency keys (for answering a retry with what was stored). */
    public List<Reading> findByKeys(UUID patientId, Collection<String> readingIds) {
        if (readingIds.isEmpty()) {
            return List.of();
        }
        return jdbc.execute((ConnectionCallback<List<Reading>>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + prefixed("r") + """
                      FROM reading_keys k
                      JOIN readings r ON r.patient_id = k.patient_id AND r.recorded_at = k.recorded_at
                                     AND r.reading_id = k.reading_id
                     WHERE k.patient_id = ? AND k.reading_id = ANY (?)
                    """)) {
                statement.setObject(1, patientId);
                statement.setArray(2, text(connection, List.copyOf(readingIds)));
                return readAll(statement);
            }
        });
    }

    /** Readings of a patient between two times (both inclusive), oldest first, at most {@code limit}. */
    public List<Reading> findBetween(UUID patientId, Instant start, Instant end, VitalMetric having, int limit) {
        String filter = having == null ? "" : " AND " + having.json() + " IS NOT NULL";
        return jdbc.query("SELECT " + COLUMNS + " FROM readings WHERE patient_id = ? AND recorded_at >= ? "
                + "AND recorded_at <= ?" + filter + " ORDER BY recorded_at, reading_id LIMIT ?",
                (rs, row) -> map(rs), patientId, Timestamp.from(start), Timestamp.from(end), limit);
    }

    /**
     * A page of a patient's readings, newest first: those in {@code [from, to)} that carry any of {@code having},
     * at or before the reading {@code (beforeTime, beforeId)} when given (keyset paging: a page does not shift when
     * readings arrive), at most {@code limit}.
     */
    public List<Reading> findNewestFirst(UUID patientId, Instant from, Instant to, Collection<VitalMetric> having,
            Instant beforeTime, String beforeId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM readings WHERE patient_id = ?");
        List<Object> arguments = new ArrayList<>(List.of(patientId));
        if (from != null) {
            sql.append(" AND recorded_at >= ?");
            arguments.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND recorded_at < ?");
            arguments.add(Timestamp.from(to));
        }
        if (beforeTime != null) {
            sql.append(" AND (recorded_at, reading_id) <= (?, ?)");
            arguments.add(Timestamp.from(beforeTime));
            arguments.add(beforeId);
        }
        sql.append(" AND (").append(String.join(" OR ", having.stream().map(m -> m.json() + " IS NOT NULL")
                .toList())).append(") ORDER BY recorded_at DESC, reading_id DESC LIMIT ?");
        arguments.add(limit);
        return jdbc.query(sql.toString(), (rs, row) -> map(rs), arguments.toArray());
    }

    /** The patient's readings taken at exactly this time (an Observation's id names one of them). */
    public List<Reading> findAt(UUID patientId, Instant recordedAt) {
        return jdbc.query("SELECT " + COLUMNS + " FROM readings WHERE patient_id = ? AND recorded_at = ?",
                (rs, row) -> map(rs), patientId, Timestamp.from(recordedAt));
    }

    /** The newest value of each metric (and of on_oxygen and consciousness) with its time, from the table. */
    public Map<String, TimedValue> newestValues(UUID patientId) {
        Map<String, TimedValue> newest = new java.util.LinkedHashMap<>();
        List<String> fields = new ArrayList<>();
        for (VitalMetric metric : VitalMetric.values()) {
            fields.add(metric.json());
        }
        fields.add("on_oxygen");
        fields.add("consciousness");
        for (String field : fields) {
            // One index walk per field, newest first, stopping at the first row that has it.
            jdbc.query("SELECT " + field + "::text AS value, recorded_at FROM readings WHERE patient_id = ? AND "
                    + field + " IS NOT NULL ORDER BY recorded_at DESC LIMIT 1", rs -> {
                        newest.put(field, new TimedValue(rs.getString("value"),
                                rs.getTimestamp("recorded_at").toInstant()));
                    }, patientId);
        }
        return newest;
    }

    /** Deletes a patient's readings and idempotency keys; returns how many readings. */
    public int deleteAll(UUID patientId) {
        jdbc.update("DELETE FROM reading_keys WHERE patient_id = ?", patientId);
        return jdbc.update("DELETE FROM readings WHERE patient_id = ?", patientId);
    }

    private static List<Reading> readAll(PreparedStatement statement) throws SQLException {
        List<Reading> readings = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                readings.add(map(rs));
            }
        }
        return readings;
    }

    static Reading map(ResultSet rs) throws SQLException {
        Map<VitalMetric, Double> values = new EnumMap<>(VitalMetric.class);
        for (VitalMetric metric : VitalMetric.values()) {
            double value = rs.getDouble(metric.json());
            if (!rs.wasNull()) {
                values.put(metric, value);
            }
        }
        Boolean onOxygen = rs.getObject("on_oxygen", Boolean.class);
        String consciousness = rs.getString("consciousness");
        return new Reading(rs.getObject("patient_id", UUID.class), rs.getString("reading_id"),
                rs.getTimestamp("recorded_at").toInstant(), rs.getTimestamp("received_at").toInstant(),
                rs.getString("device_id"), values, onOxygen,
                consciousness == null ? null : Consciousness.parse(consciousness));
    }

    private static String prefixed(String alias) {
        return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
    }

    private static Array text(Connection connection, List<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }

    /** A value as text with the time of the reading it came from. */
    public record TimedValue(String value, Instant recordedAt) {
    }
}
