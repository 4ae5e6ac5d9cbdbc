-- Case search (GET /api/v1/cases): the indexes its filters and sort orders use. Each one costs intake a
-- little (one more entry per report), so only filters that narrow a million cases get one; source
-- (four values) and open/closed (most cases are closed) are filtered on the rows the others find.

-- Departments co-handling (协办) beside the lead, as dispatch-service's decision named them: department
-- staff read the cases their department leads or co-handles.
alter table cases add column co_handling_departments text not null default '';

-- Sort orders, each with the case id as the tie-breaker of the keyset (cursor) paging.
create index cases_reported_idx on cases (reported_at, id);
create index cases_due_idx on cases ((coalesce(step_due_at, 'infinity'::timestamptz)), id);
-- The dispatcher's first view: open cases, most urgent first. Among a million cases most are closed, and
-- the closed ones' deadlines lie in the past, so a walk of the index above would step over them first.
create index cases_open_due_idx on cases ((coalesce(step_due_at, 'infinity'::timestamptz)), id) where is_open;

-- Case numbers (2026-000123, 2026-1000000 past the millionth) in the order they were drawn: the
-- text order would put 2026-1000000 before 2026-200000.
create function case_number_order(number text) returns bigint
    language sql immutable parallel safe strict as
$$
select case when number ~ '^[0-9]{1,9}-[0-9]{1,10}$'
            then split_part(number, '-', 1)::bigint * 10000000000 + split_part(number, '-', 2)::bigint end
$$;
create index cases_number_order_idx on cases (case_number_order(number));

-- Where, and who handles it. A case's dedicated grids and its co-handlers are comma-separated lists;
-- GIN indexes their arrays, for the few cases that have any. The search asks "the list is not empty
-- and holds one of these": besides matching the indexes' predicate, this lets the planner see how
-- few cases it concerns (it has no statistics for the arrays' overlap, and guessed 0.5 % of a
-- million, which sent a one-grid search down the reported-time index: 1.9 s instead of milliseconds).
create index cases_grid_idx on cases (grid_code, reported_at);
create index cases_dedicated_grids_idx on cases using gin (string_to_array(dedicated_grid_codes, ','))
    where dedicated_grid_codes <> '';
create index cases_department_idx on cases (routed_department, reported_at);
create index cases_co_handling_idx on cases using gin (string_to_array(co_handling_departments, ','))
    where co_handling_departments <> '';
-- Category codes and their prefixes (0104, 01): text_pattern_ops compares by bytes whatever the
-- database's collation, so a prefix is a range the index walks.
create index cases_category_idx on cases (category text_pattern_ops, reported_at);
create index cases_reporter_idx on cases (reporter_id);

-- Near a point, every case, open or closed (the duplicate search's index holds the open cases only).
create index cases_point_idx on cases using gist ((ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)));

-- Text in the description and the address. pg_trgm does make trigrams of Chinese characters in this
-- database's locale (C.UTF-8), but a trigram index cannot answer a search of fewer than three
-- characters, and most Chinese searches are two (井盖, 噪音, 占道). So the index holds every pair of
-- adjacent characters (bigrams, as pg_bigm does) of the lower-cased text; a search looks up the
-- pairs of its words and checks the text itself on the rows found.
create function case_search_text(description text, address text) returns text
    language sql immutable parallel safe as
$$
select lower(coalesce(description, '') || ' ' || coalesce(address, ''))
$$;

create function search_bigrams(t text) returns text[]
    language sql immutable parallel safe strict as
$$
select coalesce(array_agg(distinct g), '{}')
from (select substr(t, i, 2) as g from generate_series(1, char_length(t) - 1) as i) pairs
where g !~ '\s'
$$;

create index cases_text_idx on cases using gin (search_bigrams(case_search_text(description, address)));
