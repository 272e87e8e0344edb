package org.hhms.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import tools.jackson.databind.ObjectMapper;

/** The load shedder admits its limit, sheds the next after its wait with a 503, and never sheds health. */
class ConcurrencyLimitFilterTest {

    @Test
    void requestsBeyondTheLimitWaitThenGet503AndHealthIsNeverShed() throws Exception {
        ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(2, Duration.ofMillis(200), new ObjectMapper());
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            Thread.ofVirtual().start(() -> {
                try {
                    filter.doFilter(new MockHttpServletRequest("POST", "/patient/x"), new MockHttpServletResponse(),
                            (req, res) -> {
                                entered.countDown();
                                try {
                                    release.await();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(filter.inProgress()).isEqualTo(2);

        MockHttpServletResponse shed = new MockHttpServletResponse();
        long start = System.nanoTime();
        filter.doFilter(new MockHttpServletRequest("POST", "/patient/x"), shed,
                (req, res) -> ((MockHttpServletResponse) res).setStatus(201));
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(190).toNanos());
        assertThat(shed.getStatus()).isEqualTo(503);
        assertThat(shed.getHeader("Retry-After")).isEqualTo("1");
        assertThat(shed.getContentAsString()).contains("at capacity").contains("nothing was changed");

        MockHttpServletResponse health = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("GET", "/health"), health,
                (req, res) -> ((MockHttpServletResponse) res).setStatus(200));
        assertThat(health.getStatus()).isEqualTo(200);

        release.countDown();
        MockHttpServletResponse admitted = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("POST", "/patient/x"), admitted,
                (req, res) -> ((MockHttpServletResponse) res).setStatus(201));
        assertThat(admitted.getStatus()).isEqualTo(201);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (filter.inProgress() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10); // the two held requests finish on their own threads
        }
        assertThat(filter.inProgress()).isZero();
    }
}
