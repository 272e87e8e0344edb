package org.hhms.health;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /health}: 200 with the document when healthy, 503 with it under {@code detail} otherwise (HHMS format). */
@RestController
public class HealthController {

    private final HealthChecker checker;

    public HealthController(HealthChecker checker) {
        this.checker = checker;
    }

    @GetMapping("/health")
    public ResponseEntity<Object> health() {
        ServiceHealth health = checker.check();
        if (health.isHealthy()) {
            return ResponseEntity.ok(health);
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("detail", health));
    }
}
