-- Routing rules over category × area × subject type, with a mode and co-handlers; the organisation
-- the rules refer to (departments, areas, enforcement zones) kept locally; the cases as last seen;
-- SLA timers and whistles.

-- The organisation, fed by grid-events.v1 and seeded with the demo district so rules can be checked
-- before grid-service has announced anything.
create table department (
    code             text primary key,
    name             text not null,
    level            text not null,          -- DISTRICT | STREET | GRID (the pseudo-department)
    responsibilities text not null default '', -- comma-separated category prefixes
    jurisdiction     text not null default '', -- comma-separated area codes
    zones            text not null default '', -- comma-separated enforcement zone codes
    updated_at       timestamptz not null default now()
);

create table area (
    code        text primary key,
    name        text not null,
    level       text not null,               -- DISTRICT | STREET | COMMUNITY | BIG_GRID | GRID
    kind        text not null,               -- COMPREHENSIVE | DEDICATED
    parent_code text,
    updated_at  timestamptz not null default now()
);

-- An enforcement zone (执法片区) is a named set of areas; a rule may name a zone as its area.
create table enforcement_zone_area (
    zone_code text not null,
    area_code text not null,
    primary key (zone_code, area_code)
);

insert into department (code, name, level, responsibilities, jurisdiction, zones) values
    ('GRID', '网格长处置',     'GRID',     '',                 '',       ''),
    ('CC',   '区指挥中心',     'DISTRICT', '',                 'D01',    ''),
    ('ZHZF', '区综合执法局',   'DISTRICT', '01',               'D01',    'EZ-NORTH,EZ-SOUTH'),
    ('ZJJ',  '区住建局',       'DISTRICT', '0102,0105,0106',   'D01',    ''),
    ('SCJG', '区市场监管局',   'DISTRICT', '05',               'D01',    ''),
    ('STHJ', '区生态环境局',   'DISTRICT', '06',               'D01',    ''),
    ('YJJ',  '区应急管理局',   'DISTRICT', '04',               'D01',    ''),
    ('SWJ',  '区水务局',       'DISTRICT', '0106',             'D01',    ''),
    ('GKJ',  '港口管理局',     'DISTRICT', '01,04',            'DG-PORT',''),
    ('JD-S1','柘汪镇政府',     'STREET',   '01,02,05,06',      'D01-S1', ''),
    ('JD-S2','海头镇政府',     'STREET',   '01,02,05,06',      'D01-S2', ''),
    ('JD-S3','石桥镇政府',     'STREET',   '01,02,05,06',      'D01-S3', ''),
    ('JD-S4','金山镇政府',     'STREET',   '01,02,05,06',      'D01-S4', ''),
    ('PCS',  '派出所',         'STREET',   '03',               'D01',    ''),
    ('GTS',  '国土所',         'STREET',   '0103',             'D01',    '');

-- The demo district: D01, towns D01-S1..S4 (quadrants of 4 × 3 cells), two communities of 2 × 3
-- cells each, grids G01..G48 numbered row*8+col+1 from the south-west; DG-PORT and DG-PARK overlaid.
insert into area (code, name, level, kind, parent_code) values ('D01', '赣榆示范区', 'DISTRICT', 'COMPREHENSIVE', null);
insert into area (code, name, level, kind, parent_code)
select 'D01-S' || t, (array['柘汪镇','海头镇','石桥镇','金山镇'])[t], 'STREET', 'COMPREHENSIVE', 'D01'
from generate_series(1, 4) t;
insert into area (code, name, level, kind, parent_code)
select 'D01-S' || t || '-C' || c, 'D01-S' || t || '-C' || c, 'COMMUNITY', 'COMPREHENSIVE', 'D01-S' || t
from generate_series(1, 4) t, generate_series(1, 2) c;
insert into area (code, name, level, kind, parent_code)
select 'G' || lpad(n::text, 2, '0'), 'G' || lpad(n::text, 2, '0'), 'GRID', 'COMPREHENSIVE',
       'D01-S' || ((((n - 1) / 8) / 3) * 2 + ((n - 1) % 8) / 4 + 1) || '-C' || ((((n - 1) % 8) % 4) / 2 + 1)
from generate_series(1, 48) n;
insert into area (code, name, level, kind, parent_code) values
    ('DG-PORT', '柘汪港区',   'GRID', 'DEDICATED', 'D01-S1'),
    ('DG-PARK', '临港产业园', 'GRID', 'DEDICATED', 'D01-S1');

insert into enforcement_zone_area (zone_code, area_code) values
    ('EZ-SOUTH', 'D01-S1'), ('EZ-SOUTH', 'D01-S2'), ('EZ-NORTH', 'D01-S3'), ('EZ-NORTH', 'D01-S4');

-- Rules: what (category prefix) × where (area: grid, community, town, dedicated grid or zone) ×
-- whose (subject type) → how (IN_GRID, DEPARTMENT with lead + co-handlers, MANUAL).
-- department_code null means "the department of the rule's level whose jurisdiction covers the
-- case and whose responsibilities cover its category" (e.g. the town government of the case's town).
alter table routing_rule
    add column area_code    text,
    add column subject_type text,
    add column level        text,
    add column mode         text not null default 'DEPARTMENT',
    add column co_handlers  text not null default '',
    add column version      integer not null default 0;
alter table routing_rule alter column department_code drop not null;
alter table routing_rule alter column department_name drop not null;
update routing_rule set mode = 'IN_GRID' where department_code = 'GRID';
update routing_rule set mode = 'MANUAL' where id = 'R-FALLBACK';
update routing_rule set level = 'DISTRICT' where department_code in ('ZHZF', 'ZJJ', 'YJJ', 'SCJG', 'STHJ', 'CC');
update routing_rule set level = 'STREET' where department_code = 'PCS';
update routing_rule set co_handlers = 'ZJJ', description = '城市综合: comprehensive enforcement leads, housing co-handles'
    where id = 'R-01';
