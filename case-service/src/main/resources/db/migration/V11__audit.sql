-- Who changed what (the kit's AuditTrail; the same table in every service): every change to the
-- catalogue, the calendar and the Open311 api keys, written in the transaction of the change. actor
-- is the staff id from the caller's token; before and after are the representations (null before a
-- creation, after a removal).
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
