package org.hhms.common.security;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The device tokens revoked by the user-service, read from the Redis set {@code hhms:auth:revoked-devices} every
 * {@code hhms.security.revocation-refresh} (2 s): a check per request costs nothing, and a revocation takes effect
 * everywhere within that interval. While Redis cannot be read the last known set stays in force.
 */
public class RevokedDevices implements OAuth2TokenValidator<Jwt>, InitializingBean, DisposableBean {

    public static final String KEY = "hhms:auth:revoked-devices";
    private static final Logger log = LoggerFactory.getLogger(RevokedDevices.class);

    private final StringRedisTemplate redis;
    private final String key;
    private final Duration refresh;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("revoked-devices").factory());
    private volatile Set<String> revoked = Set.of();
    private volatile boolean failing;

    public RevokedDevices(StringRedisTemplate redis, String key, Duration refresh) {
        this.redis = redis;
        this.key = key;
        this.refresh = refresh;
    }

    @Override
    public void afterPropertiesSet() {
        reload();
        timer.scheduleWithFixedDelay(this::reload, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }

    public boolean isRevoked(String deviceKey) {
        return revoked.contains(deviceKey);
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        if (CallerRole.DEVICE.claim().equals(jwt.getClaimAsString(JwtTokens.ROLE)) && isRevoked(jwt.getSubject())) {
            return JwtTokens.invalid("this device token has been revoked");
        }
        return OAuth2TokenValidatorResult.success();
    }

    void reload() {
        try {
            Set<String> members = redis.opsForSet().members(key);
            revoked = members == null ? Set.of() : Set.copyOf(members);
            if (failing) {
                log.info("Revoked device list readable again ({} revoked)", revoked.size());
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
