-- The anomalies each alert covers: one row per anomaly.detected handled, so an alert's history says what raised
-- it and no anomaly is ever counted in two alerts (the primary key).
CREATE TABLE alert_anomalies (
    anomaly_id  uuid PRIMARY KEY,
    alert_id    uuid        NOT NULL REFERENCES alerts (id),
    reading_id  text,
    severity    text        NOT NULL,
    description text        NOT NULL,
    reading_at  timestamptz,
    recorded_at timestamptz NOT NULL
);
CREATE INDEX alert_anomalies_alert_idx ON alert_anomalies (alert_id);
CREATE INDEX processed_events_time_idx ON processed_events (processed_at);
