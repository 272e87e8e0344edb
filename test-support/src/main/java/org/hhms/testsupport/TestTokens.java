package org.hhms.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Bearer tokens for tests, signed like the user-service signs them with the secret every test context is given
 * ({@link TestDatabases#register}), so a test can act as any person, device or service.
 */
public final class TestTokens {

    public static final String SECRET = "hhms-test-secret-of-at-least-32-bytes-0123456789";
    public static final UUID ADMIN_ID = UUID.fromString("00000000-0000-4000-8000-00000000ad01");

    private TestTokens() {
    }

    public static String admin() {
        return person(ADMIN_ID, "admin");
    }

    public static String person(UUID id, String role) {
        return token(id.toString(), role, Duration.ofMinutes(15), Map.of(), SECRET);
    }

    public static String device(UUID deviceKey, UUID patientId, String deviceId) {
        return token(deviceKey.toString(), "device", Duration.ofDays(1),
                Map.of("patient_id", patientId.toString(), "device_id", deviceId), SECRET);
    }

    public static String service() {
        return token("service:test", "service", Duration.ofMinutes(5), Map.of(), SECRET);
    }

    /** Any token: a negative ttl gives an expired one, another secret a forged one. */
    public static String token(String subject, String role, Duration ttl, Map<String, Object> claims, String secret) {
        Instant now = Instant.now();
        Instant expires = now.plus(ttl);
        Instant issued = expires.isBefore(now) ? expires.minusSeconds(60) : now;
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer("hhms").subject(subject)
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(issued)).expirationTime(Date.from(expires))
                .claim("role", role);
        claims.forEach(builder::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), builder.build());
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
