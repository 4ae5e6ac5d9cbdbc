-- Duplicate candidates are open cases of the report's category near it. A town reports in many
-- categories, and an index on the point alone makes the nearest-neighbour scan step over every open
-- case of the other categories in the radius' box: 0.42 ms a report in a street crowded with
-- another category's cases, against 0.003 ms when the category leads the index (btree_gist gives
-- GiST the equality on text; it is a trusted extension, so the database's owner may create it).
create extension if not exists btree_gist;
create index cases_open_category_point_idx on cases
    using gist (category, (ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)))
    where status not in ('CLOSED', 'EVALUATED', 'REJECTED', 'MERGED');
drop index cases_open_point_idx;
