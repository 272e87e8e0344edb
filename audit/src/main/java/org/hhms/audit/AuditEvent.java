package org.hhms.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One audit record (see docs/security.md): who did what to which patient's data, when, with what outcome.
 *
 * @param actorId the user or device id; null for anonymous calls and services
 * @param actorRole the token's role, or {@code anonymous}
 * @param action the route, e.g. {@code GET /patient/{patientId}/latest}
 * @param target the path actually called, e.g. {@code /patient/6f1c…/latest}
 * @param status the HTTP status answered
 */
public record AuditEvent(Long id, Instant occurredAt, String service, UUID actorId, String actorRole, String action,
        UUID patientId, String target, int status, String requestId, String clientAddress) {
}
