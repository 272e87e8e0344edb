package org.hhms.gateway.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import reactor.core.publisher.Mono;

/**
 * The gateway's rate limiter (Spring Cloud Gateway's Redis token bucket) made to fail open <em>fast</em>: a limit
 * check that takes longer than {@code timeout} lets the request through, and after such a failure the check is
 * skipped for {@code skip}, so a Redis outage costs one short wait per skip period instead of a Redis timeout on
 * every ingest and login request (it once cut ingest from 600 to 8 requests/s). Both limited routes fail open on
 * purpose (docs/security.md): readings must not be lost to a limiter, and the user-service throttles sign-in
 * attempts itself.
 */
public class FailFastRateLimiter extends RedisRateLimiter {

    private static final Logger log = LoggerFactory.getLogger(FailFastRateLimiter.class);

    private final Duration timeout;
    private final Duration skip;
    private volatile long skipUntil;

    public FailFastRateLimiter(ReactiveStringRedisTemplate redis, RedisScript<List<Long>> script,
            ConfigurationService configuration, Duration timeout, Duration skip) {
        super(redis, script, configuration);
        this.timeout = timeout;
        this.skip = skip;
    }

    @Override
    public Mono<Response> isAllowed(String routeId, String id) {
        if (System.nanoTime() < skipUntil) {
            return Mono.just(new Response(true, Map.of()));
        }
        return super.isAllowed(routeId, id)
                .timeout(timeout)
                .onErrorResume(error -> {
                    skipUntil = System.nanoTime() + skip.toNanos();
                    log.warn("Rate limits not checked for {} s (Redis did not answer: {}); requests pass unlimited",
                            skip.toSeconds(), error.toString());
                    return Mono.just(new Response(true, Map.of()));
                });
    }
}
