-- A care plan per patient (docs/analytics.md): besides moving a bound (min_value, max_value), a clinician may switch a
-- default bound off for one patient (a COPD patient living at SpO2 88-92 %) and choose how long a breach must
-- persist before it pages. Every change says who made it and why.
ALTER TABLE thresholds
    ADD COLUMN min_off         boolean NOT NULL DEFAULT false,
    ADD COLUMN max_off         boolean NOT NULL DEFAULT false,
    ADD COLUMN persist_seconds integer CHECK (persist_seconds BETWEEN 0 AND 3600),
    ADD CHECK (NOT (min_off AND min_value IS NOT NULL)),
    ADD CHECK (NOT (max_off AND max_value IS NOT NULL));

CREATE TABLE care_plan_changes (
    id         uuid PRIMARY KEY,
    patient_id uuid        NOT NULL,
    changed_by uuid,
    reason     text,
    change     text        NOT NULL,
    changed_at timestamptz NOT NULL
);
CREATE INDEX care_plan_changes_patient_idx ON care_plan_changes (patient_id, changed_at DESC);
