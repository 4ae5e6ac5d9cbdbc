-- The category catalogue (定标): two levels, each item with its conditions and time limits.
create table category (
    code                text primary key,
    section_code        text references category (code),
    name                text    not null,
    register_conditions text,
    close_conditions    text,
    default_urgency     text    not null default 'NORMAL' check (default_urgency in ('NORMAL', 'URGENT')),
    photo_required      boolean not null default false,
    active              boolean not null default true
);

-- 定时: a time limit per step and urgency, in working or calendar hours.
create table category_time_limit (
    category_code text    not null references category (code) on delete cascade,
    urgency       text    not null check (urgency in ('NORMAL', 'URGENT')),
    step          text    not null,
    hours         numeric not null check (hours > 0),
    working_time  boolean not null,
    primary key (category_code, urgency, step)
);

-- Days that break the weekly pattern: public holidays, and weekend days worked instead (调休).
create table calendar_day (
    day     date primary key,
    working boolean not null,
    name    text    not null
);

alter table cases
    add column urgency          text not null default 'NORMAL',
    add column step             text,
    add column step_started_at  timestamptz,
    add column step_warn_at     timestamptz,
    add column step_due_at      timestamptz,
    add column handler_kind     text,
    add column merged_into      uuid references cases (id),
    add column send_back_count  integer not null default 0,
    add column rework_count     integer not null default 0,
    add column overdue_steps    integer not null default 0,
    add column supervision_level integer not null default 0,
    add column satisfaction     integer,
    add column closed_at        timestamptz,
    add column accepted_at      timestamptz,
    add column timeline_length  integer not null default 0,
    add column timeline_hash    text    not null default '',
    add column dedicated_grid_codes text not null default '',
    add column address          text,
    add column subject_type     text check (subject_type in ('NATURAL_PERSON', 'LEGAL_PERSON'));

update cases set step = 'VERIFY', step_started_at = reported_at where step is null;

-- Every reporter of a case: merging a duplicate (并案) keeps the reporters of both.
create table case_reporter (
    case_id     uuid        not null references cases (id),
    report_id   uuid        not null unique,
    source      text        not null,
    reporter_id text,
    added_at    timestamptz not null,
    primary key (case_id, report_id)
);

insert into case_reporter (case_id, report_id, source, reporter_id, added_at)
select id, report_id, source, reporter_id, reported_at from cases;

-- The timeline: every transition, chained by hashes so that an edit anywhere is detectable.
create table case_timeline (
    case_id          uuid        not null references cases (id),
    seq              integer     not null,
    at               timestamptz not null,
    action           text        not null,
    from_status      text,
    to_status        text        not null,
    actor_staff_id   text,
    actor_role       text        not null,
    actor_department text,
    note             text,
    photo_ids        text        not null default '',
    -- The client's id for the command, so that a resent command is recognised and not applied twice.
    command_id       uuid unique,
    prev_hash        text        not null,
    hash             text        not null,
    primary key (case_id, seq)
);

-- Photos are stored once by content and referenced from reports and timeline entries.
create table photo (
    id           uuid primary key,
    sha256       text        not null unique,
    content_type text        not null,
    size_bytes   integer     not null,
    data         bytea       not null,
    uploaded_at  timestamptz not null
);

-- Pending requests for more time (延时) or parking (挂账); each needs a supervisor's decision.
create table approval_request (
    id           uuid primary key,
    case_id      uuid        not null references cases (id),
    kind         text        not null check (kind in ('EXTENSION', 'PARKING')),
    hours        numeric,
    reason       text        not null,
    requested_by text,
    requested_at timestamptz not null,
    decision     text check (decision in ('APPROVED', 'REFUSED')),
    decided_by   text,
    decided_at   timestamptz
);

create unique index approval_request_one_pending on approval_request (case_id) where decision is null;

-- Open cases near a point, for duplicate detection.
create index cases_open_location_idx on cases using gist ((ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)::geography))
    where status not in ('CLOSED', 'EVALUATED', 'REJECTED', 'MERGED');

-- CloudEvents ids are strings chosen by their producers, not necessarily UUIDs.
alter table processed_event alter column event_id type text;
