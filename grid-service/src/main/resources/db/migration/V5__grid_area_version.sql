-- A counter bumped by every statement that changes grid_area, so each replica's in-memory locate
-- index can tell cheaply whether it is still current (see GridIndex).
create table grid_area_version (
    id      boolean primary key default true check (id),
    version bigint not null
);

insert into grid_area_version (id, version) values (true, 0);

create function bump_grid_area_version() returns trigger language plpgsql as $$
begin
    update grid_area_version set version = version + 1;
    return null;
end
$$;

create trigger grid_area_changed after insert or update or delete or truncate on grid_area
    for each statement execute function bump_grid_area_version();
