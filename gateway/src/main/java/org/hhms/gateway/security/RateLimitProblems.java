package org.hhms.gateway.security;

import org.hhms.gateway.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * The gateway's rate limiter answers 429 with an empty body; this turns it into problem details with
 * {@code Retry-After}: the seconds until one request's tokens are back ({@code requested / replenish rate}).
 */
public class RateLimitProblems implements WebFilter, Ordered {

    private final ObjectMapper mapper;

    public RateLimitProblems(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpResponseDecorator response = new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> setComplete() {
                if (getStatusCode() == null || getStatusCode().value() != HttpStatus.TOO_MANY_REQUESTS.value()) {
                    return super.setComplete();
                }
                long wait = retryAfter(getHeaders());
                getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(wait));
                return Problems.write(exchange.mutate().response(getDelegate()).build(), mapper,
                        HttpStatus.TOO_MANY_REQUESTS, "Too many requests from this "
                                + (exchange.getRequest().getPath().value().startsWith("/users/") ? "client address"
                                        : "device or person")
                                + "; retry in " + wait + " s");
            }
        };
        return chain.filter(exchange.mutate().response(response).build());
    }

    static long retryAfter(HttpHeaders headers) {
        double replenish = number(headers.getFirst("X-RateLimit-Replenish-Rate"), 1);
        double requested = number(headers.getFirst("X-RateLimit-Requested-Tokens"), 1);
        return Math.max(1, (long) Math.ceil(requested / Math.max(replenish, 0.001)));
    }

    private static double number(String value, double fallback) {
        try {
            return value == null ? fallback : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Around the whole exchange, inside the request id filter. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
