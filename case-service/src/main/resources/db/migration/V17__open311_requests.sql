-- What a GeoReport client sends beyond the case itself, kept under the request's token (the case's
-- report_id once it is a case): its media_url and attribute values, and the reporter's name and
-- contact, which are kept to answer the reporter and never shown publicly nor put in events. A
-- request given by address alone has no case until a dispatcher places it (location_pending).
create table open311_request (
    report_id       uuid primary key,
    api_key_id      uuid        not null references open311_api_keys (id),
    service_code    text        not null,
    description     text        not null,
    address         text,
    location_pending boolean    not null,
    media_url       text,
    attributes      jsonb       not null default '{}',
    first_name      text,
    last_name       text,
    email           text,
    phone           text,
    account_id      text,
    requested_at    timestamptz not null,
    placed_by       text,
    placed_at       timestamptz
);

create index open311_request_pending_idx on open311_request (requested_at) where location_pending and placed_at is null;

-- Updates a client posted to a request (servicerequestupdates): each lands on the case's timeline as
-- OPEN311_UPDATE; the client's own update id makes a resend land once.
create table open311_update (
    api_key_id       uuid        not null references open311_api_keys (id),
    client_update_id text        not null,
    case_id          uuid        not null references cases (id),
    seq              integer     not null,
    media_url        text,
    first_name       text,
    last_name        text,
    email            text,
    account_id       text,
    received_at      timestamptz not null,
    primary key (api_key_id, client_update_id),
    unique (case_id, seq)
);

-- GET servicerequestupdates asks the timeline by period.
create index case_timeline_at_idx on case_timeline (at);

-- The attributes a catalogue item asks for beyond its description (its collection standard), which
-- Open311 publishes in the service's definition and checks in a request's attribute[code].
create table category_attribute (
    category_code text    not null references category (code) on delete cascade,
    code          text    not null,
    position      integer not null,
    datatype      text    not null check (datatype in ('string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist')),
    required      boolean not null,
    description   text    not null,
    datatype_description text,
    allowed_values text    not null default '[]', -- a JSON array of {key, name}
    primary key (category_code, code)
);
