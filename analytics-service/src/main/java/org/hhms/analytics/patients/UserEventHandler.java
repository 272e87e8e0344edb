package org.hhms.analytics.patients;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hhms.security.CareTeamLookup;
import org.hhms.analytics.anomaly.AnomalyEvents;
import org.hhms.messaging.stream.EventHandler;
import org.hhms.messaging.stream.StreamEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;


/**
 * Follows {@code hhms:users} for one thing: a deactivated patient is no longer watched. Their silence is not
 * reported as stale data, and their open conditions are closed with an all-clear so nobody keeps being paged.
 */
@Component
public class UserEventHandler implements EventHandler {

    private final JdbcClient jdbc;
    private final AnomalyEvents events;
    private final CareTeamLookup careTeams;

    public UserEventHandler(JdbcClient jdbc, AnomalyEvents events, CareTeamLookup careTeams) {
        this.jdbc = jdbc;
        this.events = events;
        this.careTeams = careTeams;
    }

    @Override
    @Transactional
    public void handle(StreamEvent event) {
        if ("care_team.changed".equals(event.type()) && event.data().has("patient_id")) {
            careTeams.evict(UUID.fromString(event.data().get("patient_id").asString())); // who may read changed
            return;
        }
        if (!"user.deactivated".equals(event.type())) {
            return;
        }
        UUID patient = UUID.fromString(event.data().required("id").asString());
        jdbc.sql("DELETE FROM patient_activity WHERE patient_id = :p").param("p", patient).update();
        List<OpenCondition> closed = jdbc.sql("""
                DELETE FROM open_conditions WHERE patient_id = :p RETURNING condition_key, kind, metric
                """).param("p", patient)
                .query((rs, row) -> new OpenCondition(rs.getString("condition_key"), rs.getString("kind"),
                        rs.getString("metric")))
                .list();
        String traceId = event.traceId();
        for (OpenCondition condition : closed) {
            events.resolved(patient, condition.key(), condition.kind(), condition.metric(),
                    "Patient deactivated: no longer monitored", null, Instant.now(), traceId);
        }
    }

    private record OpenCondition(String key, String kind, String metric) {
    }
}
