package org.hhms.vitals.patients;

import java.time.Instant;
import java.util.UUID;

import org.hhms.common.stream.EventHandler;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Keeps the local view of patients current from {@code hhms:users}: a registration makes a patient known, a
 * deactivation stops their readings. Applying an event twice, or late, is harmless (the newer state wins).
 */
@Component
public class UserEventHandler implements EventHandler {

    private final ObjectMapper mapper;
    private final KnownPatients patients;

    public UserEventHandler(ObjectMapper mapper, KnownPatients patients) {
        this.mapper = mapper;
        this.patients = patients;
    }

    @Override
    public void handle(String event) {
        if (event == null) {
            throw new IllegalArgumentException("Entry has no 'event' field");
        }
        JsonNode envelope = mapper.readTree(event);
        String type = envelope.path("type").asString("");
        JsonNode user = envelope.path("data");
        if (!type.startsWith("user.") || !user.has("id")) {
            return; // care_team.changed and anything newer: not needed here
        }
        patients.learn(UUID.fromString(user.get("id").asString()), user.path("role").asString(""),
                user.path("is_active").asBoolean(false), Instant.parse(user.required("updated_at").asString()));
    }
}
