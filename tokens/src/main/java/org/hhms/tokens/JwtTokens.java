package org.hhms.tokens;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Signs and verifies HHMS tokens: HS256 JWTs with the shared secret {@code HHMS_JWT_SECRET} (see docs/security.md).
 * The user-service signs people's and devices' tokens; every service signs its own short service tokens for
 * calls to the others, and the gateway and every service verify every token themselves, with the same checks.
 */
public class JwtTokens {

    public static final String ROLE = "role";
    public static final String PATIENT_ID = "patient_id";
    public static final String DEVICE_ID = "device_id";
    static final int MIN_SECRET_BYTES = 32;
    /**
     * The standard claim conversions, except that the issuer stays the text it is: by default it is tried as a URL,
     * and our issuer ("hhms") is not one, so every token cost a thrown and caught exception in every service.
     */
    private static final MappedJwtClaimSetConverter CLAIMS = MappedJwtClaimSetConverter.withDefaults(
            Map.of(JwtClaimNames.ISS, issuer -> issuer == null ? null : issuer.toString()));

    private final byte[] secret;
    private final String issuer;
    private final Clock clock;

    public JwtTokens(String secret, String issuer, Clock clock) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("hhms.security.jwt-secret (HHMS_JWT_SECRET) must be set to at least "
                    + MIN_SECRET_BYTES + " bytes of random text, the same in every service (openssl rand -base64 48)");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.issuer = issuer;
        this.clock = clock;
    }

    /** The clock that dates this service's tokens; whoever schedules their renewal reads the same one. */
    public Clock clock() {
        return clock;
    }

    /** An access token for a person: {@code sub} is the user id, {@code role} their role. */
    public String person(UUID userId, CallerRole role, Duration ttl) {
        return sign(userId.toString(), role, ttl, Map.of());
    }

    /** A device's token: it may post readings for {@code patientId} only, as {@code deviceId}. */
    public String device(UUID deviceKey, UUID patientId, String deviceId, Duration ttl) {
        return sign(deviceKey.toString(), CallerRole.DEVICE, ttl,
                Map.of(PATIENT_ID, patientId.toString(), DEVICE_ID, deviceId));
    }

    /** A short token a service sends with its own calls to another service. */
    public String service(String serviceName, Duration ttl) {
        return sign("service:" + serviceName, CallerRole.SERVICE, ttl, Map.of());
    }

    public String sign(String subject, CallerRole role, Duration ttl, Map<String, Object> claims) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(issuer).subject(subject)
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl))).claim(ROLE, role.claim());
        claims.forEach(builder::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), builder.build());
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
        return jwt.serialize();
    }

    /**
     * Verifies signature (HS256 only: {@code alg: none} and other algorithms are refused), expiry, issuer and role;
     * {@code extra} adds checks such as device revocation. For servlet services.
     */
    public JwtDecoder decoder(OAuth2TokenValidator<Jwt> extra) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key()).macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setClaimSetConverter(CLAIMS);
        decoder.setJwtValidator(validator(extra));
        return decoder;
    }

    /** The same checks for the reactive gateway. */
    public ReactiveJwtDecoder reactiveDecoder(OAuth2TokenValidator<Jwt> extra) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withSecretKey(key())
                .macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setClaimSetConverter(CLAIMS);
        decoder.setJwtValidator(validator(extra));
        return decoder;
    }

    private SecretKey key() {
        return new SecretKeySpec(secret, "HmacSHA256");
    }

    private OAuth2TokenValidator<Jwt> validator(OAuth2TokenValidator<Jwt> extra) {
        return new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
                JwtTokens::knownRole, extra);
    }

    private static OAuth2TokenValidatorResult knownRole(Jwt jwt) {
        try {
            CallerRole role = CallerRole.fromClaim(jwt.getClaimAsString(ROLE));
            if (role == CallerRole.DEVICE && (jwt.getClaimAsString(PATIENT_ID) == null
                    || jwt.getClaimAsString(DEVICE_ID) == null)) {
                return invalid("a device token must name its patient and device");
            }
            if (role != CallerRole.SERVICE) {
                UUID.fromString(jwt.getSubject());
            }
            return OAuth2TokenValidatorResult.success();
        } catch (IllegalArgumentException | NullPointerException e) {
            return invalid("the token's subject or role is not valid");
        }
    }

    static OAuth2TokenValidatorResult invalid(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
    }
}
