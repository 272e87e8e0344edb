package org.hhms.gateway.web;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * Every error the gateway itself answers is problem-details JSON: a service that refuses the connection is a 503
 * naming the route ({@code outcome: not_applied}), one that does not answer in time a 504 and one that breaks the
 * connection before its answer a 502 (both {@code outcome: unknown}), an unknown path a 404; never a bare 500 for a
 * service's failure, never a stack trace.
 */
@Component
@Order(-2)
public class GatewayErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    /** The {@code outcome} of an answer the gateway gives for a service (docs/operations.md, "Outcomes"). */
    static final String NOT_APPLIED = "not_applied";
    static final String UNKNOWN = "unknown";
    private static final String UNKNOWN_OUTCOME = "the outcome is unknown (it may have been carried out). Retrying "
            + "is safe for readings: a reading with the same reading_id (or timestamp) is stored once.";

    private final ObjectMapper mapper;

    public GatewayErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        String target = route == null ? "the service" : "service '" + route.getId() + "'";
        HttpStatusCode status;
        String detail;
        String outcome = null;
        if (Causes.causedBy(error, ConnectException.class)) {
            status = HttpStatus.SERVICE_UNAVAILABLE;
            detail = "The " + target + " is unavailable (connection refused); nothing was sent to it. Retry later.";
            outcome = NOT_APPLIED;
        } else if (poolExhausted(error)) {
            status = HttpStatus.SERVICE_UNAVAILABLE;
            detail = "The " + target + " is at capacity (no connection free within 2 s); nothing was sent. Retry later.";
            outcome = NOT_APPLIED;
        } else if (Causes.causedBy(error, TimeoutException.class) || isStatus(error, HttpStatus.GATEWAY_TIMEOUT)) {
            status = HttpStatus.GATEWAY_TIMEOUT;
            detail = "The " + target + " did not answer in time: " + UNKNOWN_OUTCOME;
            outcome = UNKNOWN;
        } else if (error instanceof ResponseStatusException rse) {
            status = rse.getStatusCode();
            detail = status.value() == 404 ? "No route for " + exchange.getRequest().getPath().value()
                    : rse.getReason() == null ? HttpStatus.valueOf(status.value()).getReasonPhrase() : rse.getReason();
        } else if (route != null) {
            // The request reached the service and the connection broke before its answer (the service died or
            // reset it): the service may or may not have done what was asked.
            status = HttpStatus.BAD_GATEWAY;
            detail = "The " + target + " closed the connection before answering: " + UNKNOWN_OUTCOME;
            outcome = UNKNOWN;
        } else {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
            detail = "Internal gateway error.";
        }
        if (status.is5xxServerError()) {
            log.warn("{} {} failed: {} ({})", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    status.value(), error.toString());
        }
        if (status.value() == 503) {
            exchange.getResponse().getHeaders().set("Retry-After", "5");
        }
        return Problems.write(exchange, mapper, status, detail, outcome);
    }

    /** Reactor Netty's PoolAcquireTimeoutException / PoolAcquirePendingLimitException (shaded, so by name). */
    private static boolean poolExhausted(Throwable error) {
        return Causes.any(error, t -> t.getClass().getSimpleName().startsWith("PoolAcquire"));
    }

    private static boolean isStatus(Throwable error, HttpStatus status) {
        return error instanceof ResponseStatusException rse && rse.getStatusCode().value() == status.value();
    }
}
