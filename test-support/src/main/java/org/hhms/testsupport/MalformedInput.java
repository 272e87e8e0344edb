package org.hhms.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import tools.jackson.databind.ObjectMapper;

/**
 * Generates malformed request bodies for one route from a valid example and the kind of each of its fields: wrong
 * JSON types, NaN and infinities, numbers too large or too small, control characters and broken UTF-16, huge
 * strings, deep nesting, duplicate keys, invalid UTF-8, wrong content types, extreme timestamps, missing required
 * fields, and bodies that are not JSON objects at all. Every case is invalid, so a service must answer it with a
 * 4xx problem naming what was wrong, and store nothing ({@code InputFuzzTest} of each service).
 */
public final class MalformedInput {

    /** What a field holds, which decides the values that are wrong for it. */
    public enum Kind {
        TEXT, UUID, ENUM, NUMBER, INTEGER, BOOLEAN, TIMESTAMP, PASSWORD, EMAIL
    }

    /** One field of a route's body: its JSON name, kind, whether it is required and a valid value. */
    public record Field(String name, Kind kind, boolean required, Object valid) {
    }

    /**
     * One generated request. {@code fields} are the fields made wrong (the answer must name one of them), or empty
     * when the body as a whole is wrong.
     */
    public record Case(String description, String contentType, byte[] body, List<String> fields) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEEP = "[".repeat(2_000) + "]".repeat(2_000);

    private MalformedInput() {
    }

