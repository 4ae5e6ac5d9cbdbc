-- A report taken while grid-service could not be asked is kept and located later.
alter table cases add column location_pending boolean not null default false;
update cases set location_pending = true where grid_code is null and status not in ('CLOSED', 'EVALUATED', 'REJECTED', 'MERGED');
create index cases_location_pending_idx on cases (reported_at) where location_pending;
