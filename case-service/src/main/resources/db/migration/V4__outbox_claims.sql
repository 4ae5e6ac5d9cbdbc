-- The relay claims a batch (claimed_by, claimed_at) in a short transaction, publishes it, and marks
-- it sent when Kafka has acknowledged; a claim older than the claim timeout (a relay that died) is
-- taken over, so every row is published at least once.
alter table outbox_event
    add column claimed_by text,
    add column claimed_at timestamptz;
