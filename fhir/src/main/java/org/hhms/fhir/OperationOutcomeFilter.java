package org.hhms.fhir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.hhms.web.FieldProblem;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Under {@code /fhir} every error is an {@code OperationOutcome}: whatever answered problem details — a controller,
 * the token check, load shedding, a failed dependency — the same status, headers and detail go out in FHIR's form.
 * One conversion at the edge instead of a second error path in every part of a service.
 */
public class OperationOutcomeFilter extends OncePerRequestFilter {

    private final FhirContext context;
    private final ObjectMapper mapper;

    public OperationOutcomeFilter(FhirContext context, ObjectMapper mapper) {
        this.context = context;
        this.mapper = mapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, wrapper);
        } finally {
            if (isProblem(wrapper.getContentType())) {
                byte[] outcome = outcomeOf(wrapper.getStatus(), wrapper.getContentAsByteArray());
                wrapper.resetBuffer();
                wrapper.setContentType(FhirResourceConverter.FHIR_JSON + ";charset=UTF-8");
                wrapper.getOutputStream().write(outcome);
            }
            wrapper.copyBodyToResponse();
        }
    }

    private byte[] outcomeOf(int status, byte[] problem) {
        String detail = "HTTP " + status;
        List<FieldProblem> problems = new ArrayList<>();
        try {
            JsonNode body = mapper.readTree(problem);
            if (body.hasNonNull("detail")) {
                detail = body.get("detail").asString();
            } else if (body.hasNonNull("title")) {
                detail = body.get("title").asString();
            }
            if (body.hasNonNull("request_id")) {
                detail += " (request id " + body.get("request_id").asString() + ")";
            }
            for (JsonNode error : body.path("errors")) {
                problems.add(new FieldProblem(error.path("field").asString(), error.path("message").asString()));
            }
        } catch (RuntimeException unreadable) {
            // Not JSON after all: the status alone says what happened.
        }
        return context.newJsonParser().encodeResourceToString(OperationOutcomes.of(status, detail, problems))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isProblem(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
