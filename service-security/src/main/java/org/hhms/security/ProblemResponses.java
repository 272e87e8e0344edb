package org.hhms.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.hhms.tokens.RevokedDevices;
import org.hhms.web.ServletProblems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import tools.jackson.databind.ObjectMapper;

/** The 401 and 403 answers of the security filters, as problem details like every other error. */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String MISSING = "Authentication required: send 'Authorization: Bearer <token>' "
            + "(POST /users/login gives people a token; devices use the token they were registered with)";

    private final ObjectMapper mapper;

    ProblemResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        boolean invalid = e instanceof InvalidBearerTokenException;
        if (invalid && String.valueOf(e.getMessage()).contains(RevokedDevices.UNAVAILABLE)) {
            // Not the token's fault: whether it is revoked cannot be told right now. Fail closed, and say so.
            response.setHeader(HttpHeaders.RETRY_AFTER, "2");
            write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "Device tokens cannot be checked right now: "
                    + RevokedDevices.UNAVAILABLE + " (HHMS is recovering from a Redis restart). Retry shortly.");
            return;
        }
        String detail = invalid ? "The bearer token was refused: " + e.getMessage() : MISSING;
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, invalid
                ? "Bearer error=\"invalid_token\"" : "Bearer");
        write(request, response, HttpStatus.UNAUTHORIZED, detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
            org.springframework.security.access.AccessDeniedException e) throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, "Your role may not call " + request.getMethod() + " "
                + request.getRequestURI());
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        ServletProblems.write(request, response, mapper, status, detail);
    }
}
