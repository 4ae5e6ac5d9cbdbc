-- The departments a whistle (吹哨报到) has summoned to a case, comma-separated: they read the case
-- they are summoned to, as its lead and co-handlers do. Few cases have a whistle, so the partial
-- index is small.
alter table cases add column summoned_departments text not null default '';
create index cases_summoned_idx on cases using gin (string_to_array(summoned_departments, ','))
    where summoned_departments <> '';
