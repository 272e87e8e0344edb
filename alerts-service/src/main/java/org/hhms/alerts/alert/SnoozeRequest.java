package org.hhms.alerts.alert;

/** {@code POST /alerts/{id}/snooze}: hold repeats and escalation this many minutes; why, for the team. */
public record SnoozeRequest(Integer minutes, String note) {
}
