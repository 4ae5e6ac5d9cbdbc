-- The relay claims a batch (claimed_by, claimed_at) in a short transaction, publishes it, and marks
-- it sent when Kafka has acknowledged; the next batch can be claimed meanwhile. A claim older than
-- the claim timeout (a relay that died) is taken over, so every row is published at least once.
alter table outbox_event
    add column claimed_by text,
    add column claimed_at timestamptz;
