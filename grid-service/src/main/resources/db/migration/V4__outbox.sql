-- Transactional outbox and processed-event record, as in case-service and dispatch-service.
create table outbox_event (
    id          bigserial primary key,
    event_id    uuid        not null unique,
    topic       text        not null,
    message_key text        not null,
    type        text        not null,
    payload     text        not null,
    created_at  timestamptz not null default now(),
    sent_at     timestamptz
);

create index outbox_event_unsent_idx on outbox_event (id) where sent_at is null;

create table processed_event (
    event_id     uuid primary key,
    type         text        not null,
    processed_at timestamptz not null default now()
);
