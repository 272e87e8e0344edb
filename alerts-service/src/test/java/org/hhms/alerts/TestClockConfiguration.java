package org.hhms.alerts;

import java.time.Instant;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Replaces the service's clock with {@link #CLOCK}, which a test moves by hand. */
@TestConfiguration
public class TestClockConfiguration {

    public static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));

    @Bean
    @Primary
    MutableClock testClock() {
        return CLOCK;
    }
}
