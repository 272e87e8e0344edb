package org.hhms.analytics.news2;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The newest value of each NEWS2 parameter per patient, in the database every instance shares: an upsert where the
 * newer value wins, so readings of one patient handled by different instances, late or twice, leave it right.
 */
@Repository
public class News2StateRepository {

    private final JdbcClient jdbc;

    public News2StateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A parameter's value as it was stored before a reading. */
    public record Previous(double value, Instant recordedAt) {
    }

    /**
     * Stores the values of one reading, each only where it is newer than what is stored, in one statement; returns
     * the values stored before it for the same parameters (to tell a jump from a trend).
     */
    public Map<News2Parameter, Previous> remember(UUID patientId, Map<News2Parameter, Double> values,
            Instant recordedAt) {
        Map<News2Parameter, Previous> previous = new EnumMap<>(News2Parameter.class);
        if (values.isEmpty()) {
            return previous;
        }
        // Array literals: parameter names are enum constants and values are doubles, so nothing needs quoting.
        String names = values.keySet().stream().map(News2Parameter::json).collect(Collectors.joining(",", "{", "}"));
        String numbers = values.values().stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
        // Every part of one statement sees the rows as they were before it: "previous" is what was stored before.
        jdbc.sql("""
                WITH previous AS (
                    SELECT parameter, value, recorded_at FROM recent_values
                     WHERE patient_id = :p AND parameter = ANY (CAST(:names AS text[]))
                ), stored AS (
                    INSERT INTO recent_values (patient_id, parameter, value, recorded_at)
                    SELECT :p, u.parameter, u.value, :t
                      FROM unnest(CAST(:names AS text[]), CAST(:numbers AS float8[])) AS u(parameter, value)
                    ON CONFLICT (patient_id, parameter) DO UPDATE SET value = excluded.value,
                                                                      recorded_at = excluded.recorded_at
                     WHERE recent_values.recorded_at <= excluded.recorded_at
                )
                SELECT parameter, value, recorded_at FROM previous
                """).param("p", patientId).param("names", names).param("numbers", numbers)
                .param("t", Timestamp.from(recordedAt))
                .query((rs, row) -> previous.put(News2Parameter.valueOf(rs.getString(1).toUpperCase()),
                        new Previous(rs.getDouble(2), rs.getTimestamp(3).toInstant())))
                .list();
        return previous;
    }

    /** What NEWS2 needs in one round trip: the parameters with a value within [from, to], and the SpO2 scale. */
    public Snapshot snapshot(UUID patientId, Instant from, Instant to) {
        Map<News2Parameter, Double> values = new EnumMap<>(News2Parameter.class);
        int[] scale = { 1 };
        jdbc.sql("""
                SELECT 'spo2_scale' AS parameter, spo2_scale::float8 AS value FROM patient_settings
                 WHERE patient_id = :p
                UNION ALL
                SELECT parameter, value FROM recent_values
                 WHERE patient_id = :p AND recorded_at >= :from AND recorded_at <= :to
                """).param("p", patientId).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, row) -> {
                    String parameter = rs.getString("parameter");
                    if ("spo2_scale".equals(parameter)) {
                        scale[0] = (int) rs.getDouble("value");
                    } else {
                        values.put(News2Parameter.valueOf(parameter.toUpperCase()), rs.getDouble("value"));
                    }
                    return parameter;
                }).list();
        return new Snapshot(values, scale[0]);
    }

    /** A patient's NEWS2 inputs at one moment. */
    public record Snapshot(Map<News2Parameter, Double> values, int spo2Scale) {
    }


    /** The patient's SpO2 scale: 1 unless a clinician set 2. */
    public int spo2Scale(UUID patientId) {
        return jdbc.sql("SELECT spo2_scale FROM patient_settings WHERE patient_id = :p").param("p", patientId)
                .query(Integer.class).optional().orElse(1);
    }

    public void setSpo2Scale(UUID patientId, int scale) {
        jdbc.sql("""
                INSERT INTO patient_settings (patient_id, spo2_scale, updated_at) VALUES (:p, :s, now())
                ON CONFLICT (patient_id) DO UPDATE SET spo2_scale = excluded.spo2_scale, updated_at = now()
                """).param("p", patientId).param("s", scale).update();
    }
}
