-- Staff, their posts (一员多岗: one person, many posts in many grids) and their latest location.
create table staff (
    id              text primary key,
    name            text        not null,
    phone           text,
    department_code text references department (code),
    on_duty         boolean     not null default false,
    version         integer     not null default 0,
    updated_at      timestamptz not null default now()
);

create index staff_department_idx on staff (department_code);

-- A post is a role, held in an area (grid posts) or in no area (command center and department
-- posts). The role set is configuration, so it is checked by the service, not by a constraint.
create table staff_post (
    staff_id  text not null references staff (id) on delete cascade,
    role      text not null,
    area_code text references grid_area (code),
    unique nulls not distinct (staff_id, role, area_code)
);

create index staff_post_area_idx on staff_post (area_code, role);
create index staff_post_role_idx on staff_post (role, staff_id);

-- Only the latest ping is kept: a ping older than the stored one changes nothing, so a replayed
-- or reordered stream of pings converges to the same row (idempotent without an event log).
create table staff_location (
    staff_id        text primary key references staff (id) on delete cascade,
    longitude       double precision not null,
    latitude        double precision not null,
    accuracy_meters double precision,
    at              timestamptz      not null,
    geom            geometry(Point, 4326) not null
);

create index staff_location_geom_idx on staff_location using gist (geom);
