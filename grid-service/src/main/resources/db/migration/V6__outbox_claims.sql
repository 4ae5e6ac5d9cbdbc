-- The shared outbox relay claims a batch (claimed_by, claimed_at) before publishing it; a claim
-- older than the claim timeout (a relay that died) is taken over. processed_event ids are the
-- producers' CloudEvent ids, which are strings.
alter table outbox_event
    add column claimed_by text,
    add column claimed_at timestamptz;
alter table processed_event alter column event_id type text;
