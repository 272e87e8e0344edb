-- The audit trail every HHMS service keeps of its own routes (org.hhms.common.audit, docs/security.md).
-- Shipped by common-health and applied by each service's Flyway as a repeatable migration, so the same table,
-- written by the same code, exists in every service database. Idempotent: it reruns whenever this file changes.
CREATE TABLE IF NOT EXISTS audit_events (
    id             bigserial PRIMARY KEY,
    occurred_at    timestamptz NOT NULL,
    service        text        NOT NULL,
    actor_id       uuid,
    actor_role     text        NOT NULL,
    action         text        NOT NULL,
    patient_id     uuid,
    target         text        NOT NULL,
    status         integer     NOT NULL,
    request_id     text,
    client_address text
);

CREATE INDEX IF NOT EXISTS audit_events_patient_idx ON audit_events (patient_id, occurred_at DESC);
CREATE INDEX IF NOT EXISTS audit_events_actor_idx ON audit_events (actor_id, occurred_at DESC);
CREATE INDEX IF NOT EXISTS audit_events_time_idx ON audit_events (occurred_at DESC);

-- Append-only: a record, once written, can be neither changed nor removed through SQL.
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP;
END
$$;

DROP TRIGGER IF EXISTS audit_events_no_update ON audit_events;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events;
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
