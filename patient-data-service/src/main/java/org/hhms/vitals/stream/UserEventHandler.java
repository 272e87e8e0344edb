package org.hhms.vitals.stream;

import org.hhms.contracts.events.CareTeamChanged;
import org.hhms.contracts.events.EventEnvelope;
import org.hhms.contracts.events.EventPayload;
import org.hhms.contracts.events.UserChanged;
import org.hhms.messaging.stream.EventHandler;
import org.hhms.security.CareTeamLookup;
import org.hhms.vitals.patients.KnownPatients;
import org.springframework.stereotype.Component;

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
    public void handle(EventEnvelope<EventPayload> event) {
        switch (event.data()) {
            case CareTeamChanged team -> careTeams.evict(team.patientId()); // who may read changed
            case UserChanged user -> patients.learn(user.id(), user.role(), user.isActive(), user.updatedAt());
            default -> {
                // other events: not needed here
            }
        }
    }
}
