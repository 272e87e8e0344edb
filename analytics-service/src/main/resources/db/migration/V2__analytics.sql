-- Per-patient thresholds set by a doctor (HHMS): strict < / > against min_value and max_value.
CREATE TABLE thresholds (
    id         uuid PRIMARY KEY,
    patient_id uuid             NOT NULL,
    metric     text             NOT NULL,
    min_value  double precision,
    max_value  double precision,
    created_at timestamptz      NOT NULL,
    updated_at timestamptz      NOT NULL,
    UNIQUE (patient_id, metric),
    CHECK (min_value IS NULL OR max_value IS NULL OR min_value <= max_value)
);

-- Clinician settings for NEWS2 (SpO2 scale 2 only for hypercapnic respiratory failure).
CREATE TABLE patient_settings (
    patient_id uuid PRIMARY KEY,
    spo2_scale integer     NOT NULL DEFAULT 1 CHECK (spo2_scale IN (1, 2)),
    updated_at timestamptz NOT NULL
);

-- Every anomaly found. dedupe_key is one per rule and reading (or per silence), so processing an event twice
-- never stores a second anomaly.
CREATE TABLE anomalies (
    id             uuid PRIMARY KEY,
    patient_id     uuid             NOT NULL,
    kind           text             NOT NULL CHECK (kind IN ('threshold', 'news2', 'stale_data')),
    metric         text,
    rule           text             NOT NULL,
    severity       text             NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
    observed_value double precision,
    description    text             NOT NULL,
    reading_id     text,
    reading_time   timestamptz      NOT NULL,
    threshold_id   uuid,
    condition_key  text             NOT NULL,
    detected_at    timestamptz      NOT NULL,
    dedupe_key     text             NOT NULL UNIQUE
);
CREATE INDEX anomalies_patient_time_idx ON anomalies (patient_id, reading_time DESC);

-- Conditions currently open (a breach seen and not yet cleared), so a clearing reading can announce the all-clear
-- exactly once. last_reading_at keeps a late, older reading from clearing a newer breach.
CREATE TABLE open_conditions (
    condition_key   text PRIMARY KEY,
    patient_id      uuid        NOT NULL,
    kind            text        NOT NULL,
    metric          text,
    severity        text        NOT NULL,
    opened_at       timestamptz NOT NULL,
    last_reading_at timestamptz NOT NULL
);
CREATE INDEX open_conditions_patient_idx ON open_conditions (patient_id);

-- The newest value of each NEWS2 parameter per patient (newer wins), shared by every instance of the service.
CREATE TABLE recent_values (
    patient_id  uuid             NOT NULL,
    parameter   text             NOT NULL,
    value       double precision NOT NULL,
    recorded_at timestamptz      NOT NULL,
    PRIMARY KEY (patient_id, parameter)
);

-- When each patient's last reading arrived (server time), for stale-data detection.
CREATE TABLE patient_activity (
    patient_id       uuid PRIMARY KEY,
    last_received_at timestamptz NOT NULL,
    stale_since      timestamptz
);
CREATE INDEX patient_activity_fresh_idx ON patient_activity (last_received_at) WHERE stale_since IS NULL;

-- Transactional outbox of anomaly.detected / anomaly.resolved events, relayed to hhms:anomalies in id order.
CREATE TABLE outbox_events (
    id         bigserial PRIMARY KEY,
    stream     text        NOT NULL,
    payload    text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
