package org.hhms.audit;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.hhms.contracts.TraceIds;
import org.hhms.health.HealthController;
import org.hhms.security.Caller;
import org.hhms.security.PatientAccess;
import org.hhms.web.CommitOutcomes;
import org.hhms.web.ProblemDetailsAdvice;
import org.hhms.web.RequestIdFilter;
import org.hhms.web.ServletProblems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import tools.jackson.databind.ObjectMapper;

/**
 * Records every call of an HHMS route in the audit trail when its handler is done and before its answer leaves: the
 * caller from the verified token, the route, the patient it concerned (named by the access check, or the
 * {@code patientId} path variable) and the status. The answer is held (in the response buffer, which this makes
 * {@value #BUFFER} bytes at least) until the record is committed; if it cannot be, the client gets a 503 instead of
 * data nobody could audit. A refusal or error (4xx, 5xx) is not held: it disclosed and changed nothing, and its
 * record follows as soon as the database takes it. Health checks are not recorded; {@link NotAudited} routes only
 * when refused.
 */
public class AuditInterceptor implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(AuditInterceptor.class);
    private static final int BUFFER = 64 * 1024;

    private final AuditTrail trail;
    private final ObjectMapper mapper;
    private final Duration timeout;

    /** @param timeout how long an answer waits for its audit record before it is replaced by a 503 */
    public AuditInterceptor(AuditTrail trail, ObjectMapper mapper, Duration timeout) {
        this.trail = trail;
        this.mapper = mapper;
        this.timeout = timeout;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!response.isCommitted() && response.getBufferSize() < BUFFER) {
            response.setBufferSize(BUFFER);
        }
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) throws IOException {
        if (!(handler instanceof HandlerMethod method) || !method.getBeanType().getName().startsWith("org.hhms.")
                || method.getBeanType() == HealthController.class) {
            return;
        }
        int status = response.getStatus();
        if (method.hasMethodAnnotation(NotAudited.class) && status != 401 && status != 403) {
            return;
        }
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String action = request.getMethod() + " " + (pattern == null ? request.getRequestURI() : pattern);
        Caller caller = caller();
        CompletableFuture<Void> written = trail.record(caller == null ? null : caller.id(),
                caller == null ? "anonymous" : caller.role().claim(), action, patientOf(request),
                request.getRequestURI(), status, TraceIds.current(), request.getRemoteAddr(), timeout);
        if (status >= 400 || request.isAsyncStarted()) {
            return; // a refusal or failure disclosed and changed nothing: its record is written without holding it
        }
        try {
            written.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            withhold(request, response, e);
        } catch (ExecutionException | TimeoutException e) {
            withhold(request, response, e);
        }
    }

    /** The record could not be written: the answer is replaced by a 503 (or, if already on its way, cut off). */
    private void withhold(HttpServletRequest request, HttpServletResponse response, Exception why)
            throws IOException {
        log.warn("Audit record of {} {} not written ({}); answer withheld", request.getMethod(),
                request.getRequestURI(), why.toString());
        if (response.isCommitted()) {
            throw new IOException("audit record not written; the answer already begun is cut off", why);
        }
        String requestId = response.getHeader(RequestIdFilter.HEADER);
        response.reset();
        if (requestId != null) {
            response.setHeader(RequestIdFilter.HEADER, requestId);
        }
        response.setHeader("Retry-After", "5");
        ServletProblems.write(request, response, mapper, HttpStatus.SERVICE_UNAVAILABLE,
                "The audit trail is unavailable, so the answer is withheld. " + (CommitOutcomes.current()
                        == CommitOutcomes.Outcome.NOTHING_COMMITTED ? "Nothing was changed. Retry later."
                                : ProblemDetailsAdvice.UNKNOWN_OUTCOME),
                CommitOutcomes.current() == CommitOutcomes.Outcome.NOTHING_COMMITTED ? "not_applied" : "unknown");
    }

    private static Caller caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof JwtAuthenticationToken token ? Caller.of(token.getToken()) : null;
    }

    private static UUID patientOf(HttpServletRequest request) {
        if (request.getAttribute(PatientAccess.PATIENT_ATTRIBUTE) instanceof UUID patient) {
            return patient;
        }
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                && variables.get("patientId") instanceof String id) {
            try {
                return UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
