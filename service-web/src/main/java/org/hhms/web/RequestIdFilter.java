package org.hhms.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.hhms.contracts.TraceIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes the caller's {@code X-Request-ID} (or makes one), puts it in the logging context as {@code trace_id}, and
 * returns it on the response, so one id follows a request from the gateway through every service's logs.
 */
public class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = TraceIds.HEADER;
    public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

    /** One line per request, carrying the trace id; its level is ACCESS_LOG_LEVEL (WARN silences it). */
    private static final Logger ACCESS = LoggerFactory.getLogger("org.hhms.access");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = TraceIds.acceptOrCreate(request.getHeader(HEADER));
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        MDC.put(TraceIds.MDC_KEY, id);
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (ACCESS.isInfoEnabled()) {
                ACCESS.info("{} {} -> {} in {} ms", request.getMethod(), request.getRequestURI(),
                        response.getStatus(), (System.nanoTime() - start) / 1_000_000);
            }
            MDC.remove(TraceIds.MDC_KEY);
        }
    }

}
