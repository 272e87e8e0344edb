package org.hhms.gateway.security;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.observation.ObservationPredicate;

import org.hhms.contracts.RedisKeys;
import org.hhms.gateway.web.Problems;
import org.hhms.tokens.JwtTokens;
import org.hhms.tokens.RevokedDevices;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;

import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * The gateway lets through only requests with a valid HHMS bearer token, except health, API docs, login and
 * token refresh; it answers the rest 401 problem details and passes the token on unchanged (every service checks
 * it again). Rate limits (429 with Retry-After) are on the ingest and login routes, keyed by these resolvers.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewaySecurityProperties.class)
public class GatewaySecurityConfiguration {

    static final String[] PUBLIC = { "/health", "/*/health", "/users/login", "/users/token/refresh",
            "/*/api-docs", "/*/api-docs/**", "/*/docs", "/*/docs/**", "/*/swagger-ui/**", "/fhir/metadata",
            // The dashboard's pages sign people in with a server session of their own (no bearer token reaches a
            // browser); the dashboard checks every one of them, and the API checks the person's token behind it.
            "/", "/sign-in", "/sign-out", "/patients", "/patients/**", "/inbox", "/inbox/**", "/admin",
            "/admin/**", "/assets/**", "/webjars/**" };

    /**
     * The services' revoked device list, read the same way (its own thread, fails closed while Redis has lost it);
     * a blocking read on that thread, never on the event loop.
     */
    @Bean
    RevokedDevices revokedDevices(StringRedisTemplate redis, GatewaySecurityProperties properties) {
        return new RevokedDevices(redis, new RedisKeys(properties.keyPrefix()).key(RevokedDevices.KEY),
                properties.revocationRefresh());
    }

    /** The services' checks (HS256 only, expiry, issuer, a known role, device revocation), reactive. */
    @Bean
    ReactiveJwtDecoder jwtDecoder(GatewaySecurityProperties properties, RevokedDevices revoked) {
        return new JwtTokens(properties.jwtSecret(), properties.issuer(), Clock.systemUTC()).reactiveDecoder(revoked);
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
            ObjectMapper mapper) {
        ServerAuthenticationEntryPoint unauthorized = (exchange, e) -> {
            boolean invalid = e instanceof InvalidBearerTokenException;
            if (invalid && String.valueOf(e.getMessage()).contains(RevokedDevices.UNAVAILABLE)) {
                exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "2");
                return Problems.write(exchange, mapper, HttpStatus.SERVICE_UNAVAILABLE, "Device tokens cannot be "
                        + "checked right now: " + RevokedDevices.UNAVAILABLE + " (HHMS is recovering from a "
                        + "Redis restart). Retry shortly.", "not_applied");
            }
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                    invalid ? "Bearer error=\"invalid_token\"" : "Bearer");
            return Problems.write(exchange, mapper, HttpStatus.UNAUTHORIZED, invalid
                    ? "The bearer token was refused: " + e.getMessage()
                    : "Authentication required: send 'Authorization: Bearer <token>' (POST /users/login gives people "
                            + "a token; devices use the token they were registered with)");
        };
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(a -> a.pathMatchers(HttpMethod.OPTIONS, "/**").permitAll()
                        .pathMatchers(PUBLIC).permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(o -> o.jwt(j -> j.jwtDecoder(decoder)).authenticationEntryPoint(unauthorized))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("frame-ancestors 'none'")))
                .build();
    }

    /**
     * Replaces Spring Cloud Gateway's limiter (same configuration keys, same script) with one that fails open fast.
     * The script is read once: Spring Cloud Gateway's own bean asks its jar resource for a modification time on
     * every request, which opens the nested jar and throws a caught exception each time.
     */
    @Bean
    RedisRateLimiter redisRateLimiter(ReactiveStringRedisTemplate redis, ConfigurationService configuration)
            throws IOException {
        @SuppressWarnings({ "unchecked", "rawtypes" })
        RedisScript<List<Long>> script = (RedisScript) RedisScript.of(new ClassPathResource(
                "META-INF/scripts/request_rate_limiter.lua").getContentAsString(StandardCharsets.UTF_8), List.class);
        return new FailFastRateLimiter(redis, script, configuration, Duration.ofMillis(200), Duration.ofSeconds(5));
    }

    /**
     * No observation per security filter: Spring Security wraps each of its dozen filters in one, a measured share
     * of every request's CPU, and nothing reads them (requests are still observed and timed as a whole).
     */
    @Bean
    ObservationPredicate noSecurityFilterObservations() {
        return (name, context) -> !name.startsWith("spring.security.");
    }

    @Bean
    RateLimitProblems rateLimitProblems(ObjectMapper mapper) {
        return new RateLimitProblems(mapper);
    }

    /** Ingest is limited per caller: the device (or person) named by the token's subject. */
    @Bean
    @Primary
    KeyResolver callerKeyResolver(GatewaySecurityProperties properties) {
        return exchange -> exchange.getPrincipal()
                .map(principal -> properties.keyPrefix() + "caller:" + principal.getName());
    }

    /**
     * Login and refresh are limited per client address: the TCP peer, not X-Forwarded-For, which any client could
     * set (behind a trusted proxy, have it enforce its own limit).
     */
    @Bean
    KeyResolver clientAddressKeyResolver(GatewaySecurityProperties properties) {
        return exchange -> {
            InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
            String address = remote == null || remote.getAddress() == null ? "unknown"
                    : remote.getAddress().getHostAddress();
            return Mono.just(properties.keyPrefix() + "address:" + address);
        };
    }
}
