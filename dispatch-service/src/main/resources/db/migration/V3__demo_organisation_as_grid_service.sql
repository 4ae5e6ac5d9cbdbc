-- Align the seeded organisation with grid-service's demo (DemoOrganisation, DemoTown): its six
-- enforcement zones PQ-1..PQ-6 of 4 × 2 grids, its responsibility lists and its dedicated grids.
-- grid.department-changed / grid.area-changed events overwrite these rows as they arrive.
delete from enforcement_zone_area where zone_code in ('EZ-NORTH', 'EZ-SOUTH');
insert into enforcement_zone_area (zone_code, area_code)
select 'PQ-' || (z + 1), 'G' || lpad((r * 8 + c + 1)::text, 2, '0')
from generate_series(0, 5) z,
     lateral generate_series((z / 2) * 2, (z / 2) * 2 + 1) r,
     lateral generate_series((z % 2) * 4, (z % 2) * 4 + 3) c
on conflict do nothing;

update department set responsibilities = '0101,0103,0104', zones = 'PQ-1,PQ-2,PQ-3,PQ-4,PQ-5,PQ-6' where code = 'ZHZF';
update department set responsibilities = '0102,0105' where code = 'ZJJ';
update department set responsibilities = '0401,0402,0601' where code = 'GKJ';
update department set responsibilities = '02,0104,0501' where code in ('JD-S1', 'JD-S2', 'JD-S3', 'JD-S4');
update department set responsibilities = '03,0201' where code = 'PCS';

insert into area (code, name, level, kind, parent_code) values
    ('DG-SCHOOL',   '海头中学',     'GRID', 'DEDICATED', 'D01-S2'),
    ('DG-MARKET',   '海头农贸市场', 'GRID', 'DEDICATED', 'D01-S2'),
    ('DG-HOSPITAL', '石桥镇卫生院', 'GRID', 'DEDICATED', 'D01-S3'),
    ('DG-SCENIC',   '金山海滨景区', 'GRID', 'DEDICATED', 'D01-S4')
on conflict (code) do nothing;
