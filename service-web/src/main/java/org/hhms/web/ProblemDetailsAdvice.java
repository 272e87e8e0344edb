package org.hhms.web;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.hhms.contracts.TraceIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every error of a service into problem details: input errors name the field and the rule, a failed
 * dependency is a 503 the client may retry, and nothing internal (stack traces, SQL) ever reaches the body.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body = unreadableBody(ex);
        return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.add(new FieldProblem(jsonName(error.getField()), error.getDefaultMessage()));
        }
        ex.getBindingResult().getGlobalErrors()
                .forEach(error -> errors.add(new FieldProblem(error.getObjectName(), error.getDefaultMessage())));
        ApiProblem problem = ApiProblem.invalid(errors);
        return handleExceptionInternal(ex, problem.getBody(), headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldProblem(jsonName(result.getMethodParameter().getParameterName()),
                                error.getDefaultMessage())))
                .toList();
        return handleExceptionInternal(ex, ApiProblem.invalid(errors).getBody(), headers, HttpStatus.BAD_REQUEST,
                request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ApiProblem problem = ApiProblem.invalidField(ex.getParameterName(), "is required");
        return handleExceptionInternal(ex, problem.getBody(), headers, HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException ex, WebRequest request) {
        String expected = ex.getRequiredType() == null ? "a valid value" : describeType(ex.getRequiredType());
        ApiProblem problem = ApiProblem.invalidField(jsonName(ex.getName()),
                "must be " + expected + ", got '" + ex.getValue() + "'");
        return handleExceptionInternal(ex, problem.getBody(), new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    /**
     * The database or Redis is unreachable or too slow, or the transaction around the work could not be begun,
     * committed or rolled back: a 503 the client may retry. It says what is known of the outcome: nothing was
     * changed (every transaction of the request rolled back, or none began), or — when a commit went through or was
     * in doubt — that the outcome is unknown and a retry is safe (writes are idempotent).
     */
    @ExceptionHandler({ DataAccessResourceFailureException.class, QueryTimeoutException.class,
            TransientDataAccessException.class, RecoverableDataAccessException.class, TransactionException.class })
    ResponseEntity<Object> dependencyDown(Exception ex, WebRequest request) {
        log.warn("Dependency failure: {}", ex.toString());
        CommitOutcomes.Outcome outcome = CommitOutcomes.current();
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                outcome == CommitOutcomes.Outcome.NOTHING_COMMITTED
                        ? "A dependency of this service is unavailable; nothing was changed. Retry later."
                        : UNKNOWN_OUTCOME);
        body.setProperty("outcome", outcome == CommitOutcomes.Outcome.NOTHING_COMMITTED ? "not_applied" : "unknown");
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "5");
        return handleExceptionInternal(ex, body, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
    }

    /** What a 503 says when the request may have been carried out. */
    public static final String UNKNOWN_OUTCOME = "A dependency of this service failed while the request was being "
            + "completed: the outcome is unknown (it may have been carried out). Retrying is safe for readings: a "
            + "reading with the same reading_id (or timestamp) is stored once; check other changes before repeating "
            + "them.";

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
        log.error("Unhandled error", ex);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal error. Quote request id " + TraceIds.current() + " when reporting it.");
        return handleExceptionInternal(ex, body, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body == null && ex instanceof ErrorResponse response) {
            body = response.getBody(); // Spring passes null for ErrorResponse exceptions and fills it in later
        }
        if (body instanceof ProblemDetail problem && TraceIds.current() != null) {
            problem.setProperty("request_id", TraceIds.current());
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    private static ProblemDetail unreadableBody(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return ApiProblem.invalidField(field, "unknown field; allowed: "
                    + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                            .collect(Collectors.joining(", "))).getBody();
        }
        if (cause instanceof InvalidFormatException invalid) {
            String target = invalid.getTargetType() == null ? "a valid value" : describeType(invalid.getTargetType());
            return ApiProblem.invalidField(path(invalid), "must be " + target + ", got '" + invalid.getValue() + "'")
                    .getBody();
        }
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()
                && databind.getCause() instanceof IllegalArgumentException rule && rule.getMessage() != null) {
            return ApiProblem.invalidField(path(databind), rule.getMessage()).getBody();
        }
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            return ApiProblem.invalidField(path(databind), "has the wrong type or format").getBody();
        }
        if (cause instanceof tools.jackson.core.exc.StreamConstraintsException limit) {
            String at = limit.processor() instanceof tools.jackson.core.JsonParser parser ? pathOf(parser) : null;
            String rule = "exceeds a limit: " + limit.getOriginalMessage().replaceAll(", from `[^`]*`", "");
            return at == null ? ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request body " + rule)
                    : ApiProblem.invalidField(at, rule).getBody();
        }
        if (cause instanceof tools.jackson.core.exc.InputCoercionException outOfRange
                && outOfRange.processor() instanceof tools.jackson.core.JsonParser parser && pathOf(parser) != null) {
            return ApiProblem.invalidField(pathOf(parser), "must be a number within the range of its type")
                    .getBody();
        }
        if (cause instanceof tools.jackson.core.exc.StreamReadException malformed
                && malformed.getOriginalMessage() != null && malformed.getOriginalMessage().startsWith("Duplicate")) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "The request body is not valid: " + malformed.getOriginalMessage());
        }
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is missing or is not valid JSON (a JSON object, in UTF-8)");
    }

    /** The services speak snake_case JSON: {@code readings[2].heartRate} is reported as {@code readings[2].heart_rate}. */
    static String jsonName(String javaPath) {
        return javaPath == null ? null : javaPath.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** Where a parser stands ({@code readings[0].heart_rate}), or null at the top of the body. */
    private static String pathOf(tools.jackson.core.JsonParser parser) {
        List<String> segments = new ArrayList<>(); // innermost first
        for (var context = parser.streamReadContext(); context != null && !context.inRoot();
                context = context.getParent()) {
            if (context.inObject() && context.currentName() != null) {
                segments.add(context.currentName());
            } else if (context.inArray()) {
                segments.add("[" + Math.max(context.getCurrentIndex(), 0) + "]");
            }
        }
        java.util.Collections.reverse(segments);
        StringBuilder path = new StringBuilder();
        for (String segment : segments.subList(0, Math.min(segments.size(), 8))) { // deep nesting: where it starts
            if (!path.isEmpty() && !segment.startsWith("[")) {
                path.append('.');
            }
            path.append(segment);
        }
        return path.isEmpty() ? null : path.toString();
    }

    /** {@code readings[2].spo2} from Jackson's reference chain. */
    private static String path(DatabindException ex) {
        StringBuilder path = new StringBuilder();
        for (var reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String describeType(Class<?> type) {
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 time";
        }
        return "a valid " + type.getSimpleName();
    }
}
