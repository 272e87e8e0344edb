-- Vital-sign readings, one row per reading (wide layout: see docs/vitals.md for why).
-- No unique index here: a TimescaleDB hypertable can only have unique indexes that include the time column, and
-- idempotency is decided by reading_keys below.
CREATE TABLE readings (
    patient_id       uuid             NOT NULL,
    recorded_at      timestamptz      NOT NULL,
    reading_id       text             NOT NULL,
    received_at      timestamptz      NOT NULL,
    device_id        text,
    heart_rate       double precision,
    spo2             double precision,
    respiratory_rate double precision,
    systolic_bp      double precision,
    diastolic_bp     double precision,
    temperature      double precision,
    glucose          double precision,
    weight_kg        double precision,
    on_oxygen        boolean,
    consciousness    text
);

CREATE INDEX readings_patient_time_idx ON readings (patient_id, recorded_at DESC);

-- The idempotency ledger: one row per (patient, reading id) ever stored. The client's reading_id, or one derived
-- from the patient, the time and the metrics present. A retried reading finds its key here and is not stored again.
CREATE TABLE reading_keys (
    patient_id  uuid        NOT NULL,
    reading_id  text        NOT NULL,
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (patient_id, reading_id)
);

-- The local view of patients, fed by the hhms:users stream (and by a lookup on a miss), so ingest never calls
-- the user-service for a patient it already knows.
CREATE TABLE known_patients (
    patient_id uuid PRIMARY KEY,
    active     boolean     NOT NULL,
    updated_at timestamptz NOT NULL
);

-- Transactional outbox of vital.recorded events, relayed to hhms:vitals in id order.
CREATE TABLE outbox_events (
    id         bigserial PRIMARY KEY,
    stream     text        NOT NULL,
    payload    text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
