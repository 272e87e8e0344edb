package org.hhms.gateway.security;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;


/**
 * Refuses device tokens the user-service has revoked: the Redis set {@code hhms:auth:revoked-devices}, re-read every
 * {@code hhms.security.revocation-refresh}; while Redis cannot be read the last known set stays in force. A set
 * without the member {@value #PUBLISHED} is one Redis lost: until the user-service publishes it again every device
 * token is refused (503, see {@link GatewaySecurityConfiguration}) — revocation fails closed.
 */
public class RevokedDeviceTokens implements OAuth2TokenValidator<Jwt>, SmartLifecycle {

    public static final String KEY = "hhms:auth:revoked-devices";
    static final String PUBLISHED = "published";
    static final String UNAVAILABLE = "the list of revoked device tokens is not available yet";
    private static final Logger log = LoggerFactory.getLogger(RevokedDeviceTokens.class);

    private final ReactiveStringRedisTemplate redis;
    private final String key;
    private final Duration every;
    private volatile Set<String> revoked = Set.of();
    private volatile boolean known;
    private volatile ScheduledExecutorService timer;

    public RevokedDeviceTokens(ReactiveStringRedisTemplate redis, String key, Duration every) {
        this.redis = redis;
        this.key = key;
        this.every = every;
    }

    /**
     * Starts reading once the application runs, on a thread of its own: each read waits at most two seconds, and a
     * read that fails keeps the last known list.
     */
    @Override
    public void start() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("revoked-device-tokens").factory());
        timer.scheduleWithFixedDelay(this::reload, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        this.timer = timer;
    }

    private void reload() {
        try {
            Set<String> members = redis.opsForSet().members(key).collect(Collectors.toUnmodifiableSet())
                    .block(Duration.ofSeconds(2));
            known = members != null && members.contains(PUBLISHED);
            revoked = known ? members : Set.of();
        } catch (RuntimeException e) {
            log.warn("Cannot read the revoked device list; keeping the last known one: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = timer;
        timer = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }

    /** After the Redis connection factory (phase 0), before the web server takes requests. */
    @Override
    public int getPhase() {
        return 100;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        if (!"device".equals(jwt.getClaimAsString("role"))) {
            return OAuth2TokenValidatorResult.success();
        }
        if (!known) {
            return OAuth2TokenValidatorResult.failure(
                    new OAuth2Error("invalid_token", UNAVAILABLE + "; retry in a few seconds", null));
        }
        if (revoked.contains(jwt.getSubject())) {
            return OAuth2TokenValidatorResult.failure(
                    new OAuth2Error("invalid_token", "this device token has been revoked", null));
        }
        return OAuth2TokenValidatorResult.success();
    }

}
