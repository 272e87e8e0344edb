package org.hhms.vitals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hhms.testsupport.TestDatabases;
import org.hhms.testsupport.TestServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * On a server with TimescaleDB (the Testcontainers image, or a local TimescaleDB that {@code TEST_PG_PORT} names),
 * the migrations make {@code readings} a hypertable with compression, compression and retention policies, and the
 * hourly continuous aggregate with its refresh policy, which answers for rows not yet materialized. On plain
 * PostgreSQL there is nothing to check and the test is skipped, saying so.
 */
@SpringBootTest
class TimescaleObjectsTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry, "hhms_test_timescale");
        registry.add("VITALS_RETENTION_DAYS", () -> "400");
    }

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void onlyWhereTheServerHasTimescale() {
        Boolean available = jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
                   AND coalesce(current_setting('shared_preload_libraries', true), '') LIKE '%timescaledb%'
                """, Boolean.class);
        assumeThat(available).as("TimescaleDB on the test server (" + TestServers.description() + ")").isTrue();
    }

    @Test
    void readingsIsACompressedHypertableWithRetentionAndAnHourlyContinuousAggregate() {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_extension WHERE extname = 'timescaledb'",
                Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForList("""
                SELECT hypertable_name, compression_enabled FROM timescaledb_information.hypertables
                """)).containsExactly(Map.of("hypertable_name", "readings", "compression_enabled", true));
        assertThat(jdbc.queryForObject("""
                SELECT segmentby_column_index IS NOT NULL FROM timescaledb_information.compression_settings
                 WHERE hypertable_name = 'readings' AND attname = 'patient_id'
                """, Boolean.class)).as("compressed per patient").isTrue();

        List<Map<String, Object>> jobs = jdbc.queryForList("""
                SELECT proc_name, hypertable_name, config::text AS config FROM timescaledb_information.jobs
                 WHERE proc_name IN ('policy_compression', 'policy_retention', 'policy_refresh_continuous_aggregate')
                 ORDER BY proc_name
                """);
        assertThat(jobs).extracting(job -> job.get("proc_name")).containsExactly("policy_compression",
                "policy_refresh_continuous_aggregate", "policy_retention");
        assertThat(jobs.get(0).get("config").toString()).contains("7 days");
        assertThat(jobs.get(2).get("config").toString()).as("VITALS_RETENTION_DAYS").contains("400 days");

        assertThat(jdbc.queryForObject("""
                SELECT materialized_only FROM timescaledb_information.continuous_aggregates
                 WHERE view_name = 'readings_hourly' AND hypertable_name = 'readings'
                """, Boolean.class)).as("real-time: unmaterialized rows answer too").isFalse();
    }

    @Test
    void theHourlyAggregateAnswersForReadingsNotYetMaterialized() {
        UUID patient = UUID.randomUUID();
        Instant hour = Instant.parse("2026-11-30T08:00:00Z");
        for (int minute = 0; minute < 3; minute++) {
            jdbc.update("""
                    INSERT INTO readings (patient_id, recorded_at, reading_id, received_at, heart_rate)
                    VALUES (?, ?, ?, now(), ?)
                    """, patient, Timestamp.from(hour.plusSeconds(60L * minute)), "r" + minute, 70 + minute * 10);
        }
        Map<String, Object> bucket = jdbc.queryForMap("""
                SELECT heart_rate_min, heart_rate_max, heart_rate_sum, heart_rate_count FROM readings_hourly
                 WHERE patient_id = ? AND bucket_start = ?
                """, patient, Timestamp.from(hour));
        assertThat(bucket).containsEntry("heart_rate_min", 70.0).containsEntry("heart_rate_max", 90.0)
                .containsEntry("heart_rate_sum", 240.0).containsEntry("heart_rate_count", 3L);
    }
}
