package org.hhms.web;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.hhms.contracts.TraceIds;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import tools.jackson.databind.ObjectMapper;

/**
 * Problem details written by servlet filters, which answer before Spring MVC (and its {@link ProblemDetailsAdvice})
 * is reached: the same body, with the request id.
 */
public final class ServletProblems {

    private ServletProblems() {
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, ObjectMapper mapper,
            HttpStatus status, String detail) throws IOException {
        write(request, response, mapper, status, detail, null);
    }

    /** The same, saying whether the request was carried out ({@code not_applied}, {@code unknown}). */
    public static void write(HttpServletRequest request, HttpServletResponse response, ObjectMapper mapper,
            HttpStatus status, String detail, String outcome) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (outcome != null) {
            problem.setProperty("outcome", outcome);
        }
        problem.setInstance(URI.create(request.getRequestURI()));
        if (TraceIds.current() != null) {
            problem.setProperty("request_id", TraceIds.current());
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), problem);
    }
}
