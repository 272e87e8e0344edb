package org.hhms.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.hhms.testsupport.MalformedInput.Case;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Sends {@link MalformedInput} cases to a running service and collects every answer that breaks the input rules: a
 * 5xx, a 2xx, an answer that is not problem details, or one that does not name any of the fields made wrong. With
 * {@link #footprint} before and after, a test also proves that nothing was stored: no row in any table (the audit
 * trail aside, which records refused calls) and no stream entry under the test's key prefix.
 */
public final class InputFuzz {

    /** A route and the cases to send it, with a bearer token (empty for the routes that need none). */
    public record Route(String method, String path, String token, List<Case> cases) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private InputFuzz() {
    }

    /** What a fuzz run sent and every answer that broke the rules. */
    public record Report(int cases, List<String> violations) {
    }

    /** Sends every case of every route; the report counts them and lists each violation. */
    public static Report runAll(int port, List<Route> routes) {
        List<String> violations = new ArrayList<>();
        int cases = 0;
        for (Route route : routes) {
            cases += route.cases().size();
            violations.addAll(run(port, route));
        }
        return new Report(cases, violations);
    }

    /** Sends every case of the route and returns one line per violation (empty when all held). */
    public static List<String> run(int port, Route route) {
        List<String> violations = new ArrayList<>();
        for (Case c : route.cases()) {
            String problem = check(port, route, c);
            if (problem != null) {
                violations.add(route.method() + " " + route.path() + " with " + c.description() + ": " + problem);
            }
        }
        return violations;
    }

    /**
     * A failure message that stays readable however many violations there are: the count and the first 40 of
     * different kinds (route and mutation).
     */
    public static String summary(List<String> violations) {
        Map<String, String> kinds = new LinkedHashMap<>();
        for (String violation : violations) {
            kinds.putIfAbsent(violation.substring(0, Math.max(0, violation.indexOf(": answered"))), violation);
        }
        return violations.size() + " answer(s) broke the input rules, of " + kinds.size() + " kinds; the first:\n  "
                + String.join("\n  ", kinds.values().stream().limit(40).toList());
    }

    private static String check(int port, Route route, Case c) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + route.path()))
                .timeout(Duration.ofSeconds(20))
                .method(route.method(), HttpRequest.BodyPublishers.ofByteArray(c.body()));
        if (!route.token().isEmpty()) {
            request.header("Authorization", "Bearer " + route.token());
        }
        if (!c.contentType().isEmpty()) {
            request.header("Content-Type", c.contentType());
        }
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            return "no answer (" + e + ")";
        }
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        String shown = body.length() > 300 ? body.substring(0, 300) + "…" : body;
        if (status < 400 || status >= 500) {
            return "answered " + status + " " + shown;
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return "answered " + status + " as '" + type + "', not problem details: " + shown;
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(body);
        } catch (RuntimeException e) {
            return "answered " + status + " with a body that is not JSON: " + shown;
        }
        String detail = problem.path("detail").asString("");
        if (detail.isBlank()) {
            return "answered " + status + " without a detail: " + shown;
        }
        if (!c.fields().isEmpty() && c.fields().stream().noneMatch(f -> names(problem, detail, f))) {
            return "answered " + status + " without naming any of " + c.fields() + ": " + shown;
        }
        return null;
    }

    /** Whether the problem names the field (or, for a nested one such as readings[0].spo2, its last part in place). */
    private static boolean names(JsonNode problem, String detail, String field) {
        for (JsonNode error : problem.path("errors")) {
            if (error.path("field").asString("").equals(field)) {
                return true;
            }
        }
        return detail.contains(field);
    }

    /**
     * Row counts of every table of the database (but the audit trail and Flyway's history) and lengths of every
     * stream under the key prefix: equal before and after a fuzz run when nothing was stored.
     */
    public static Map<String, Long> footprint(JdbcTemplate jdbc, StringRedisTemplate redis, String keyPrefix) {
        Map<String, Long> counts = new TreeMap<>();
        List<String> tables = jdbc.queryForList("""
                SELECT table_name FROM information_schema.tables
                 WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
                   AND table_name NOT IN ('audit_events', 'flyway_schema_history')
                """, String.class);
        for (String table : tables) {
            counts.put("table " + table, jdbc.queryForObject("SELECT count(*) FROM \"" + table + "\"", Long.class));
        }
        Map<String, Long> streams = new LinkedHashMap<>();
        try (Cursor<String> keys = redis.scan(ScanOptions.scanOptions().match(keyPrefix + "*").count(500).build())) {
            keys.forEachRemaining(key -> {
                if ("stream".equals(redis.type(key).code())) {
                    streams.put("stream " + key, redis.opsForStream().size(key));
                }
            });
        }
        counts.putAll(streams);
        return counts;
    }
}
