-- Transactional outbox: every change writes its event here in the same transaction, and a relay moves the rows
-- to the Redis stream hhms:users in id order, so an event is never lost when Redis is down at commit time.
CREATE TABLE outbox_events (
    id         bigserial PRIMARY KEY,
    stream     text        NOT NULL,
    payload    text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
