-- Confirmation before paging (docs/analytics.md): a breach that could be an artefact or a moment's blip is held
-- until the next reading confirms it (or persistence, or silence, does); contradicted, it is kept here and pages
-- nobody. announced: sent on to alerts; held: waiting; contradicted: the next reading disagreed.
ALTER TABLE anomalies
    ADD COLUMN confirmation text NOT NULL DEFAULT 'announced'
        CHECK (confirmation IN ('announced', 'held', 'contradicted')),
    -- What the anomaly's event will carry beyond the anomaly (limit, NEWS2 figures), for a held one announced later.
    ADD COLUMN event_details text;
CREATE INDEX anomalies_held_idx ON anomalies (condition_key) WHERE confirmation = 'held';

-- A held condition: not confirmed yet. It is confirmed by a breaching reading taken at or after confirm_after
-- (the metric's persistence), or at confirm_by (server time) when no reading contradicted it by then.
ALTER TABLE open_conditions
    ADD COLUMN confirmed        boolean NOT NULL DEFAULT true,
    ADD COLUMN hold_reason      text CHECK (hold_reason IN ('unconfirmed', 'suspected_artefact')),
    ADD COLUMN first_reading_at timestamptz,
    ADD COLUMN confirm_after    timestamptz,
    ADD COLUMN confirm_by       timestamptz;
CREATE INDEX open_conditions_held_idx ON open_conditions (confirm_by) WHERE NOT confirmed;
