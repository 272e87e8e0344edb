-- A breach that comes back soon after the next reading contradicted it is intermittent, not an artefact
-- (docs/analytics.md, "Confirmation before paging"): the last contradiction of each condition is remembered here, by
-- reading time, with why the condition was held. One row per condition key at most (a patient has a handful), so the
-- table stays as small as open_conditions.
CREATE TABLE contradicted_holds (
    condition_key   text PRIMARY KEY,
    patient_id      uuid        NOT NULL,
    hold_reason     text        NOT NULL,
    contradicted_at timestamptz NOT NULL
);
