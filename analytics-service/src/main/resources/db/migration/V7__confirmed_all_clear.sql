-- An all-clear is confirmed like a breach (docs/analytics.md): a condition ends only once the patient has been back
-- in range for hhms.analytics.confirmation.clear-after (reading time). clearing_since is the reading time of the
-- first reading back in range since the last breach; a breach resets it.
ALTER TABLE open_conditions ADD COLUMN clearing_since timestamptz;
