package org.hhms.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactoryBuilder;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * How every HHMS service reads JSON (docs/security.md, "Input rules"): a value has the type its field declares and
 * nothing is guessed — no number from a string, no boolean from a number, no null from an empty string, no NaN or
 * infinity, no NUL character or broken UTF-16 in a string (PostgreSQL cannot store the one and would silently
 * mangle the other), no duplicate keys, no trailing garbage, and bounded nesting, string and number sizes. A value
 * that breaks a rule is a 400 naming its field, before any code sees it.
 */
public final class StrictJson implements JsonMapperBuilderCustomizer, JsonFactoryBuilderCustomizer {

    /** The earliest and latest time any request may carry; fields with tighter rules check them on their own. */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    @Override
    public void customize(JsonFactoryBuilder factory) {
        factory.streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32)
                .maxStringLength(1_000_000)
                .maxNumberLength(1_000)
                .maxNameLength(1_000)
                .maxDocumentLength(32L * 1024 * 1024)
                .build());
    }

    @Override
    public void customize(JsonMapper.Builder mapper) {
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .withCoercionConfigDefaults(c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                        .setAcceptBlankAsEmpty(false))
                .withCoercionConfig(LogicalType.Boolean, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, c -> c
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .addModule(new SimpleModule("hhms-strict-json")
                        .addDeserializer(String.class, new Text())
                        .addDeserializer(Double.class, new FiniteNumber())
                        .addDeserializer(double.class, new FiniteNumber())
                        .addDeserializer(Instant.class, new Time()));
    }

    /** A string without NUL characters or unpaired surrogates; the rule's message, or null when it holds. */
    public static String textProblem(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return "must not contain NUL characters (\\u0000)";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must be valid Unicode (it holds an unpaired surrogate)";
            }
            if (Character.isLowSurrogate(c)) {
                return "must be valid Unicode (it holds an unpaired surrogate)";
            }
        }
        return null;
    }

    /** Strings only from JSON strings, and only well-formed ones. */
    static final class Text extends ValueDeserializer<String> {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new IllegalArgumentException("must be a JSON string, got " + describe(p.currentToken()));
            }
            String value = p.getString();
            String problem = textProblem(value);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            return value;
        }
    }

    /** Numbers only from JSON numbers, and only finite ones (1e999 would otherwise become Infinity). */
    static final class FiniteNumber extends ValueDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) {
            JsonToken token = p.currentToken();
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                throw new IllegalArgumentException("must be a number, got " + describe(token));
            }
            double value = p.getDoubleValue();
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("must be a finite number, got " + p.getString());
            }
            return value;
        }
    }

    /** ISO-8601 times with an offset, between {@link #EARLIEST} and {@link #LATEST}. */
    static final class Time extends ValueDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new IllegalArgumentException("must be an ISO-8601 time such as 2026-01-31T08:15:00Z, got "
                        + describe(p.currentToken()));
            }
            return parseTime(p.getString());
        }
    }

    /**
     * Parses an ISO-8601 time with an offset (2026-01-31T08:15:00Z) within the accepted years; an
     * IllegalArgumentException says what is wrong.
     */
    public static Instant parseTime(String text) {
        Instant parsed;
        try {
            parsed = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be an ISO-8601 time such as 2026-01-31T08:15:00Z, got '"
                    + abbreviate(text) + "'");
        }
        if (parsed.isBefore(EARLIEST) || !parsed.isBefore(LATEST)) {
            throw new IllegalArgumentException("must be between " + EARLIEST + " and " + LATEST + ", got " + text);
        }
        return parsed;
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            default -> String.valueOf(token);
        };
    }

    private static String abbreviate(String text) {
        String safe = text.replaceAll("\\p{Cntrl}", "?");
        return safe.length() <= 60 ? safe : safe.substring(0, 60) + "…";
    }
}
