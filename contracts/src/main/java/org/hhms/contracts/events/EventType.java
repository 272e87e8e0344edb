package org.hhms.contracts.events;

import java.util.Arrays;
import java.util.Optional;

/** Every kind of HHMS event: its name on the wire, its stream and the record its data is. */
public enum EventType {
    USER_REGISTERED("user.registered", Streams.USERS, UserChanged.class),
    USER_UPDATED("user.updated", Streams.USERS, UserChanged.class),
    USER_DEACTIVATED("user.deactivated", Streams.USERS, UserChanged.class),
    CARE_TEAM_CHANGED("care_team.changed", Streams.USERS, CareTeamChanged.class),
    VITAL_RECORDED("vital.recorded", Streams.VITALS, VitalRecorded.class),
    ANOMALY_DETECTED("anomaly.detected", Streams.ANOMALIES, AnomalyDetected.class),
    ANOMALY_RESOLVED("anomaly.resolved", Streams.ANOMALIES, AnomalyResolved.class),
    ANOMALY_CONTRADICTED("anomaly.contradicted", Streams.ANOMALIES, AnomalyContradicted.class);

    private final String wire;
    private final String stream;
    private final Class<? extends EventPayload> payload;

    EventType(String wire, String stream, Class<? extends EventPayload> payload) {
        this.wire = wire;
        this.stream = stream;
        this.payload = payload;
    }

    /** The envelope's {@code type}, e.g. {@code vital.recorded}. */
    public String wire() {
        return wire;
    }

    /** The stream it is published on (before any key prefix). */
    public String stream() {
        return stream;
    }

    public Class<? extends EventPayload> payload() {
        return payload;
    }

    /** The type of a wire name; empty for one this version does not know (a newer producer's). */
    public static Optional<EventType> fromWire(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
    }
}
