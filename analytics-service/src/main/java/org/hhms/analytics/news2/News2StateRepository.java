package org.hhms.analytics.news2;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hhms.web.SqlArrays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The newest value of each NEWS2 parameter per patient, in the database every instance shares: read and written once
 * per batch of readings (the batch keeps them in between), with an upsert where the newer value wins, so readings of
 * one patient judged late or twice leave it right.
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

    /** A patient's stored NEWS2 values (the newest of each parameter) and SpO2 scale. */
    public record Stored(Map<News2Parameter, Previous> values, int spo2Scale) {

        /** What NEWS2 takes at one moment: the values taken within [from, to], and the scale. */
        public Snapshot within(Instant from, Instant to) {
            Map<News2Parameter, Double> within = new EnumMap<>(News2Parameter.class);
            values.forEach((parameter, value) -> {
                if (!value.recordedAt().isBefore(from) && !value.recordedAt().isAfter(to)) {
                    within.put(parameter, value.value());
                }
            });
            return new Snapshot(within, spo2Scale);
        }
    }

    /** The stored values and scale of each patient, in one statement; every patient asked for has an entry. */
    public Map<UUID, Stored> load(Collection<UUID> patients) {
        Map<UUID, Map<News2Parameter, Previous>> values = new HashMap<>();
        Map<UUID, Integer> scales = new HashMap<>();
        jdbc.sql("""
                SELECT patient_id, parameter, value, recorded_at FROM recent_values
                 WHERE patient_id = ANY (CAST(:patients AS uuid[]))
                UNION ALL
                SELECT patient_id, 'spo2_scale', spo2_scale::float8, NULL FROM patient_settings
                 WHERE patient_id = ANY (CAST(:patients AS uuid[]))
                """).param("patients", SqlArrays.of(patients, UUID::toString)).query((rs, row) -> {
                    UUID patient = rs.getObject(1, UUID.class);
                    String parameter = rs.getString(2);
                    if ("spo2_scale".equals(parameter)) {
                        scales.put(patient, (int) rs.getDouble(3));
                    } else {
                        values.computeIfAbsent(patient, p -> new EnumMap<>(News2Parameter.class)).put(
                                News2Parameter.valueOf(parameter.toUpperCase()),
                                new Previous(rs.getDouble(3), rs.getTimestamp(4).toInstant()));
                    }
                    return parameter;
                }).list();
        Map<UUID, Stored> stored = new HashMap<>();
        for (UUID patient : patients) {
            stored.put(patient, new Stored(values.getOrDefault(patient, new EnumMap<>(News2Parameter.class)),
                    scales.getOrDefault(patient, 1)));
        }
        return stored;
    }

    /** A parameter's newest value to store. */
    public record Value(UUID patientId, News2Parameter parameter, double value, Instant recordedAt) {
    }

    /**
     * Stores the values in one statement, each only where it is newer than what is stored (at most one per patient
     * and parameter).
     */
    public void store(List<Value> values) {
        if (values.isEmpty()) {
            return;
        }
        jdbc.sql("""
                INSERT INTO recent_values (patient_id, parameter, value, recorded_at)
                SELECT * FROM unnest(CAST(:patients AS uuid[]), CAST(:names AS text[]), CAST(:numbers AS float8[]),
                                     CAST(:times AS timestamptz[]))
                ON CONFLICT (patient_id, parameter) DO UPDATE SET value = excluded.value,
                                                                  recorded_at = excluded.recorded_at
                 WHERE recent_values.recorded_at <= excluded.recorded_at
                """).param("patients", SqlArrays.of(values, Value::patientId))
                .param("names", SqlArrays.of(values, v -> v.parameter().json()))
                .param("numbers", SqlArrays.of(values, Value::value))
                .param("times", SqlArrays.ofInstants(values, Value::recordedAt)).update();
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
