package org.hhms.vitals.history;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

import org.hhms.contracts.vitals.VitalMetric;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Hourly and daily figures of one metric. On TimescaleDB they come from the continuous aggregate
 * {@code readings_hourly} (real-time, so it answers the same as the raw table); on plain PostgreSQL from the
 * readings table. Buckets are UTC hours and days.
 */
@Repository
public class AggregateRepository {

    private final JdbcTemplate jdbc;
    private final boolean continuousAggregate;

    public AggregateRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.continuousAggregate = Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT to_regclass('readings_hourly') IS NOT NULL", Boolean.class));
    }

    public List<AggregateBucket> buckets(UUID patientId, VitalMetric metric, String unit, TimeRange range) {
        String column = metric.json();
        String sql = continuousAggregate ? """
                SELECT date_trunc('%2$s', bucket_start) AS bucket, min(%1$s_min) AS min, max(%1$s_max) AS max,
                       sum(%1$s_sum) / sum(%1$s_count) AS avg, sum(%1$s_count) AS count
                  FROM readings_hourly
                 WHERE patient_id = ? AND bucket_start >= date_trunc('hour', ?::timestamptz)
                   AND bucket_start <= ? AND %1$s_count > 0
                 GROUP BY 1 ORDER BY 1
                """.formatted(column, unit) : """
                SELECT date_trunc('%2$s', recorded_at) AS bucket, min(%1$s) AS min, max(%1$s) AS max,
                       avg(%1$s) AS avg, count(%1$s) AS count
                  FROM readings
                 WHERE patient_id = ? AND recorded_at >= ? AND recorded_at <= ? AND %1$s IS NOT NULL
                 GROUP BY 1 ORDER BY 1
                """.formatted(column, unit);
        // The continuous aggregate has whole hours: bounds are widened to the hours they fall in.
        return jdbc.query(sql, (rs, row) -> new AggregateBucket(rs.getTimestamp("bucket").toInstant(),
                rs.getDouble("min"), rs.getDouble("max"), rs.getDouble("avg"), rs.getLong("count")),
                patientId, Timestamp.from(range.start()), Timestamp.from(range.end()));
    }
}
