-- Cases as reported, with the routing decision dispatch-service made for them.
create table cases (
    id                 uuid primary key,
    number             text        not null unique,
    report_id          uuid        not null unique,
    report_fingerprint text        not null,
    source             text        not null,
    reporter_id        text,
    category           text        not null,
    description        text        not null,
    longitude          double precision not null,
    latitude           double precision not null,
    grid_code          text,
    status             text        not null,
    routed_department  text,
    routed_department_name text,
    routing_rule       text,
    routed_at          timestamptz,
    reported_at        timestamptz not null,
    updated_at         timestamptz not null,
    version            integer     not null default 0
);

create index cases_status_idx on cases (status);

-- Readable case numbers, 2026-000123: one sequence per year, created the first time a year needs
-- it. A sequence never blocks concurrent intake; a rolled-back report leaves a gap, which is fine.
create function next_case_number(at_year integer) returns text
    language plpgsql as
$$
declare
    seq text := 'case_number_' || at_year;
    n   bigint;
begin
    begin
        n := nextval(seq);
    exception
        when undefined_table then
            execute format('create sequence if not exists %I', seq);
            n := nextval(seq);
    end;
    return at_year || '-' || lpad(n::text, 6, '0');
end
$$;

-- Transactional outbox: an event row is written in the transaction that changes the case, and the
-- relay publishes it to Kafka afterwards. Rows stay, marked sent, as the record of what went out.
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

-- Events from other services already applied; written in the transaction of their effect.
create table processed_event (
    event_id     uuid primary key,
    type         text        not null,
    processed_at timestamptz not null default now()
);
