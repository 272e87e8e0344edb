-- Every deduplication key includes the patient: two patients' devices may well number their readings alike
-- (watch-1-0001), and one patient's anomaly must never be taken for a repeat of another's.
ALTER TABLE anomalies DROP CONSTRAINT anomalies_dedupe_key_key;
CREATE UNIQUE INDEX anomalies_patient_dedupe_idx ON anomalies (patient_id, dedupe_key);

-- Each reading of hhms:vitals judged once (its identity is the patient and the reading id, as in the
-- patient-data-service): a redelivered or replayed vital.recorded event changes nothing. Pruned after
-- hhms.analytics.judged-retention, far longer than any replay can come late.
CREATE TABLE judged_readings (
    patient_id uuid        NOT NULL,
    reading_id text        NOT NULL,
    judged_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (patient_id, reading_id)
);
CREATE INDEX judged_readings_time_idx ON judged_readings (judged_at);
