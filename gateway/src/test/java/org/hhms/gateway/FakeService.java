package org.hhms.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.hhms.testsupport.HttpStubs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for one HHMS service on a real socket: {@code /health} answers what the test sets, every other path
 * echoes the method, path and the X-Request-ID it received; a path ending in {@code /crash} closes the connection
 * without an answer, as a service killed mid-request does.
 */
final class FakeService implements AutoCloseable {

    private final String name;
    private final HttpServer server;
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

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void setHealthy(boolean healthy) {
        this.healthy = healthy;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
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
        String echo = """
                {"service":"%s","method":"%s","path":"%s","request_id":"%s","authorization":"%s"}""".formatted(name,
                exchange.getRequestMethod(), path, exchange.getRequestHeaders().getFirst("X-Request-ID"),
                exchange.getRequestHeaders().getFirst("Authorization"));
        HttpStubs.respond(exchange, 200, echo);
    }


    @Override
    public void close() {
        server.stop(0);
    }
}
