-- NEWS2 trends (docs/analytics.md): a rise of 3 or more above the patient's own baseline is a deterioration warning
-- before any band is reached (Kellett & Murray 2014). The baseline is the median of the patient's hourly lowest
-- complete scores over the last day, so it is their usual resting score, not a moment's value.
ALTER TABLE anomalies DROP CONSTRAINT anomalies_kind_check;
ALTER TABLE anomalies ADD CONSTRAINT anomalies_kind_check
    CHECK (kind IN ('threshold', 'news2', 'trend', 'stale_data'));

CREATE TABLE news2_hourly_lows (
    patient_id uuid        NOT NULL,
    hour       timestamptz NOT NULL,
    lowest     smallint    NOT NULL,
    PRIMARY KEY (patient_id, hour)
);
