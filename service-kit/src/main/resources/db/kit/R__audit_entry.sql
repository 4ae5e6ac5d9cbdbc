-- Who changed what (the kit's AuditTrail), the same table in every service and defined here alone:
-- every change an administrator makes (a service declares its kinds in gridgov.audit.kinds),
-- written in the transaction of the change. actor is the staff id from the caller's token; before
-- and after are the representations (null before a creation, after a removal).
--
-- Repeatable and idempotent: it runs after a service's versioned migrations whenever this file
-- changes, so a change to the table is written here as a statement that may run again (add column
-- if not exists …). The services' own audit migrations of before (grid V8, dispatch V7, case V11)
-- are gone; beforeValidate__audit_migration_moved.sql keeps the databases that ran them valid.
create table if not exists audit_entry (
    id       bigserial primary key,
    at       timestamptz not null default clock_timestamp(),
    actor    text        not null,
    kind     text        not null,
    code     text        not null,
    action   text        not null,
    before   jsonb,
    after    jsonb
);
create index if not exists audit_entry_subject_idx on audit_entry (kind, code, at desc);
create index if not exists audit_entry_at_idx on audit_entry (at desc);
