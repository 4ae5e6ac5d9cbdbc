-- The organisation in space. PostGIS itself is enabled by the deploy scripts (it needs a
-- superuser), so this migration only relies on it.
create table grid_area (
    code        text primary key,
    name        text        not null,
    level       text        not null check (level in ('DISTRICT', 'STREET', 'COMMUNITY', 'BIG_GRID', 'GRID')),
    kind        text        not null check (kind in ('COMPREHENSIVE', 'DEDICATED')),
    parent_code text references grid_area (code),
    geom        geometry(MultiPolygon, 4326) not null,
    created_at  timestamptz not null default now()
);

create index grid_area_geom_idx on grid_area using gist (geom);
create index grid_area_parent_idx on grid_area (parent_code);
