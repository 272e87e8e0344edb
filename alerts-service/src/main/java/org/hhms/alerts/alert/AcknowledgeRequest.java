package org.hhms.alerts.alert;

import java.util.UUID;

/**
 * HHMS acknowledge: {@code status} acknowledged (default), resolved or false_alarm; who did it; an optional note
 * the whole care team sees on the alert ("called the patient, on my way").
 */
public record AcknowledgeRequest(String status, UUID doctorId, String note) {
}
