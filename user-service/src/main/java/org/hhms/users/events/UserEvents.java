package org.hhms.users.events;

import org.hhms.contracts.events.CareTeamChanged;
import org.hhms.contracts.events.EventType;
import org.hhms.contracts.events.UserChanged;
import org.hhms.messaging.outbox.Outbox;
import org.springframework.stereotype.Component;

/**
 * The events of {@code hhms:users}, recorded in the outbox inside the transaction of the change they describe
 * (see docs/events.md). The payloads are the contract records, not the REST responses: the API and the events can
 * change apart.
 */
@Component
public class UserEvents {

    private final Outbox outbox;

    public UserEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void registered(UserChanged user) {
        outbox.append(EventType.USER_REGISTERED, user);
    }

    public void updated(UserChanged user) {
        outbox.append(EventType.USER_UPDATED, user);
    }

    public void deactivated(UserChanged user) {
        outbox.append(EventType.USER_DEACTIVATED, user);
    }

    public void careTeamChanged(CareTeamChanged team) {
        outbox.append(EventType.CARE_TEAM_CHANGED, team);
    }
}
