package org.hhms.analytics.news2;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

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

    public void remember(UUID patientId, News2Parameter parameter, double value, Instant recordedAt) {
        jdbc.sql("""
                INSERT INTO recent_values (patient_id, parameter, value, recorded_at) VALUES (:p, :param, :v, :t)
                ON CONFLICT (patient_id, parameter) DO UPDATE SET value = excluded.value, recorded_at = excluded.recorded_at
                 WHERE recent_values.recorded_at <= excluded.recorded_at
                """).param("p", patientId).param("param", parameter.json()).param("v", value)
                .param("t", Timestamp.from(recordedAt)).update();
    }

    /** The parameters with a value taken within [from, to]. */
    public Map<News2Parameter, Double> valuesBetween(UUID patientId, Instant from, Instant to) {
        Map<News2Parameter, Double> values = new EnumMap<>(News2Parameter.class);
        jdbc.sql("SELECT parameter, value FROM recent_values WHERE patient_id = :p AND recorded_at >= :from "
                + "AND recorded_at <= :to").param("p", patientId).param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((rs, row) -> values.put(News2Parameter.valueOf(rs.getString("parameter").toUpperCase()),
                        rs.getDouble("value")))
                .list();
        return values;
    }

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
