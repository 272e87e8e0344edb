package org.hhms.gateway.security;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Refuses device tokens the user-service has revoked: the Redis set {@code hhms:auth:revoked-devices}, re-read every
 * {@code hhms.security.revocation-refresh}; while Redis cannot be read the last known set stays in force.
 */
public class RevokedDeviceTokens implements OAuth2TokenValidator<Jwt>, DisposableBean {

    public static final String KEY = "hhms:auth:revoked-devices";
    private static final Logger log = LoggerFactory.getLogger(RevokedDeviceTokens.class);

    private volatile Set<String> revoked = Set.of();
    private final Disposable refresh;

    public RevokedDeviceTokens(ReactiveStringRedisTemplate redis, String key, Duration every) {
        this.refresh = Flux.interval(Duration.ZERO, every)
                .concatMap(tick -> redis.opsForSet().members(key).collect(Collectors.toUnmodifiableSet())
                        .doOnNext(members -> revoked = members)
                        .onErrorResume(e -> {
                            log.warn("Cannot read the revoked device list; keeping the last known one: {}",
                                    e.toString());
                            return reactor.core.publisher.Mono.empty();
                        }))
                .subscribe();
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        if ("device".equals(jwt.getClaimAsString("role")) && revoked.contains(jwt.getSubject())) {
            return OAuth2TokenValidatorResult.failure(
                    new OAuth2Error("invalid_token", "this device token has been revoked", null));
        }
        return OAuth2TokenValidatorResult.success();
    }

    @Override
    public void destroy() {
        refresh.dispose();
    }
}
