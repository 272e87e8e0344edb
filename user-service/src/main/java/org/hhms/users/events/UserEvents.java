package org.hhms.users.events;

import java.time.Instant;
import java.util.UUID;

import org.hhms.common.outbox.EventEnvelope;
import org.hhms.common.outbox.OutboxRelay;
import org.hhms.common.redis.RedisKeys;
import org.hhms.common.web.RequestIdFilter;
import org.hhms.users.careteam.CareTeam;
import org.hhms.users.user.UserResponse;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.ObjectMapper;

/**
 * Records the events of {@code hhms:users} in the outbox, inside the transaction of the change they describe: the
 * event exists exactly when the change does. After the commit the relay is nudged to send it at once.
 */
@Component
public class UserEvents {

    public static final String STREAM = "hhms:users";

    private final JdbcClient jdbc;
    private final ObjectMapper mapper;
    private final OutboxRelay relay;
    private final String stream;

    public UserEvents(JdbcClient jdbc, ObjectMapper mapper, OutboxRelay relay, RedisKeys keys) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.relay = relay;
        this.stream = keys.key(STREAM);
    }

    public void registered(UserResponse user) {
        append("user.registered", user);
    }

    public void updated(UserResponse user) {
        append("user.updated", user);
    }

    public void deactivated(UserResponse user) {
        append("user.deactivated", user);
    }

    public void careTeamChanged(CareTeam team) {
        append("care_team.changed", team);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void append(String type, Object data) {
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), type, Instant.now(), RequestIdFilter.current(),
                data);
        jdbc.sql("INSERT INTO outbox_events (stream, payload) VALUES (:stream, :payload)")
                .param("stream", stream).param("payload", mapper.writeValueAsString(envelope)).update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.nudge();
            }
        });
    }
}
