package org.hhms.security;

import java.util.UUID;

import org.hhms.tokens.CallerRole;
import org.hhms.tokens.JwtTokens;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The verified identity behind the current request, read from its bearer token.
 *
 * @param id the person's user id, or the device's id for a device; null for a service
 * @param role what the caller is
 * @param patientId for a device, the one patient it may post readings for; null otherwise
 * @param deviceId for a device, its label as readings carry it ({@code device_id}); null otherwise
 */
public record Caller(UUID id, CallerRole role, UUID patientId, String deviceId) {

    public static Caller of(Jwt jwt) {
        CallerRole role = CallerRole.fromClaim(jwt.getClaimAsString(JwtTokens.ROLE));
        UUID id = role == CallerRole.SERVICE ? null : UUID.fromString(jwt.getSubject());
        String patient = jwt.getClaimAsString(JwtTokens.PATIENT_ID);
        return new Caller(id, role, patient == null ? null : UUID.fromString(patient),
                jwt.getClaimAsString(JwtTokens.DEVICE_ID));
    }

    /** The caller of the request this thread serves; fails when the request was not authenticated. */
    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            return of(token.getToken());
        }
        throw new IllegalStateException("No authenticated caller on this request");
    }

    public boolean is(CallerRole other) {
        return role == other;
    }

    /** Admins and HHMS services may see and do everything a route offers. */
    public boolean unrestricted() {
        return role == CallerRole.ADMIN || role == CallerRole.SERVICE;
    }

    /** How the audit trail names the caller: {@code doctor:6f1c…}, {@code service}. */
    public String describe() {
        return id == null ? role.claim() : role.claim() + ":" + id;
    }
}
