-- Hotspots (三天三单): the same category reported again and again at one place. A hotspot is raised
-- once, announced as case.hotspot-raised, and later reports at the place join it without a new
-- announcement while it stays active (a report within the window after its last one).
create table hotspot (
    id                uuid primary key,
    category          text             not null,
    grid_code         text,
    -- Where it was raised: the report that made the count. Later reports join within radius_meters.
    longitude         double precision not null,
    latitude          double precision not null,
    radius_meters     integer          not null,
    window_hours      integer          not null,
    raised_at         timestamptz      not null,
    first_reported_at timestamptz      not null,
    last_reported_at  timestamptz      not null,
    report_count      integer          not null
);
create index hotspot_active_idx on hotspot (category, last_reported_at);
create index hotspot_raised_idx on hotspot (raised_at, id);

create table hotspot_case (
    hotspot_id uuid not null references hotspot (id),
    case_id    uuid not null references cases (id),
    primary key (hotspot_id, case_id)
);

-- A closed case's problem reported again at the same place within the configured days after it was
-- closed: the new case is linked to the closed one, and the recurrence is counted against the closer
-- (the department that handled it, GRID for the grid chief, and the staff member whose check closed it).
-- Indicators read this table (or case.recurred): a row per recurrence, one closed case per new report.
create table case_recurrence (
    recurrence_case_id uuid        primary key references cases (id),
    case_id            uuid        not null references cases (id),
    handler_department text,
    closed_by          text,
    closed_at          timestamptz not null,
    reported_at        timestamptz not null
);
create index case_recurrence_case_idx on case_recurrence (case_id);
create index case_recurrence_reported_idx on case_recurrence (reported_at);
