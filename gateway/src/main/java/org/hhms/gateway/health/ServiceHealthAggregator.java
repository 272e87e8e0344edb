package org.hhms.gateway.health;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hhms.gateway.health.AggregatedHealth.InstanceStatus;
import org.hhms.gateway.health.AggregatedHealth.ServiceStatus;
import org.hhms.gateway.routing.ServiceInstancesProperties;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Calls every instance of every service's {@code /health} at once and folds the answers into one document. */
@Component
public class ServiceHealthAggregator {

    private final ServiceInstancesProperties instances;
    private final GatewayHealthProperties properties;
    private final WebClient client;

    public ServiceHealthAggregator(ServiceInstancesProperties instances, GatewayHealthProperties properties,
            WebClient.Builder builder) {
        this.instances = instances;
        this.properties = properties;
        this.client = builder.build();
    }

    public Mono<AggregatedHealth> aggregate(String requestId) {
        return Flux.fromIterable(instances.services().entrySet())
                .filter(service -> !properties.notChecked().contains(service.getKey()))
                .flatMap(service -> Flux.fromIterable(service.getValue())
                        .flatMapSequential(url -> check(url.resolve("/health").toString(), requestId)
                                .map(status -> Map.entry(url, status)))
                        .collectList()
                        .map(results -> Map.entry(service.getKey(), combine(results))))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(this::fold);
    }

    /** A service's status from its instances' (in configured order): see {@link ServiceStatus}. */
    private static ServiceStatus combine(List<Map.Entry<URI, ServiceStatus>> results) {
        ServiceStatus shown = results.stream().map(Map.Entry::getValue).filter(ServiceStatus::isHealthy).findFirst()
                .orElse(results.getFirst().getValue());
        if (results.size() == 1) {
            return shown;
        }
        Map<String, InstanceStatus> each = new LinkedHashMap<>();
        results.forEach(result -> each.put(result.getKey().toString(), new InstanceStatus(
                result.getValue().status(), result.getValue().responseTimeMs(), result.getValue().error())));
        return shown.withInstances(each);
    }

    private AggregatedHealth fold(Map<String, ServiceStatus> results) {
        // Keep the configured order so the document reads the same every time.
        Map<String, ServiceStatus> ordered = new LinkedHashMap<>();
        instances.services().keySet().stream().filter(results::containsKey)
                .forEach(name -> ordered.put(name, results.get(name)));
        boolean healthy = ordered.values().stream().allMatch(ServiceStatus::isHealthy);
        return new AggregatedHealth("gateway", healthy ? AggregatedHealth.HEALTHY : AggregatedHealth.UNHEALTHY,
                ordered);
    }

    @SuppressWarnings("unchecked")
    private Mono<ServiceStatus> check(String url, String requestId) {
        Duration timeout = properties.timeout();
        long start = System.nanoTime();
        return client.get().uri(url).header("X-Request-ID", requestId)
                .exchangeToMono(response -> response.bodyToMono(Map.class)
                        .defaultIfEmpty(Map.of())
                        .map(body -> toStatus(response.statusCode(), (Map<String, Object>) body, start)))
                .timeout(timeout)
                .onErrorResume(error -> Mono.just(new ServiceStatus(AggregatedHealth.UNHEALTHY, null, Map.of(),
                        describe(error, timeout))));
    }

    @SuppressWarnings("unchecked")
    private static ServiceStatus toStatus(HttpStatusCode code, Map<String, Object> body, long start) {
        long elapsed = Duration.ofNanos(System.nanoTime() - start).toMillis();
        // A service's 503 carries its document under "detail" (HHMS format).
        Map<String, Object> document = body.get("detail") instanceof Map<?, ?> detail
                ? (Map<String, Object>) detail : body;
        Map<String, Object> dependencies = document.get("dependencies") instanceof Map<?, ?> deps
                ? (Map<String, Object>) deps : Map.of();
        boolean healthy = code.is2xxSuccessful() && AggregatedHealth.HEALTHY.equals(document.get("status"));
        String error = healthy ? null : code.is2xxSuccessful() ? null : "HTTP " + code.value();
        return new ServiceStatus(healthy ? AggregatedHealth.HEALTHY : AggregatedHealth.UNHEALTHY, elapsed,
                dependencies, error);
    }

    private static String describe(Throwable error, Duration timeout) {
        if (error instanceof java.util.concurrent.TimeoutException) {
            return "No answer within " + timeout.toMillis() + " ms";
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
