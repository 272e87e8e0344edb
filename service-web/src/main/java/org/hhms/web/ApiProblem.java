package org.hhms.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An error a service answers on purpose, rendered as RFC 9457 problem details: the detail names what was wrong and,
 * for invalid input, {@code errors} lists every offending field.
 */
public class ApiProblem extends ErrorResponseException {

    public ApiProblem(HttpStatusCode status, String detail) {
        super(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }

    public ApiProblem(HttpStatusCode status, String detail, List<FieldProblem> errors) {
        this(status, detail);
        getBody().setProperty("errors", errors);
    }

    /** The fields an error names ({@code errors}, as set above), or none. */
    @SuppressWarnings("unchecked")
    public static List<FieldProblem> fieldProblems(ErrorResponseException problem) {
        Map<String, Object> properties = problem.getBody().getProperties();
        return properties != null && properties.get("errors") instanceof List<?> errors
                ? (List<FieldProblem>) errors : List.of();
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, detail);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, detail);
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, detail);
    }

    /** A 503 the client may retry in a few seconds (a dependency could not be reached; nothing was changed). */
    public static ApiProblem unavailable(String detail) {
        ApiProblem problem = new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        return problem;
    }

    /** A 400 naming one field. */
    public static ApiProblem invalidField(String field, String message) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, field + ": " + message, List.of(new FieldProblem(field, message)));
    }

    /** A 400 listing every invalid field. */
    public static ApiProblem invalid(List<FieldProblem> errors) {
        String detail = "Invalid request: " + String.join("; ",
                errors.stream().map(e -> e.field() + ": " + e.message()).toList());
        return new ApiProblem(HttpStatus.BAD_REQUEST, detail, errors);
    }
}
