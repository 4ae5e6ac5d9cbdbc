-- Routing rules as data and the decisions made with them.
create table routing_rule (
    id              text primary key,
    category_prefix text    not null,
    department_code text    not null,
    department_name text    not null,
    priority        integer not null default 0,
    description     text    not null
);

create table routing_decision (
    case_id         uuid primary key,
    case_number     text        not null,
    category        text        not null,
    grid_code       text,
    department_code text        not null,
    department_name text        not null,
    rule_id         text        not null references routing_rule (id),
    decided_at      timestamptz not null
);

-- Transactional outbox and processed-event record, as in case-service.
create table outbox_event (
    id          bigserial primary key,
    event_id    uuid        not null unique,
    topic       text        not null,
    message_key text        not null,
    type        text        not null,
    payload     text        not null,
    created_at  timestamptz not null default now(),
    sent_at     timestamptz
);

create index outbox_event_unsent_idx on outbox_event (id) where sent_at is null;

create table processed_event (
    event_id     uuid primary key,
    type         text        not null,
    processed_at timestamptz not null default now()
);

-- The standing rules of the demo district, by category section (大类) and item (小类).
insert into routing_rule (id, category_prefix, department_code, department_name, priority, description) values
    ('R-FALLBACK', '',     'CC',   '区指挥中心',   0, 'no rule fits: the command center dispatches by hand'),
    ('R-01',       '01',   'ZHZF', '区综合执法局', 0, '城市综合: comprehensive enforcement'),
    ('R-0102',     '0102', 'ZJJ',  '区住建局',     0, '道路破损: roads belong to housing and construction'),
    ('R-02',       '02',   'GRID', '网格长处置',   0, '民生保障: disputes and welfare are settled in the grid'),
    ('R-03',       '03',   'PCS',  '派出所',       0, '治安法制: public order goes to the police station'),
    ('R-04',       '04',   'YJJ',  '区应急管理局', 0, '安全监管: safety and fire risks'),
    ('R-05',       '05',   'SCJG', '区市场监管局', 0, '市场监管: licences and markets'),
    ('R-06',       '06',   'STHJ', '区生态环境局', 0, '生态环境: pollution');
