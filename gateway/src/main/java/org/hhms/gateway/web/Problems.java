package org.hhms.gateway.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
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

    static byte[] body(ServerWebExchange exchange, ObjectMapper mapper, HttpStatusCode status, String detail,
            String outcome) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", HttpStatus.valueOf(status.value()).getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", exchange.getRequest().getPath().value());
        body.put("request_id", RequestIdWebFilter.requestId(exchange));
        if (outcome != null) {
            body.put("outcome", outcome);
        }
        return mapper.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    }
}
