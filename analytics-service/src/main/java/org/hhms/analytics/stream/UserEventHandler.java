package org.hhms.analytics.stream;

import org.hhms.analytics.anomaly.AllClear;
import org.hhms.contracts.events.CareTeamChanged;
import org.hhms.contracts.events.EventEnvelope;
import org.hhms.contracts.events.EventPayload;
import org.hhms.contracts.events.EventType;
import org.hhms.contracts.events.UserChanged;
import org.hhms.messaging.stream.EventHandler;
import org.hhms.security.CareTeamLookup;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Follows {@code hhms:users}: a deactivated patient is no longer watched ({@link AllClear#patientDeactivated}), and
 * a changed care team changes who may read a patient's data.
 */
@Component
public class UserEventHandler implements EventHandler {

    private final AllClear allClear;
    private final CareTeamLookup careTeams;

    public UserEventHandler(AllClear allClear, CareTeamLookup careTeams) {
        this.allClear = allClear;
        this.careTeams = careTeams;
    }

    @Override
    @Transactional
    public void handle(EventEnvelope<EventPayload> event) {
        if (event.data() instanceof CareTeamChanged team) {
            careTeams.evict(team.patientId()); // who may read changed
            return;
        }
        if (event.type() == EventType.USER_DEACTIVATED && event.data() instanceof UserChanged user) {
            allClear.patientDeactivated(user.id(), event.traceId());
        }
    }
}