    /**
     * At least {@code count} cases for a route whose valid body has these fields (in order), drawn with a seeded
     * generator: first every mutation of every field once, every required field missing, and every whole-body
     * mutation; then two or three field mutations combined at random.
     */
    public static List<Case> cases(List<Field> fields, int count, long seed) {
        Random random = new Random(seed);
        List<Case> cases = new ArrayList<>();
        for (Field field : fields) {
            for (Mutation mutation : mutations(field)) {
                cases.add(fieldCase(fields, Map.of(field.name(), mutation)));
            }
            if (field.required()) {
                cases.add(new Case("no " + field.name(), "application/json", bytes(render(fields, Map.of(),
                        field.name())), List.of(field.name())));
            }
        }
        cases.addAll(wholeBody(fields));
        while (cases.size() < count) {
            int n = 2 + random.nextInt(2);
            Map<String, Mutation> chosen = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                Field field = fields.get(random.nextInt(fields.size()));
                List<Mutation> options = mutations(field);
                chosen.put(field.name(), options.get(random.nextInt(options.size())));
            }
            cases.add(fieldCase(fields, chosen));
        }
        return cases;
    }

    /**
     * The same cases inside a wrapper, e.g. {@code {"readings":[ … ]}}: the body goes between {@code prefix} and
     * {@code suffix}, and the fields are named under {@code fieldPrefix} ({@code readings[0].}).
     */
    public static List<Case> wrapped(List<Case> cases, String prefix, String suffix, String fieldPrefix) {
        return cases.stream().map(c -> {
            byte[] body = new byte[prefix.length() + c.body().length + suffix.length()];
            System.arraycopy(bytes(prefix), 0, body, 0, prefix.length());
            System.arraycopy(c.body(), 0, body, prefix.length(), c.body().length);
            System.arraycopy(bytes(suffix), 0, body, prefix.length() + c.body().length, suffix.length());
            return new Case(c.description(), c.contentType(), body,
                    c.fields().stream().map(f -> fieldPrefix + f).toList());
        }).toList();
    }

    private static Case fieldCase(List<Field> fields, Map<String, Mutation> chosen) {
        Map<String, String> overrides = new LinkedHashMap<>();
        chosen.forEach((name, mutation) -> overrides.put(name, mutation.json().get()));
        String label = String.join(", ", chosen.entrySet().stream()
                .map(e -> e.getValue().label() + " " + e.getKey()).toList());
        return new Case(label, "application/json", bytes(render(fields, overrides, null)),
                List.copyOf(chosen.keySet()));
    }

    /** A wrong value for a field: how it is written into the body, and what it is called in a failure message. */
    private record Mutation(String label, Supplier<String> json) {
        static Mutation raw(String label, String json) {
            return new Mutation(label, () -> json);
        }

        static Mutation string(String label, String value) {
            return new Mutation(label, () -> quote(value));
        }
    }

    /** The wrong values for a field of this kind: every one of them must be refused. */
    static List<Mutation> mutations(Field field) {
        List<Mutation> m = new ArrayList<>();
        m.add(Mutation.raw("an array for", "[1,2]"));
        m.add(Mutation.raw("an object for", "{\"a\":1}"));
        m.add(Mutation.raw("deep nesting for", DEEP));
        if (field.required()) {
            m.add(Mutation.raw("null for", "null"));
        }
        switch (field.kind()) {
            case NUMBER, INTEGER -> {
                m.add(Mutation.string("the string NaN for", "NaN"));
                m.add(Mutation.string("the string Infinity for", "Infinity"));
                m.add(Mutation.string("the string -Infinity for", "-Infinity"));
                m.add(Mutation.raw("1e999 for", "1e999"));
                m.add(Mutation.raw("-1e999 for", "-1e999"));
                m.add(Mutation.raw("2^64 for", "18446744073709551616"));
                m.add(Mutation.raw("-2^64 for", "-18446744073709551616"));
                m.add(Mutation.raw("a 400-digit number for", "9".repeat(400)));
                m.add(Mutation.string("a numeric string for", "70"));
                m.add(Mutation.raw("true for", "true"));
                if (field.kind() == Kind.INTEGER) {
                    m.add(Mutation.raw("a fraction for", "1.5"));
                }
            }
            case BOOLEAN -> {
                m.add(Mutation.raw("-1 for", "-1"));
                m.add(Mutation.raw("0 for", "0"));
                m.add(Mutation.raw("1 for", "1"));
                m.add(Mutation.raw("2^64 for", "18446744073709551616"));
                m.add(Mutation.string("the string true for", "true"));
                m.add(Mutation.string("the string yes for", "yes"));
            }
            case TIMESTAMP -> {
                m.add(Mutation.string("year 0 for", "0000-01-01T00:00:00Z"));
                m.add(Mutation.string("year -999999999 for", "-999999999-01-01T00:00:00Z"));
                m.add(Mutation.string("year +999999999 for", "+999999999-12-31T23:59:59Z"));
                m.add(Mutation.string("1900 for", "1900-01-01T00:00:00Z"));
                m.add(Mutation.string("the epoch for", "1970-01-01T00:00:00Z"));
                m.add(Mutation.string("year 9999 for", "9999-12-31T23:59:59Z"));
                m.add(Mutation.string("a NUL after the time for", "2026-11-23T08:00:00Z\u0000"));
                m.add(Mutation.string("month 13 for", "2026-13-01T00:00:00Z"));
                m.add(Mutation.string("words for", "yesterday"));
                m.add(Mutation.raw("a number for", "1732348800"));
                textual(m);
            }
            case TEXT, UUID, ENUM, EMAIL, PASSWORD -> {
                m.add(Mutation.raw("a number for", "42"));
                m.add(Mutation.raw("false for", "false"));
                m.add(Mutation.string("a blank for", "   "));
                m.add(Mutation.string("an empty string for", ""));
                textual(m);
                if (field.kind() == Kind.PASSWORD) {
                    m.add(Mutation.string("73 ASCII characters for", "p".repeat(73)));
                    m.add(Mutation.string("40 characters of 2 bytes for", "é".repeat(40)));
                }
                if (field.kind() == Kind.EMAIL) {
                    m.add(Mutation.string("a broken surrogate in", "ann\ud800@example.org"));
                    m.add(Mutation.string("no at sign for", "ann.example.org"));
                }
            }
        }
        return m;
    }

    private static void textual(List<Mutation> m) {
        m.add(Mutation.string("a NUL for", "\u0000"));
        m.add(Mutation.string("a NUL inside", "ab\u0000cd"));
        m.add(Mutation.string("a control character in", "ab\u0007cd"));
        m.add(Mutation.string("a lone high surrogate for", "\ud800"));
        m.add(Mutation.string("a lone low surrogate in", "x\udc00y"));
        m.add(new Mutation("a 300,000-character string for", () -> quote("x".repeat(300_000))));
    }

    private static List<Case> wholeBody(List<Field> fields) {
        List<Case> cases = new ArrayList<>();
        String valid = render(fields, Map.of(), null);
        cases.add(new Case("an empty body", "application/json", new byte[0], List.of()));
        cases.add(new Case("truncated JSON", "application/json", bytes(valid.substring(0, valid.length() / 2)),
                List.of()));
        cases.add(new Case("a JSON array", "application/json", bytes("[" + valid + "]"), List.of()));
        cases.add(new Case("a JSON string", "application/json", bytes("\"hello\""), List.of()));
        cases.add(new Case("a JSON number", "application/json", bytes("42"), List.of()));
        cases.add(new Case("JSON null", "application/json", bytes("null"), List.of()));
        cases.add(new Case("deep nesting", "application/json", bytes("{\"a\":" + DEEP + "}"), List.of()));
        cases.add(new Case("an unknown field", "application/json",
                bytes(valid.substring(0, valid.length() - 1) + (fields.isEmpty() ? "" : ",") + "\"no_such_field\":1}"),
                List.of("no_such_field")));
        Field first = fields.getFirst();
        cases.add(new Case("a duplicate key", "application/json",
                bytes("{" + quote(first.name()) + ":" + JSON.writeValueAsString(first.valid()) + ","
                        + valid.substring(1)),
                List.of()));
        ByteArrayOutputStream broken = new ByteArrayOutputStream();
        byte[] head = bytes("{" + quote(first.name()) + ":\"a");
        broken.write(head, 0, head.length);
        broken.write(0xC3);
        broken.write(0x28);
        byte[] tail = bytes("\"}");
        broken.write(tail, 0, tail.length);
        cases.add(new Case("invalid UTF-8", "application/json", broken.toByteArray(), List.of()));
        for (String type : List.of("text/plain", "*/*", "application/xml", "application/x-www-form-urlencoded",
                "application/json;charset=nonsense", "")) {
            cases.add(new Case("content type '" + type + "'", type, bytes(valid), List.of()));
        }
        return cases;
    }

    /** The body: every field with its valid value, except those overridden (JSON text) and the one omitted. */
    private static String render(List<Field> fields, Map<String, String> overrides, String omit) {
        StringBuilder body = new StringBuilder("{");
        for (Field field : fields) {
            if (field.name().equals(omit)) {
                continue;
            }
            if (body.length() > 1) {
                body.append(',');
            }
            body.append(quote(field.name())).append(':').append(overrides.containsKey(field.name())
                    ? overrides.get(field.name()) : JSON.writeValueAsString(field.valid()));
        }
        return body.append('}').toString();
    }

    private static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
