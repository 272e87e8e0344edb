package org.hhms.security;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.hhms.contracts.RedisKeys;
import org.hhms.tokens.JwtTokens;
import org.hhms.tokens.RevokedDevices;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

import tools.jackson.databind.ObjectMapper;

/**
 * Makes every HHMS servlet service an OAuth2 resource server for HHMS tokens: each request but health, API docs
 * and the service's {@code hhms.security.public-paths} needs a valid bearer token (401 problem details otherwise);
 * what the caller may then do is decided by {@link PatientAccess}; every route call is audited.
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration", beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
public class HhmsSecurityAutoConfiguration {

    /** Actuator lives on the management port only (loopback, or the internal network): no token there. */
    private static final String[] ALWAYS_PUBLIC = { "/health", "/error", "/actuator/**", "/*/api-docs", "/*/api-docs/**", "/*/docs", "/*/docs/**", "/*/swagger-ui/**" };

    @Bean
    JwtTokens jwtTokens(SecurityProperties properties) {
        return new JwtTokens(properties.jwtSecret(), properties.issuer(), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnBean(StringRedisTemplate.class)
    RevokedDevices revokedDevices(StringRedisTemplate redis, RedisKeys keys, SecurityProperties properties) {
        return new RevokedDevices(redis, keys.key(RevokedDevices.KEY), properties.revocationRefresh());
    }

    @Bean
    JwtDecoder jwtDecoder(JwtTokens tokens, ObjectProvider<RevokedDevices> revoked) {
        RevokedDevices devices = revoked.getIfAvailable();
        OAuth2TokenValidator<Jwt> check = devices != null ? devices : jwt -> OAuth2TokenValidatorResult.success();
        return tokens.decoder(check);
    }

    @Bean
    ServiceTokens serviceTokens(JwtTokens tokens, @Value("${spring.application.name:hhms}") String name) {
        return new ServiceTokens(tokens, name);
    }

    @Bean
    PatientAccess patientAccess(CareTeamLookup careTeams) {
        return new PatientAccess(careTeams);
    }

    @Bean
    SecurityFilterChain hhmsSecurityFilterChain(HttpSecurity http, SecurityProperties properties,
            JwtDecoder decoder, ObjectMapper mapper) throws Exception {
        ProblemResponses problems = new ProblemResponses(mapper);
        List<String> open = new ArrayList<>(List.of(ALWAYS_PUBLIC));
        open.addAll(properties.publicPaths());
        JwtAuthenticationConverter authorities = new JwtAuthenticationConverter();
        authorities.setJwtGrantedAuthoritiesConverter(jwt -> List.of(
                new SimpleGrantedAuthority("ROLE_" + jwt.getClaimAsString(JwtTokens.ROLE).toUpperCase())));
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.OPTIONS, "/**").permitAll()
                        .requestMatchers(open.toArray(String[]::new)).permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(o -> o
                        .jwt(j -> j.decoder(decoder).jwtAuthenticationConverter(authorities))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives("frame-ancestors 'none'")));
        return http.build();
    }
}
