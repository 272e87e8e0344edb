package org.hhms.vitals.limit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.hhms.contracts.RedisKeys;
import org.hhms.contracts.events.Streams;
import org.hhms.messaging.stream.GroupBacklog;
import org.hhms.vitals.config.VitalsProperties;
import org.hhms.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * How far behind analysis is, and the bound on it: a reading stored while analytics is {@code maxAnalysisLag}
 * behind would be judged that late, so beyond it ingest refuses new readings (503 with {@code Retry-After}) — the
 * device keeps them and sends them again, and whoever watches the device or {@code /health} learns that alarms
 * are late, rather than nobody. Readings already accepted are judged as analytics catches up.
 * <p>
 * The lag is the age of the oldest {@code hhms:vitals} entry the analytics group has not read yet (an entry's id is
 * the time it was added) and how many there are (Redis's {@code lag} of the group). Entries read but not yet
 * acknowledged do not count: they are being judged, or are a dead instance's and taken over within
 * {@code reclaim-idle}, or keep failing and go to the dead letters — a single poison entry must not stop ingest.
 * <p>
 * Measured in the background at most once a second, so a request never waits for Redis. <b>Fails open:</b> while
 * the lag cannot be measured (Redis down, the group not created yet) readings are taken — refusing them would lose
 * more than it protects — and the health document says so.
 */
@Component
public class AnalysisLag {

    private static final Logger log = LoggerFactory.getLogger(AnalysisLag.class);
    private static final Duration FRESH = Duration.ofSeconds(1);
    /** A measurement this old is not believed (Redis stopped answering): the lag counts as unknown. */
    private static final Duration TRUSTED = Duration.ofSeconds(10);

    private final GroupBacklog backlogs;
    private final String stream;
    private final VitalsProperties properties;
    private final Clock clock;
    private final AtomicBoolean measuring = new AtomicBoolean();
    private volatile Measurement latest;

    public AnalysisLag(StringRedisTemplate redis, RedisKeys keys, VitalsProperties properties, Clock clock,
            MeterRegistry meters) {
        this.backlogs = new GroupBacklog(redis);
        this.stream = keys.key(Streams.VITALS);
        this.properties = properties;
        this.clock = clock;
        this.latest = Measurement.unknown("not measured yet", Instant.EPOCH);
        Gauge.builder("hhms.analysis.lag", this, lag -> lag.current().behind().toMillis() / 1000.0)
                .baseUnit("seconds")
                .description("Age of the oldest reading analytics has not read yet (0 when unknown)").register(meters);
    }

    /** What analytics has not read yet; {@code problem} says why it is unknown (then entries is -1). */
    public record Measurement(long entries, Duration behind, Instant measuredAt, String problem) {

        static Measurement unknown(String problem, Instant at) {
            return new Measurement(-1, Duration.ZERO, at, problem);
        }

        public boolean known() {
            return problem == null;
        }
    }

    /** Throws a 503 with {@code Retry-After} while analysis is further behind than the bound (0 turns it off). */
    public void admit() {
        Duration max = properties.maxAnalysisLag();
        if (max.isZero()) {
            return;
        }
        Measurement now = current();
        if (now.known() && now.behind().compareTo(max) > 0) {
            throw ApiProblem.unavailable(describe(now) + ", beyond the " + seconds(max) + " s a reading may wait for "
                    + "its judgement (INGEST_MAX_ANALYSIS_LAG): not stored; send it again later");
        }
    }

    /** The latest measurement, renewed in the background when older than a second. */
    public Measurement current() {
        Measurement known = latest;
        Instant now = clock.instant();
        if (Duration.between(known.measuredAt(), now).compareTo(FRESH) >= 0 && measuring.compareAndSet(false, true)) {
            Thread.ofVirtual().name("analysis-lag").start(() -> {
                try {
                    measure();
                } finally {
                    measuring.set(false);
                }
            });
        }
        if (Duration.between(known.measuredAt(), now).compareTo(TRUSTED) > 0) {
            return Measurement.unknown(known.known() ? "not measured for " + seconds(Duration.between(
                    known.measuredAt(), now)) + " s" : known.problem(), known.measuredAt());
        }
        return known;
    }

    /** Measures now (one Redis script call), keeps and returns the result. */
    public Measurement measure() {
        Instant now = clock.instant();
        Measurement measured;
        try {
            measured = measureAt(now);
        } catch (RuntimeException e) {
            log.debug("Analysis lag not measured: {}", e.toString());
            measured = Measurement.unknown("not measured: " + e.getMessage(), now);
        }
        latest = measured;
        return measured;
    }

    private Measurement measureAt(Instant now) {
        String group = properties.analysisGroup();
        GroupBacklog.Figures backlog = backlogs.read(stream, group);
        if (!backlog.streamExists()) {
            return new Measurement(0, Duration.ZERO, now, null); // nothing was ever sent
        }
        if (!backlog.groupExists()) {
            return Measurement.unknown("no consumer group '" + group + "' on " + stream + " (analytics not started)",
                    now);
        }
        if (backlog.nextUndelivered() == null) {
            return new Measurement(0, Duration.ZERO, now, null);
        }
        Duration behind = Duration.ofMillis(Math.max(0, now.toEpochMilli() - backlog.nextAddedAtMillis()));
        return new Measurement(backlog.lag(), behind, now, null);
    }

    /** "Analysis is 42 s behind (12000 readings not yet read)". */
    public static String describe(Measurement lag) {
        return "Analysis is " + seconds(lag.behind()) + " s behind ("
                + (lag.entries() >= 0 ? lag.entries() + " readings" : "readings") + " not yet read)";
    }

    static String seconds(Duration duration) {
        return Long.toString(Math.round(duration.toMillis() / 1000.0));
    }
}
