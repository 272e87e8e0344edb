package org.hhms.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** HHMS through its gateway, as a client sees it: JSON in and out, bearer tokens, statuses checked by the caller. */
final class Api {

    /** A status and a parsed body (null when empty or not JSON). */
    record Answer(int status, JsonNode body) {

        JsonNode require(int expected, String what) {
            if (status != expected) {
                throw new IllegalStateException(what + ": expected HTTP " + expected + ", got " + status + " "
                        + body);
            }
            return body;
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http;

    Api(URI base) {
        this.base = base;
        // HTTP/1.1 as the devices speak it: no h2c upgrade offered on every new connection.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    HttpClient http() {
        return http;
    }

    URI uri(String path) {
        return base.resolve(path);
    }

    String login(String email, String password) {
        return call("POST", "/users/login", null, Map.of("email", email, "password", password))
                .require(200, "login as " + email).get("access_token").asString();
    }

    Answer call(String method, String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode parsed = null;
            if (text != null && !text.isBlank()) {
                try {
                    parsed = JSON.readTree(text);
                } catch (RuntimeException e) {
                    parsed = null;
                }
            }
            return new Answer(response.statusCode(), parsed);
        } catch (IOException e) {
            return new Answer(0, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, null);
        }
    }

    /**
     * A GET whose answer is only counted: the body is read and dropped, not parsed. The open-loop modes use it, so
     * the load tool's own CPU (it shares the machine) stays small beside what it measures.
     */
    int status(String path, String token) {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").header("Authorization", "Bearer " + token).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
