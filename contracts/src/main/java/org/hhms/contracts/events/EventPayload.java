package org.hhms.contracts.events;

/** The data of an HHMS event: one record per kind of event, the same on the producing and the consuming side. */
public sealed interface EventPayload permits VitalRecorded, AnomalyDetected, AnomalyResolved,
        AnomalyContradicted, UserChanged, CareTeamChanged {
}
