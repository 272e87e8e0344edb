package org.hhms.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.hhms.contracts.events.EventType;
import org.hhms.testsupport.StreamEvents;
import org.hhms.testsupport.TcpProxy;
import org.hhms.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The service reaches Redis through a proxy the test cuts and restores: consumption resumes by itself. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RedisRestartTest extends AnalyticsTestSupport {

    static final TcpProxy REDIS = new TcpProxy(TestDatabases.redisHost(), TestDatabases.redisPort());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_redisrestart");
        registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + REDIS.port());
    }

    @AfterAll
    static void stop() {
        REDIS.close();
    }

    @Test
    void consumptionResumesAfterRedisComesBack() {
        UUID patient = UUID.randomUUID();
        publish(patient, "rr-1", Instant.now().minusSeconds(30), "heart_rate", 200);
        assertThat(await(Duration.ofSeconds(5), () -> anomalies(patient, "threshold") == 1)).isTrue();

        REDIS.cut();
        // Entries published directly to Redis while the service cannot reach it.
        LettuceConnectionFactory direct = new LettuceConnectionFactory(TestDatabases.redisHost(),
                TestDatabases.redisPort());
        direct.afterPropertiesSet();
        try {
            StringRedisTemplate real = new StringRedisTemplate(direct);
            for (int i = 0; i < 5; i++) {
                new StreamEvents(real, keys).publish(EventType.VITAL_RECORDED,
                        reading(patient, "rr-x" + i, Instant.now().minusSeconds(20 - i), "heart_rate", 30));
            }
            sleep(1500);
            REDIS.restore();
            assertThat(await(Duration.ofSeconds(40), () -> anomalies(patient, "threshold") == 6)).isTrue();
        } finally {
            direct.destroy();
        }
    }
}
