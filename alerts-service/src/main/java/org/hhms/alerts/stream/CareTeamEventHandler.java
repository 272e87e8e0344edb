package org.hhms.alerts.stream;

import java.time.Clock;

import org.hhms.alerts.careteam.CareTeams;
import org.hhms.contracts.events.CareTeamChanged;
import org.hhms.contracts.events.EventEnvelope;
import org.hhms.contracts.events.EventPayload;
import org.hhms.messaging.stream.EventHandler;
import org.hhms.security.CareTeamLookup;
import org.springframework.stereotype.Component;

/** Keeps the stored care teams current from {@code hhms:users} care_team.changed events (whole teams, newer wins). */
@Component
public class CareTeamEventHandler implements EventHandler {

    private final CareTeams careTeams;
    private final CareTeamLookup access;
    private final Clock clock;

    public CareTeamEventHandler(CareTeams careTeams, CareTeamLookup access, Clock clock) {
        this.careTeams = careTeams;
        this.access = access;
        this.clock = clock;
    }

    @Override
    public void handle(EventEnvelope<EventPayload> event) {
        if (event.data() instanceof CareTeamChanged team) {
            careTeams.store(team.patientId(), team.members(),
                    event.occurredAt() == null ? clock.instant() : event.occurredAt());
            access.evict(team.patientId()); // who may read this patient's alerts changed
        }
    }
}
