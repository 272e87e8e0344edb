package org.hhms.gateway.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/** Problem-details bodies for what the gateway answers itself (routing errors, 401, 429). */
public final class Problems {

    private Problems() {
    }

    public static Mono<Void> write(ServerWebExchange exchange, ObjectMapper mapper, HttpStatusCode status,
            String detail) {
        return write(exchange, mapper, status, detail, null);
    }

    /** The same, saying whether the request was carried out ({@code not_applied}, {@code unknown}) when it matters. */
    public static Mono<Void> write(ServerWebExchange exchange, ObjectMapper mapper, HttpStatusCode status,
            String detail, String outcome) {
        exchange.getResponse().setStatusCode(status);
        exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        DataBuffer buffer = exchange.getResponse().bufferFactory()
                .wrap(body(exchange, mapper, status, detail, outcome));
        return exchange.getResponse().writeWith(Mono.just(buffer));
    }

    /** The services' problem body (Spring's {@link ProblemDetail}), with the request id and outcome. */
    static byte[] body(ServerWebExchange exchange, ObjectMapper mapper, HttpStatusCode status, String detail,
            String outcome) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        problem.setProperty("request_id", RequestIdWebFilter.requestId(exchange));
        if (outcome != null) {
            problem.setProperty("outcome", outcome);
        }
        return mapper.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
    }
}
