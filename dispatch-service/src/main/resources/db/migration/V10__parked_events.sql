-- Parked events (service-kit's parking): a record a consumer could not apply after its attempts,
-- of a type it does not declare, that is not a CloudEvent, or that waits behind an earlier parked
-- record of its subject. A row stays until an operator replays or discards it (resolved_at).
create table parked_event (
    id bigserial primary key,
    consumer text not null,
    topic text not null,
    subject text,
    event_id text,
    type text,
    payload text not null,
    reason text not null,
    error text not null,
    attempts int not null,
    parked_at timestamptz not null default now(),
    resolved_at timestamptz,
    resolution text,
    resolved_by text);
-- What holds a subject back, and what the operator's list and the gauge count.
create index parked_event_waiting_idx on parked_event (consumer, subject, id) where resolved_at is null;
-- A record delivered again while it is parked (the consumer died before committing its offset) is parked once.
create unique index parked_event_once_idx on parked_event (consumer, event_id) where resolved_at is null;

-- Kafka headers of an outbox row (the dead-letter copy of a parked record carries its error in them).
alter table outbox_event add column headers text;
-- The relay and the hand-over look for an earlier unsent row of the same subject before publishing one.
create index outbox_event_unsent_subject_idx on outbox_event (message_key, id) where sent_at is null;