insert into routing_rule (id, category_prefix, area_code, subject_type, level, mode, department_code, department_name,
                          co_handlers, priority, description) values
    ('R-0103',    '0103', null,      null,             'DISTRICT', 'DEPARTMENT', 'ZHZF', '区综合执法局', 'GTS', 0,
        '违章搭建: enforcement leads, the land office co-handles'),
    ('R-05-LP',   '05',   null,      'LEGAL_PERSON',   'DISTRICT', 'DEPARTMENT', 'SCJG', '区市场监管局', '', 0,
        '市场监管 of a legal person: the district regulator (福田: districts handle legal persons)'),
    ('R-05-NP',   '05',   null,      'NATURAL_PERSON', 'STREET',   'DEPARTMENT', null,   null,           '', 0,
        '市场监管 of a natural person: the town government of the place (福田: streets handle natural persons)'),
    ('R-PORT-01', '01',   'DG-PORT', null,             'DISTRICT', 'DEPARTMENT', 'GKJ',  '港口管理局',   '', 0,
        '城市综合 inside the port: the port authority (dedicated grid overrides)'),
    ('R-PORT-04', '04',   'DG-PORT', null,             'DISTRICT', 'DEPARTMENT', 'GKJ',  '港口管理局',   'YJJ', 0,
        '安全监管 inside the port: the port authority leads, emergency management co-handles');

-- The current decision per case, with how it was reached and where it stands.
alter table routing_decision drop constraint routing_decision_rule_id_fkey;
alter table routing_decision
    add column mode            text not null default 'DEPARTMENT',
    add column co_handlers     text not null default '',
    add column reason          text not null default '',
    add column overridden_by   text,
    add column override_reason text,
    add column state           text not null default 'ROUTED',  -- ROUTED | ACCEPTED
    add column accepted_by     text,
    add column accepted_at     timestamptz,
    add column send_back_count integer not null default 0,
    add column version         integer not null default 0;
create index routing_decision_awaiting_idx on routing_decision (decided_at) where state = 'ROUTED';

-- Every send-back, kept for the accurate-dispatch KPI and to exclude the department next time.
create table send_back (
    id              bigserial primary key,
    case_id         uuid        not null,
    department_code text        not null,
    staff_id        text,
    reason          text        not null,
    at              timestamptz not null
);
create index send_back_case_idx on send_back (case_id);

-- The case as last announced by case-service (the snapshot every case event carries).
create table case_file (
    case_id             uuid primary key,
    number              text,
    status              text,
    category            text,
    urgency             text,
    grid_code           text,
    dedicated_grid_codes text not null default '',
    longitude           double precision,
    latitude            double precision,
    subject_type        text,
    step                text,
    step_started_at     timestamptz,
    step_warn_at        timestamptz,
    step_due_at         timestamptz,
    last_event_at       timestamptz,
    updated_at          timestamptz not null default now()
);

-- One timer per case: the current step's warn and due times. next_fire_at is when the scan must
-- next look at it (null once nothing more can fire); round counts every replacement of the timer
-- (a new step, an extended deadline), so the new timer can warn again. The row stays when the case
-- ends (open = false) so the round keeps counting if the case is ever reopened.
create table sla_timer (
    case_id      uuid primary key,
    step         text        not null,
    round        integer     not null default 0,
    warn_at      timestamptz,
    due_at       timestamptz not null,
    yellow_fired boolean     not null default false,
    red_level    integer     not null default 0,
    next_fire_at timestamptz,
    open         boolean     not null default true  -- false once the case is closed, rejected, merged or parked
);
create index sla_timer_next_idx on sla_timer (next_fire_at) where next_fire_at is not null;

-- Each firing once: a re-run of the scan, or a second instance, hits the unique key.
create table sla_firing (
    case_id  uuid        not null,
    step     text        not null,
    round    integer     not null,
    color    text        not null,   -- YELLOW | RED
    level    integer     not null,   -- 0 for YELLOW, 1.. for RED
    due_at   timestamptz not null,   -- when it was due to fire
    fired_at timestamptz not null,
    primary key (case_id, step, round, color, level)
);

-- Whistles (吹哨) and the departments they summon (报到).
create table whistle (
    id         uuid primary key,
    case_id    uuid        not null,
    kind       text        not null,
    blown_by   text        not null,
    blown_at   timestamptz not null,
    report_by  timestamptz not null,
    state      text        not null default 'OPEN',  -- OPEN | CLOSED
    closed_at  timestamptz
);
create index whistle_case_idx on whistle (case_id);

create table whistle_summons (
    whistle_id         uuid    not null references whistle (id),
    department_code    text    not null,
    arrived            boolean not null default false,
    arrived_at         timestamptz,
    arrived_staff_id   text,
    escalation_level   integer not null default 0,
    next_escalation_at timestamptz,
    primary key (whistle_id, department_code)
);
create index whistle_summons_due_idx on whistle_summons (next_escalation_at) where next_escalation_at is not null;

-- Every report-for-duty, arrived or not, as evidence.
create table duty_report (
    id              bigserial primary key,
    whistle_id      uuid             not null references whistle (id),
    department_code text             not null,
    staff_id        text             not null,
    longitude       double precision not null,
    latitude        double precision not null,
    distance_meters double precision not null,
    arrived         boolean          not null,
    at              timestamptz      not null
);

create table escalation (
    whistle_id      uuid        not null,
    department_code text        not null,
    level           integer     not null,
    case_id         uuid        not null,
    escalated_to    text        not null,
    reason          text        not null,
    at              timestamptz not null,
    primary key (whistle_id, department_code, level)
);
