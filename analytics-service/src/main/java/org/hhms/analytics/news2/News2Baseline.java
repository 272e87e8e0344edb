package org.hhms.analytics.news2;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.OptionalDouble;
import java.util.UUID;

import org.hhms.web.SqlArrays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * A patient's own usual NEWS2: the median of their hourly lowest complete scores over the day before the current
 * hour, once at least {@link #MIN_HOURS} hours are known. The hourly low is the patient at rest, so one bad hour does
 * not move the baseline; the median keeps one odd hour out of it too.
 */
@Repository
public class News2Baseline {

    static final int MIN_HOURS = 3;
    static final Duration SPAN = Duration.ofHours(24);

    private final JdbcClient jdbc;

    public News2Baseline(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A complete score of a patient taken within an hour (the start of that hour). */
    public record Score(UUID patientId, Instant hour, int score) {

        public static Score at(UUID patientId, Instant at, int score) {
            return new Score(patientId, at.truncatedTo(ChronoUnit.HOURS), score);
        }
    }

    /** Records complete scores in one statement (at most one per patient and hour): each hour keeps its lowest. */
    public void record(Collection<Score> scores) {
        if (scores.isEmpty()) {
            return;
        }
        jdbc.sql("""
                INSERT INTO news2_hourly_lows AS h (patient_id, hour, lowest)
                SELECT * FROM unnest(CAST(:patients AS uuid[]), CAST(:hours AS timestamptz[]), CAST(:scores AS int[]))
                ON CONFLICT (patient_id, hour) DO UPDATE SET lowest = least(h.lowest, excluded.lowest)
                 WHERE excluded.lowest < h.lowest
                """).param("patients", SqlArrays.of(scores, Score::patientId))
                .param("hours", SqlArrays.ofInstants(scores, Score::hour))
                .param("scores", SqlArrays.of(scores, Score::score)).update();
    }

    /** The baseline at {@code at}, if enough of the patient's day is known. */
    public OptionalDouble at(UUID patientId, Instant at) {
        Instant hour = at.truncatedTo(ChronoUnit.HOURS);
        return jdbc.sql("""
                SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY lowest) FROM news2_hourly_lows
                 WHERE patient_id = :p AND hour >= :from AND hour < :hour
                HAVING count(*) >= :min
                """).param("p", patientId).param("from", Timestamp.from(hour.minus(SPAN)))
                .param("hour", Timestamp.from(hour)).param("min", MIN_HOURS).query(Double.class).optional()
                .map(OptionalDouble::of).orElse(OptionalDouble.empty());
    }

    /** One hour's lowest complete score. */
    public record HourlyLow(Instant hour, int lowest) {
    }

    /** The patient's hourly lowest complete scores from {@code from} on, oldest first (kept 3 days). */
    public List<HourlyLow> hourlyLows(UUID patientId, Instant from) {
        return jdbc.sql("SELECT hour, lowest FROM news2_hourly_lows WHERE patient_id = :p AND hour >= :from ORDER BY hour")
                .param("p", patientId).param("from", Timestamp.from(from))
                .query((row, i) -> new HourlyLow(row.getTimestamp("hour").toInstant(), row.getInt("lowest"))).list();
    }

    /** Forgets hours that no baseline reads any more (hourly). */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT7M")
    public int prune() {
        return jdbc.sql("DELETE FROM news2_hourly_lows WHERE hour < now() - interval '3 days'").update();
    }
}
