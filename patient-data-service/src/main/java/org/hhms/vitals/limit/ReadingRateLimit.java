package org.hhms.vitals.limit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.hhms.contracts.RedisKeys;
import org.hhms.messaging.RedisScripts;
import org.hhms.vitals.config.VitalsProperties;
import org.hhms.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The ingest limit, counted in readings per caller (a device, or a person posting for a patient): the gateway can
 * only count requests, and one device once posted 101,000 readings in 5 s in batches of 1,000. A Redis token bucket
 * shared by every instance; a request takes as many tokens as it carries readings, or is answered 429 with
 * {@code Retry-After}. <b>Fails open:</b> while Redis cannot be reached readings are taken unlimited (a monitoring
 * system must not drop a reading because its limiter's store is down; the concurrency limit still protects the
 * service), and after a failure the limiter is skipped for {@value #SKIP_SECONDS} s so an outage does not slow every
 * request by a Redis timeout.
 */
@Component
public class ReadingRateLimit {

    private static final Logger log = LoggerFactory.getLogger(ReadingRateLimit.class);
    private static final long SKIP_SECONDS = 5;
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> TAKE = RedisScripts.load(List.class,
            "org/hhms/vitals/limit/take-readings.lua");

    private final StringRedisTemplate redis;
    private final RedisKeys keys;
    private final VitalsProperties properties;
    private final Clock clock;
    private volatile Instant skipUntil = Instant.EPOCH;

    public ReadingRateLimit(StringRedisTemplate redis, RedisKeys keys, VitalsProperties properties, Clock clock) {
        this.clock = clock;
        this.redis = redis;
        this.keys = keys;
        this.properties = properties;
    }

    /** Takes {@code readings} from the caller's bucket, or throws a 429 saying when they would fit. */
    public void take(String caller, int readings) {
        int burst = properties.ingestBurst();
        if (readings > burst) {
            throw tooMany("a request may carry at most " + burst + " readings per caller (INGEST_RATE_BURST); "
                    + "split it", Duration.ofSeconds((long) Math.ceil(burst / properties.ingestRate())));
        }
        if (clock.instant().isBefore(skipUntil)) {
            return;
        }
        List<?> answer;
        try {
            answer = redis.execute(TAKE, List.of(keys.key("hhms:ingest-limit:" + caller)),
                    Double.toString(properties.ingestRate()), Integer.toString(burst), Integer.toString(readings));
        } catch (RuntimeException e) {
            skipUntil = clock.instant().plusSeconds(SKIP_SECONDS);
            log.warn("Ingest limit not checked for {} s (Redis unavailable: {}); readings are taken unlimited",
                    SKIP_SECONDS, e.toString());
            return;
        }
        if (answer != null && Long.parseLong(answer.get(0).toString()) == 0) {
            long wait = Math.max(1, Long.parseLong(answer.get(2).toString()));
            throw tooMany("at most " + format(properties.ingestRate()) + " readings per second per caller "
                    + "(INGEST_RATE_LIMIT), " + burst + " at once (INGEST_RATE_BURST); retry in " + wait + " s",
                    Duration.ofSeconds(wait));
        }
    }

    private static ApiProblem tooMany(String detail, Duration retryAfter) {
        ApiProblem problem = new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "Too many readings: " + detail);
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
        return problem;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
