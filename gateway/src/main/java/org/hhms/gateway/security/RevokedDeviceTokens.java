package org.hhms.gateway.security;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

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
    private volatile Disposable refresh;

    public RevokedDeviceTokens(ReactiveStringRedisTemplate redis, String key, Duration every) {
        this.redis = redis;
        this.key = key;
        this.every = every;
    }

    /**
     * Starts reading once the application runs (a Redis call made while the context is still starting can wait
     * forever), each read bounded so one hung call cannot stop the refresh.
     */
    @Override
    public void start() {
        refresh = Flux.interval(Duration.ZERO, every)
                .concatMap(tick -> redis.opsForSet().members(key).collect(Collectors.toUnmodifiableSet())
                        .timeout(every.plusSeconds(1))
                        .doOnNext(members -> {
                            known = members.contains(PUBLISHED);
                            revoked = known ? members : Set.of();
                        })
                        .onErrorResume(e -> {
                            log.warn("Cannot read the revoked device list; keeping the last known one: {}",
                                    e.toString());
                            return Mono.empty();
                        }))
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = refresh;
        refresh = null;
        if (running != null) {
            running.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return refresh != null;
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
