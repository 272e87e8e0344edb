package org.hhms.gateway.routing;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;

/**
 * The instances of {@link ServiceInstancesProperties} as Spring Cloud LoadBalancer sees them, so a route
 * {@code lb://patient-data-service} takes turns over every configured instance, less those that refused a
 * connection within the last {@code hhms.gateway.refused-pause} (5 s; {@link RefusedConnectionFilter} reports
 * them). The route's Retry (on {@link java.net.ConnectException} only: the request never reached the instance) then
 * picks among the others, so a dead instance costs no request an error, even when many arrive at once; after the
 * pause it is tried again. When every instance refused, all are offered (the answer is then a 503).
 * On Kubernetes each service has one URL (its Service) and the cluster balances.
 */
@Component
public class ConfiguredServiceInstances implements ReactiveDiscoveryClient {

    private static final Logger log = LoggerFactory.getLogger(ConfiguredServiceInstances.class);

    private final Map<String, List<ServiceInstance>> instances = new LinkedHashMap<>();
    private final Duration pause;
    private final Clock clock = Clock.systemUTC();
    /** host:port → until when it is left out. */
    private final Map<String, Instant> refused = new ConcurrentHashMap<>();

    public ConfiguredServiceInstances(ServiceInstancesProperties properties) {
        properties.services().forEach((serviceId, urls) -> instances.put(serviceId, IntStream.range(0, urls.size())
                .mapToObj(i -> instance(serviceId, i, urls.get(i))).toList()));
        this.pause = properties.refusedPause();
    }

    @Override
    public String description() {
        return "HHMS service instances from hhms.gateway.services";
    }

    @Override
    public Flux<ServiceInstance> getInstances(String serviceId) {
        List<ServiceInstance> all = instances.getOrDefault(serviceId, List.of());
        Instant now = clock.instant();
        List<ServiceInstance> accepting = all.stream().filter(instance -> accepting(instance, now)).toList();
        return Flux.fromIterable(accepting.isEmpty() ? all : accepting);
    }

    @Override
    public Flux<String> getServices() {
        return Flux.fromIterable(instances.keySet());
    }

    /** The instance at this address refused a connection: leave it out for the pause. */
    void refusedConnection(String host, int port) {
        if (refused.put(host + ":" + port, clock.instant().plus(pause)) == null) {
            log.warn("{}:{} refused a connection: requests go to the other instances for {} s", host, port,
                    pause.toSeconds());
        }
    }

    private boolean accepting(ServiceInstance instance, Instant now) {
        String key = instance.getHost() + ":" + instance.getPort();
        Instant until = refused.get(key);
        if (until == null) {
            return true;
        }
        if (now.isBefore(until)) {
            return false;
        }
        refused.remove(key, until); // tried again; a new refusal puts it back
        return true;
    }

    private static ServiceInstance instance(String serviceId, int index, URI url) {
        boolean secure = "https".equals(url.getScheme());
        int port = url.getPort() != -1 ? url.getPort() : secure ? 443 : 80;
        return new DefaultServiceInstance(serviceId + "-" + (index + 1), serviceId, url.getHost(), port, secure);
    }
}
