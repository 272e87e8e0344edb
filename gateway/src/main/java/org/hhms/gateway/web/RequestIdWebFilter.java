package org.hhms.gateway.web;

import java.util.UUID;

import org.hhms.contracts.TraceIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Gives every request an {@code X-Request-ID} (the client's when it is safe, else a new UUID: the rule of
 * {@link TraceIds}, as in the services), forwards it to the service, returns it on the response, and writes one
 * access-log line carrying it. The reactive counterpart of the services' servlet filter.
 */
@Component
public class RequestIdWebFilter implements WebFilter, Ordered {

    public static final String HEADER = TraceIds.HEADER;
    private static final String ATTRIBUTE = RequestIdWebFilter.class.getName() + ".id";
    private static final Logger access = LoggerFactory.getLogger("org.hhms.gateway.access");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = TraceIds.acceptOrCreate(exchange.getRequest().getHeaders().getFirst(HEADER));
        ServerWebExchange withId = exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(HEADER, id)))
                .build();
        withId.getAttributes().put(ATTRIBUTE, id);
        // Set at commit time: the proxied service's own X-Request-ID header is copied in before that and would
        // otherwise appear as a second value.
        withId.getResponse().beforeCommit(() -> {
            withId.getResponse().getHeaders().set(HEADER, id);
            return Mono.empty();
        });
        long start = System.nanoTime();
        return chain.filter(withId).doFinally(signal -> {
            if (access.isInfoEnabled()) {
                access.info("{} {} -> {} in {} ms trace_id={}", exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath().value(), withId.getResponse().getStatusCode(),
                        (System.nanoTime() - start) / 1_000_000, id);
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** The id given to this exchange. */
    public static String requestId(ServerWebExchange exchange) {
        Object id = exchange.getAttribute(ATTRIBUTE);
        return id == null ? UUID.randomUUID().toString() : id.toString();
    }
}
