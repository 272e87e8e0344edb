package org.hhms.gateway.health;

import java.util.Map;

import org.hhms.gateway.web.RequestIdWebFilter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/** {@code GET /health}: 200 when every service is healthy, else 503 with the document under {@code detail}. */
@RestController
public class AggregatedHealthController {

    private final ServiceHealthAggregator aggregator;

    public AggregatedHealthController(ServiceHealthAggregator aggregator) {
        this.aggregator = aggregator;
    }

    @GetMapping("/health")
    public Mono<ResponseEntity<Object>> health(ServerWebExchange exchange) {
        return aggregator.aggregate(RequestIdWebFilter.requestId(exchange)).map(health -> health.isHealthy()
                ? ResponseEntity.ok(health)
                : ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("detail", health)));
    }
}
