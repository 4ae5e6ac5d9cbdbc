-- The console's map reads every open case (command/OpenCaseMap); the closed ones, which pile up over
-- the years, stay out of its way.
create index if not exists case_file_open_idx on case_file (case_id) where open;
