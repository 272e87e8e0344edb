package org.hhms.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.hhms.testsupport.HttpStubs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for one HHMS service on a real socket: {@code /health} answers what the test sets, every other path
 * echoes the method, path, body length and the X-Request-ID it received; a path ending in {@code /crash} closes the
 * connection without an answer, as a service killed mid-request does, and one ending in {@code /fail} answers 500.
 * It counts the requests each path received.
 */
final class FakeService implements AutoCloseable {

    private final String name;
    private final HttpServer server;
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private volatile boolean healthy = true;

    static FakeService start(String name) {
        try {
            return new FakeService(name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    FakeService(String name) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A loopback port nothing listens on: connections to it are refused, as to a service that is down. */
    static int refusingPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many requests {@code path} received. */
    int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    void setHealthy(boolean healthy) {
        this.healthy = healthy;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        if (path.equals("/health")) {
            String document = """
                    {"service":"%s","status":"%s","dependencies":{"postgres":{"status":"healthy","response_time_ms":2,\
                    "error":null},"redis":{"status":"%s","response_time_ms":%s,"error":%s}}}"""
                    .formatted(name, healthy ? "healthy" : "unhealthy", healthy ? "healthy" : "unhealthy",
                            healthy ? "1" : "null", healthy ? "null" : "\"Connection refused\"");
            HttpStubs.respond(exchange, healthy ? 200 : 503, healthy ? document : "{\"detail\":" + document + "}");
            return;
        }
        if (path.endsWith("/crash")) {
            // The service dies mid-request: the JDK server closes the connection without an answer.
            throw new IllegalStateException("the service process died mid-request");
        }
        if (path.endsWith("/fail")) {
            HttpStubs.respond(exchange, 500, "{\"detail\":\"failed\"}");
            return;
        }
        int bodyLength = exchange.getRequestBody().readAllBytes().length;
        String echo = """
                {"service":"%s","method":"%s","path":"%s","body_length":%d,"request_id":"%s","authorization":"%s"}"""
                .formatted(name, exchange.getRequestMethod(), path, bodyLength,
                        exchange.getRequestHeaders().getFirst("X-Request-ID"),
                        exchange.getRequestHeaders().getFirst("Authorization"));
        HttpStubs.respond(exchange, 200, echo);
    }


    @Override
    public void close() {
        server.stop(0);
    }
}
