-- Who changed what: every change to an area, a department, a zone or a person (not location pings),
-- written in the transaction of the change. actor is the staff id from the caller's token; before
-- and after are the representations the API gives (null before a creation).
create table audit_entry (
    id       bigserial primary key,
    at       timestamptz not null default clock_timestamp(),
    actor    text        not null,
    kind     text        not null,
    code     text        not null,
    action   text        not null,
    before   jsonb,
    after    jsonb
);
create index audit_entry_subject_idx on audit_entry (kind, code, at desc);
create index audit_entry_at_idx on audit_entry (at desc);
