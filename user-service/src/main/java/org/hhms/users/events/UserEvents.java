package org.hhms.users.events;

import org.hhms.messaging.outbox.Outbox;
import org.hhms.users.careteam.CareTeam;
import org.hhms.users.user.UserResponse;
import org.springframework.stereotype.Component;

/**
 * The events of {@code hhms:users}, recorded in the outbox inside the transaction of the change they describe
 * (see docs/events.md).
 */
@Component
public class UserEvents {

    public static final String STREAM = "hhms:users";

    private final Outbox outbox;

    public UserEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void registered(UserResponse user) {
        outbox.append(STREAM, "user.registered", user);
    }

    public void updated(UserResponse user) {
        outbox.append(STREAM, "user.updated", user);
    }

    public void deactivated(UserResponse user) {
        outbox.append(STREAM, "user.deactivated", user);
    }

    public void careTeamChanged(CareTeam team) {
        outbox.append(STREAM, "care_team.changed", team);
    }
}
