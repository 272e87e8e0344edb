-- Episodes (docs/alerting.md): one open clinical alert per patient groups every concurrent condition. Its
-- condition_key is '<patient>:clinical'; the conditions it groups are rows here, each open until analytics clears it,
-- and the episode ends (one all-clear) when its last condition clears. A technical alert (a device gone silent) is
-- its own episode with its one condition; a manual alert has none.
CREATE TABLE alert_conditions (
    alert_id        uuid        NOT NULL REFERENCES alerts (id),
    condition_key   text        NOT NULL,
    kind            text        NOT NULL,
    metric          text,
    severity        text        NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
    description     text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('open', 'cleared')),
    opened_at       timestamptz NOT NULL,
    last_reading_at timestamptz,
    cleared_at      timestamptz,
    cleared_by      text,
    PRIMARY KEY (alert_id, condition_key)
);
-- anomaly.resolved names a condition: find the open one at once.
CREATE INDEX alert_conditions_open_idx ON alert_conditions (condition_key) WHERE status = 'open';

-- Alerts open at the upgrade keep their one condition each and end as before, when it clears.
INSERT INTO alert_conditions (alert_id, condition_key, kind, metric, severity, description, status, opened_at,
                              last_reading_at)
SELECT id, condition_key, kind, NULL, severity, message, 'open', first_seen_at, last_reading_at
  FROM alerts
 WHERE status <> 'resolved' AND kind <> 'manual';

-- What the last acknowledgement covered: a rise above it pages again. The note is shown to the whole care team.
-- A snoozed alert holds its repeats and escalation until snoozed_until (bounded; never for a critical alert).
ALTER TABLE alerts
    ADD COLUMN acknowledged_severity text CHECK (acknowledged_severity IN ('info', 'warning', 'critical')),
    ADD COLUMN acknowledgement_note  text,
    ADD COLUMN snoozed_until         timestamptz,
    ADD COLUMN snoozed_by            uuid,
    ADD COLUMN snooze_note           text;

-- A page for a rise in severity is its own purpose (and so its own idempotency key per round).
ALTER TABLE notifications DROP CONSTRAINT notifications_purpose_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_purpose_check
    CHECK (purpose IN ('alert', 'escalation', 'repeat', 'worsened', 'all_clear'));

-- The rate limit counts one person's texts about one alert (never across patients, never across severities).
CREATE INDEX notifications_alert_recipient_sent_idx ON notifications (alert_id, recipient_id, sent_at)
    WHERE status = 'sent';
