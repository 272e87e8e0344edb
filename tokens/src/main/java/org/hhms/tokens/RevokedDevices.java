package org.hhms.tokens;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The device tokens revoked by the user-service, read from the Redis set {@code hhms:auth:revoked-devices} every
 * {@code hhms.security.revocation-refresh} (2 s): a check per request costs nothing, and a revocation takes effect
 * everywhere within that interval. While Redis cannot be read the last known set stays in force. The user-service
 * (whose database is the source of truth) always publishes the set with the member {@value #PUBLISHED}; a set
 * without it is one Redis lost (a restart without persistence), and until the user-service has published it again
 * — within seconds — device tokens are refused with a 503: revocation fails closed, never open.
 */
public class RevokedDevices implements OAuth2TokenValidator<Jwt>, SmartLifecycle {

    public static final String KEY = "hhms:auth:revoked-devices";
    /** The member every published list holds (not a device key: those are UUIDs). */
    public static final String PUBLISHED = "published";
    /** Part of the refusal while the list is unknown; the entry points answer it 503 rather than 401. */
    public static final String UNAVAILABLE = "the list of revoked device tokens is not available yet";
    private static final Logger log = LoggerFactory.getLogger(RevokedDevices.class);

    private final StringRedisTemplate redis;
    private final String key;
    private final Duration refresh;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("revoked-devices").factory());
    private volatile Set<String> revoked = Set.of();
    private volatile boolean known;
    private volatile boolean failing;
    private volatile boolean running;

    public RevokedDevices(StringRedisTemplate redis, String key, Duration refresh) {
        this.redis = redis;
        this.key = key;
        this.refresh = refresh;
    }

    /** Reads the list once Redis's connections have started and before the web server takes requests. */
    @Override
    public void start() {
        reload();
        timer.scheduleWithFixedDelay(this::reload, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        timer.shutdownNow();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the Redis connection factory (phase 0), before the web server (just under Integer.MAX_VALUE). */
    @Override
    public int getPhase() {
        return 100;
    }

    public boolean isRevoked(String deviceKey) {
        return revoked.contains(deviceKey);
    }

    /** Whether the published list is known (false until it has been read, and while Redis has lost it). */
    public boolean isKnown() {
        return known;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        if (!CallerRole.DEVICE.claim().equals(jwt.getClaimAsString(JwtTokens.ROLE))) {
            return OAuth2TokenValidatorResult.success();
        }
        if (!known) {
            return JwtTokens.invalid(UNAVAILABLE + "; retry in a few seconds");
        }
        if (isRevoked(jwt.getSubject())) {
            return JwtTokens.invalid("this device token has been revoked");
        }
        return OAuth2TokenValidatorResult.success();
    }

    void reload() {
        try {
            Set<String> members = redis.opsForSet().members(key);
            boolean published = members != null && members.contains(PUBLISHED);
            if (!published && known) {
                log.warn("The revoked device list is gone from Redis (restarted without its data?); device tokens "
                        + "are refused until the user-service publishes it again");
            }
            revoked = published ? Set.copyOf(members) : Set.of();
            known = published;
            if (failing) {
                log.info("Revoked device list readable again ({} revoked)", revoked.size() - (known ? 1 : 0));
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Cannot read the revoked device list; keeping the last known one: {}", e.toString());
                failing = true;
            }
        }
    }
}
