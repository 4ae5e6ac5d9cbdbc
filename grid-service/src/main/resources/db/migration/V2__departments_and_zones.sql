-- Enforcement zones (片区): groups of areas that one enforcement team patrols.
create table enforcement_zone (
    code       text primary key,
    name       text        not null,
    updated_at timestamptz not null default now()
);

create table enforcement_zone_area (
    zone_code text not null references enforcement_zone (code) on delete cascade,
    area_code text not null references grid_area (code),
    primary key (zone_code, area_code)
);

-- Departments and their list of responsibilities (权责清单), by category prefix: two digits for a
-- section (大类), four for an item (小类). The lists are rows, not arrays, so areas and zones they
-- name are foreign keys and cannot dangle.
create table department (
    code       text primary key,
    name       text        not null,
    level      text        not null check (level in ('DISTRICT', 'STREET')),
    version    integer     not null default 0,
    updated_at timestamptz not null default now()
);

create table department_responsibility (
    department_code text not null references department (code) on delete cascade,
    category_prefix text not null check (category_prefix ~ '^[0-9]{2}([0-9]{2})?$'),
    primary key (department_code, category_prefix)
);

create table department_jurisdiction (
    department_code text not null references department (code) on delete cascade,
    area_code       text not null references grid_area (code),
    primary key (department_code, area_code)
);

create table department_zone (
    department_code text not null references department (code) on delete cascade,
    zone_code       text not null references enforcement_zone (code),
    primary key (department_code, zone_code)
);
