package org.hhms.gateway.routing;

import java.net.ConnectException;
import java.net.URI;

import org.hhms.gateway.web.Causes;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Right after the load balancer chose an instance: when the connection to it is refused, tells
 * {@link ConfiguredServiceInstances} before the route's Retry asks the load balancer again, so the retry goes
 * elsewhere.
 */
@Component
public class RefusedConnectionFilter implements GlobalFilter, Ordered {

    private final ConfiguredServiceInstances instances;

    public RefusedConnectionFilter(ConfiguredServiceInstances instances) {
        this.instances = instances;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange).doOnError(error -> {
            URI chosen = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
            if (chosen != null && Causes.causedBy(error, ConnectException.class)) {
                instances.refusedConnection(chosen.getHost(), chosen.getPort());
            }
        });
    }

    @Override
    public int getOrder() {
        return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;
    }
}
