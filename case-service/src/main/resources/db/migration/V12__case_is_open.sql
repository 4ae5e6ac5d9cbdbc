-- What "open" means is written once, in CaseStatus; the application writes it beside the status on
-- every change (Case.start, Case.moveTo), and every partial index and query asks this column. A new
-- status therefore needs no migration: only CaseStatus and the commands that enter it change.
alter table cases add column is_open boolean;
update cases set is_open = status not in ('CLOSED', 'EVALUATED', 'REJECTED', 'MERGED');
alter table cases alter column is_open set not null;

-- The partial indexes that named the closed statuses, again on the column.
create index cases_open_category_point_idx_v2 on cases
    using gist (category, (ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)))
    where is_open;
drop index cases_open_category_point_idx;
alter index cases_open_category_point_idx_v2 rename to cases_open_category_point_idx;

-- A parked case (挂账) comes back on the review day its request names; until then its clock is the wait.
alter table approval_request add column review_on date;
-- Cases parked before review days existed keep their old deadline, so they come up for review at once.
update cases set step = 'REVIEW' where status = 'PARKED';
