package org.hhms.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hhms.security.PatientAccess;
import org.hhms.web.ApiProblem;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /<service>/audit}: this service's audit trail for admins, newest first (see docs/security.md).
 * {@code since} defaults to seven days ago; {@code limit} to 100 (at most 1000).
 */
@RestController
public class AuditController {

    private final AuditTrail trail;
    private final PatientAccess access;
    private final Clock clock;

    public AuditController(AuditTrail trail, PatientAccess access, Clock clock) {
        this.trail = trail;
        this.access = access;
        this.clock = clock;
    }

    @GetMapping("${hhms.audit.path}")
    public List<AuditEvent> audit(@RequestParam(name = "patient_id", required = false) UUID patientId,
            @RequestParam(name = "actor_id", required = false) UUID actorId,
            @RequestParam(name = "since", required = false) Instant since,
            @RequestParam(name = "limit", defaultValue = "100") int limit) {
        access.requireRole();
        if (limit < 1 || limit > 1000) {
            throw ApiProblem.invalidField("limit", "must be between 1 and 1000, got " + limit);
        }
        return trail.find(patientId, actorId, since == null ? clock.instant().minus(Duration.ofDays(7)) : since,
                limit);
    }
}
