package org.hhms.web;

/** One invalid input: {@code field} is the JSON name (or path, e.g. {@code readings[3].spo2}) or parameter name. */
public record FieldProblem(String field, String message) {
}
