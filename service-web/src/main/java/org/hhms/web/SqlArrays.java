package org.hhms.web;

import java.time.Instant;
import java.util.Collection;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * PostgreSQL array literals, for statements that take many rows as arrays in one round trip
 * ({@code unnest(CAST(:ids AS uuid[]), CAST(:values AS float8[]))}): every element is quoted, so a text element may
 * hold anything (commas, braces, quotes); none is ever NULL.
 */
public final class SqlArrays {

    private SqlArrays() {
    }

    /** An array literal of the elements' text: {@code {"a","b \"c\""}}. */
    public static <T> String of(Collection<T> elements, Function<? super T, ?> text) {
        StringJoiner literal = new StringJoiner(",", "{", "}");
        for (T element : elements) {
            String value = String.valueOf(text.apply(element));
            literal.add('"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
        }
        return literal.toString();
    }

    /** An array literal of instants, for {@code timestamptz[]} (ISO 8601; PostgreSQL rounds to the microsecond). */
    public static <T> String ofInstants(Collection<T> elements, Function<? super T, Instant> instant) {
        return of(elements, element -> instant.apply(element).toString());
    }
}
