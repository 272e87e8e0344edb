package org.hhms.alerts.alert;

import java.util.UUID;

/** HHMS acknowledge: {@code status} acknowledged (default), resolved or false_alarm; who did it. */
public record AcknowledgeRequest(String status, UUID doctorId) {
}
