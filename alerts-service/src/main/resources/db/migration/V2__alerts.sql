-- Alerts: one active alert per condition (patient + what is wrong), with a lifecycle
-- pending/sent/failed -> acknowledged -> resolved.
CREATE TABLE alerts (
    id                 uuid PRIMARY KEY,
    patient_id         uuid        NOT NULL,
    condition_key      text        NOT NULL,
    kind               text        NOT NULL,
    severity           text        NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
    message            text        NOT NULL,
    status             text        NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'delivered',
                                                              'acknowledged', 'resolved')),
    resolution         text,
    occurrence_count   integer     NOT NULL DEFAULT 1,
    first_seen_at      timestamptz NOT NULL,
    last_seen_at       timestamptz NOT NULL,
    last_reading_at    timestamptz,
    escalation_level   integer     NOT NULL DEFAULT 0,
    round              integer     NOT NULL DEFAULT 1,
    next_escalation_at timestamptz,
    next_repeat_at     timestamptz,
    acknowledged_by    uuid,
    acknowledged_at    timestamptz,
    resolved_at        timestamptz,
    error_message      text,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL
);
-- The grouping rule, enforced by the database: at most one unresolved alert per condition.
CREATE UNIQUE INDEX alerts_one_active_per_condition ON alerts (condition_key) WHERE status <> 'resolved';
CREATE INDEX alerts_patient_idx ON alerts (patient_id, created_at DESC);
CREATE INDEX alerts_due_idx ON alerts (least(next_escalation_at, next_repeat_at))
    WHERE status IN ('pending', 'sent', 'failed', 'delivered');

-- Events already handled (anomaly.detected / anomaly.resolved), so a redelivered event changes nothing.
CREATE TABLE processed_events (
    event_id     uuid PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);

-- Every notification attempt, and the persisted queue of those still to send. idempotency_key is one per alert,
-- recipient, round and purpose: the same notification is never queued (so never sent) twice.
CREATE TABLE notifications (
    id                  uuid PRIMARY KEY,
    alert_id            uuid        NOT NULL REFERENCES alerts (id),
    recipient_id        uuid,
    recipient_name      text,
    recipient_phone     text,
    channel             text        NOT NULL DEFAULT 'sms',
    purpose             text        NOT NULL CHECK (purpose IN ('alert', 'escalation', 'repeat', 'all_clear')),
    round               integer     NOT NULL,
    severity            text        NOT NULL,
    body                text        NOT NULL,
    idempotency_key     text        NOT NULL UNIQUE,
    status              text        NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'retrying', 'failed',
                                                               'uncertain')),
    tries               integer     NOT NULL DEFAULT 0,
    provider_message_id text,
    error               text,
    next_attempt_at     timestamptz NOT NULL,
    created_at          timestamptz NOT NULL,
    sent_at             timestamptz,
    updated_at          timestamptz NOT NULL
);
CREATE INDEX notifications_due_idx ON notifications (next_attempt_at) WHERE status IN ('queued', 'retrying');
CREATE INDEX notifications_alert_idx ON notifications (alert_id);
CREATE INDEX notifications_recipient_sent_idx ON notifications (recipient_id, sent_at) WHERE status = 'sent';

-- Each patient's care team as the user-service last told us (hhms:users care_team.changed, or a lookup).
CREATE TABLE care_teams (
    patient_id uuid PRIMARY KEY,
    members    text        NOT NULL,
    updated_at timestamptz NOT NULL
);
