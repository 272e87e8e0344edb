-- The transactional outbox of a service that publishes events (org.hhms.common.outbox; docs/events.md). Included
-- by the services that publish (flyway location classpath:db/outbox); repeatable, so it can only add.
--
-- A row is written in the transaction of the change it describes. The relay sends it to Redis and records the
-- stream entry id it got (entry_ms, entry_seq); it deletes the row only once every consumer group of the stream has
-- acknowledged that entry, so whatever Redis loses before then (a restart without persistence, a trim) is replayed.
CREATE TABLE IF NOT EXISTS outbox_events (
    id         bigserial PRIMARY KEY,
    stream     text        NOT NULL,
    payload    text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE outbox_events ADD COLUMN IF NOT EXISTS entry_ms bigint;
ALTER TABLE outbox_events ADD COLUMN IF NOT EXISTS entry_seq bigint;
ALTER TABLE outbox_events ADD COLUMN IF NOT EXISTS sent_at timestamptz;

-- What the relay still has to send, oldest first.
CREATE INDEX IF NOT EXISTS outbox_events_unsent_idx ON outbox_events (id) WHERE entry_ms IS NULL;
-- What was sent and is kept until the consumer groups have it, by stream entry.
CREATE INDEX IF NOT EXISTS outbox_events_sent_idx ON outbox_events (stream, entry_ms, entry_seq)
    WHERE entry_ms IS NOT NULL;
