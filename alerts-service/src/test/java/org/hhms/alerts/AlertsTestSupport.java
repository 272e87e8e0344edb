package org.hhms.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.hhms.alerts.careteam.CareTeams;
import org.hhms.contracts.RedisKeys;
import org.hhms.contracts.alarms.AnomalyKind;
import org.hhms.contracts.alarms.Severity;
import org.hhms.contracts.events.AnomalyDetected;
import org.hhms.contracts.events.AnomalyResolved;
import org.hhms.contracts.events.CareTeamChanged;
import org.hhms.contracts.events.EventType;
import org.hhms.testsupport.HttpTestSupport;
import org.hhms.testsupport.StreamEvents;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/** Shared helpers of the alerts tests: care teams, anomaly events, HTTP calls, waiting. */
abstract class AlertsTestSupport extends HttpTestSupport {

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    RedisKeys keys;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CareTeams careTeams;

    /** The count of a counter with these tags; 0 before anything was counted. */
    static double counted(MeterRegistry meters, String name, String... tags) {
        Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    /** A patient with a care team of these people (role, phone), in escalation order; returns their ids. */
    List<UUID> team(UUID patient, String... rolesAndPhones) {
        List<CareTeamChanged.Member> members = new ArrayList<>();
        for (int i = 0; i < rolesAndPhones.length; i += 2) {
            members.add(new CareTeamChanged.Member(UUID.randomUUID(), rolesAndPhones[i] + " " + (i / 2 + 1),
                    rolesAndPhones[i], rolesAndPhones[i + 1], null, i == 0, i / 2 + 1));
        }
        careTeams.store(patient, members, Instant.now());
        return members.stream().map(CareTeamChanged.Member::userId).toList();
    }

    /** Publishes an anomaly.detected event as analytics would; returns its event id. */
    UUID detected(UUID patient, String conditionKey, String severity, String description) {
        return events().publish(EventType.ANOMALY_DETECTED, anomaly(patient, conditionKey, severity, description))
                .eventId();
    }

    static AnomalyDetected anomaly(UUID patient, String conditionKey, String severity, String description) {
        return new AnomalyDetected(UUID.randomUUID(), patient, AnomalyKind.THRESHOLD, null, null, Severity.parse(severity),
                null, description, null, Instant.now(), null, conditionKey, null, null, null, null, null);
    }

    UUID resolved(UUID patient, String conditionKey) {
        return events().publish(EventType.ANOMALY_RESOLVED, new AnomalyResolved(patient, conditionKey, AnomalyKind.THRESHOLD,
                null, "back in range", null, Instant.now())).eventId();
    }

    StreamEvents events() {
        return new StreamEvents(redis, keys);
    }

    long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

}
