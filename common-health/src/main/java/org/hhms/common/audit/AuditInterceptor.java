package org.hhms.common.audit;

import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.hhms.common.security.Caller;
import org.hhms.common.web.RequestIdFilter;
import org.hhms.health.HealthController;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Records every call of an HHMS route in the audit trail once it is answered: the caller from the verified token,
 * the route, the patient it concerned (named by the access check, or the {@code patientId} path variable) and the
 * status. Health checks are not recorded; {@link NotAudited} routes only when refused.
 */
public class AuditInterceptor implements HandlerInterceptor {

    private final AuditTrail trail;

    public AuditInterceptor(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
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
        trail.record(caller == null ? null : caller.id(), caller == null ? "anonymous" : caller.role().claim(),
                action, patientOf(request), request.getRequestURI(), status, RequestIdFilter.current(),
                request.getRemoteAddr());
    }

    private static Caller caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof JwtAuthenticationToken token ? Caller.of(token.getToken()) : null;
    }

    private static UUID patientOf(HttpServletRequest request) {
        if (request.getAttribute(AuditTrail.PATIENT_ATTRIBUTE) instanceof UUID patient) {
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
