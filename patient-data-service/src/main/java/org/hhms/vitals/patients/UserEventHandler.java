package org.hhms.vitals.patients;

import java.time.Instant;
import java.util.UUID;

import org.hhms.security.CareTeamLookup;
import org.hhms.messaging.stream.EventHandler;
import org.hhms.messaging.stream.StreamEvent;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Keeps the local view of patients current from {@code hhms:users}: a registration makes a patient known, a
 * deactivation stops their readings. Applying an event twice, or late, is harmless (the newer state wins).
 */
@Component
public class UserEventHandler implements EventHandler {

    private final KnownPatients patients;
    private final CareTeamLookup careTeams;

    public UserEventHandler(KnownPatients patients, CareTeamLookup careTeams) {
        this.patients = patients;
        this.careTeams = careTeams;
    }

    @Override
    public void handle(StreamEvent event) {
        JsonNode user = event.data();
        if ("care_team.changed".equals(event.type()) && user.has("patient_id")) {
            careTeams.evict(UUID.fromString(user.get("patient_id").asString())); // who may read changed
            return;
        }
        if (!event.type().startsWith("user.") || !user.has("id")) {
            return; // anything newer: not needed here
        }
        patients.learn(UUID.fromString(user.get("id").asString()), user.path("role").asString(""),
                user.path("is_active").asBoolean(false), Instant.parse(user.required("updated_at").asString()));
    }
}
