package org.hhms.alerts.stream;

import java.time.Instant;
import java.util.UUID;

import org.hhms.alerts.careteam.CareTeams;
import org.hhms.common.stream.EventHandler;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Keeps the stored care teams current from {@code hhms:users} care_team.changed events (whole teams, newer wins). */
@Component
public class CareTeamEventHandler implements EventHandler {

    private final ObjectMapper mapper;
    private final CareTeams careTeams;

    public CareTeamEventHandler(ObjectMapper mapper, CareTeams careTeams) {
        this.mapper = mapper;
        this.careTeams = careTeams;
    }

    @Override
    public void handle(String event) {
        if (event == null) {
            throw new IllegalArgumentException("Entry has no 'event' field");
        }
        JsonNode envelope = mapper.readTree(event);
        if (!"care_team.changed".equals(envelope.path("type").asString(""))) {
            return;
        }
        JsonNode team = envelope.required("data");
        careTeams.store(UUID.fromString(team.required("patient_id").asString()), team.required("members"),
                Instant.parse(envelope.required("occurred_at").asString()));
    }
}
