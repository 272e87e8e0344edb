package org.hhms.web;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.ObjectMapper;

/**
 * Load shedding: at most {@code hhms.web.max-concurrent-requests} requests are worked on at once; one more waits up
 * to {@code hhms.web.max-queue-wait} for its turn and is otherwise answered 503 with {@code Retry-After: 1},
 * having changed nothing. Without it an overload (virtual threads accept every request) fills the heap with
 * waiting requests until the service stops answering anyone. Health and metrics are never shed.
 */
public class ConcurrencyLimitFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ConcurrencyLimitFilter.class);

    private final Semaphore permits;
    private final int limit;
    private final long waitNanos;
    private final ObjectMapper mapper;
    private volatile long lastWarning;

    public ConcurrencyLimitFilter(int limit, Duration maxWait, ObjectMapper mapper) {
        this.mapper = mapper;
        this.permits = new Semaphore(limit);
        this.limit = limit;
        this.waitNanos = maxWait.toNanos();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.equals("/health") || path.startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        try {
            admitted = permits.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            shed(request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }

    private void shed(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long now = System.nanoTime();
        if (now - lastWarning > 10_000_000_000L) {
            lastWarning = now;
            log.warn("Overloaded: {} requests in progress, shedding load with 503 (hhms.web.max-concurrent-requests)",
                    limit);
        }
        response.setHeader("Retry-After", "1");
        ServletProblems.write(request, response, mapper, HttpStatus.SERVICE_UNAVAILABLE,
                "This service is at capacity; nothing was changed. Retry in a second.");
    }

    /** Requests being worked on now (for tests and metrics). */
    public int inProgress() {
        return limit - permits.availablePermits();
    }
}
