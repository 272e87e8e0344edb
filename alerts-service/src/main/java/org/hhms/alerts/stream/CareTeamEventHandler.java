package org.hhms.alerts.stream;

import java.time.Instant;
import java.util.UUID;

import org.hhms.alerts.careteam.CareTeams;
import org.hhms.security.CareTeamLookup;
import org.hhms.messaging.stream.EventHandler;
import org.hhms.messaging.stream.StreamEvent;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/** Keeps the stored care teams current from {@code hhms:users} care_team.changed events (whole teams, newer wins). */
@Component
public class CareTeamEventHandler implements EventHandler {

    private final CareTeams careTeams;
    private final CareTeamLookup access;

    public CareTeamEventHandler(CareTeams careTeams, CareTeamLookup access) {
        this.careTeams = careTeams;
        this.access = access;
    }

    @Override
    public void handle(StreamEvent event) {
        if (!"care_team.changed".equals(event.type())) {
            return;
        }
        JsonNode team = event.data();
        UUID patientId = UUID.fromString(team.required("patient_id").asString());
        careTeams.store(patientId, team.required("members"),
                event.occurredAt() == null ? Instant.now() : event.occurredAt());
        access.evict(patientId); // who may read this patient's alerts changed
    }
}
