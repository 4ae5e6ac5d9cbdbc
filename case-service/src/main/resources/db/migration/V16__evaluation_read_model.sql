-- 考核评价's read model, kept from the events of case-events.v1 and dispatch-events.v1 (EvaluationFacts),
-- never from the live cases table. Three tables of facts, one row per case, per dispatch, per department
-- summoned by a whistle; a trigger on each keeps indicator_days, the counts per day and slice, equal to
-- the sum of every fact's contributions (the fact's old contributions are taken away, its new ones
-- added), so a report for any period is a sum of days and is recomputed the same way whenever asked.
-- The read model is rebuilt by emptying the facts and reading the topics again from the start.

create table case_facts (
    case_id            uuid primary key,
    status             text,
    step               text,
    step_due_at        timestamptz,
    grid_code          text,
    department         text,
    category           text,
    source             text,
    handler_kind       text,
    reported_at        timestamptz,
    reporter_id        text,
    reporter_role      text,
    verified_at        timestamptz,
    verified_on_time   boolean,
    verified_by        text,
    verified_role      text,
    decided_at         timestamptz,
    valid              boolean,
    accepted_at        timestamptz,
    accepted_on_time   boolean,
    accepted_by        text,
    accepted_role      text,
    send_backs         int not null default 0,
    handled_at         timestamptz,
    handled_on_time    boolean,
    checked_at         timestamptz,
    checked_by         text,
    checked_role       text,
    checks             int not null default 0,
    checks_on_time     int not null default 0,
    reworks            int not null default 0,
    late_steps         int not null default 0,
    closed_at          timestamptz,
    closed_on_time     boolean,
    evaluated_at       timestamptz,
    satisfaction       int
);

create table dispatch_facts (
    event_id        uuid primary key,
    case_id         uuid not null,
    dispatched_at   timestamptz not null,
    department      text not null,
    on_time         boolean not null,
    dispatched_by   text,
    dispatcher_role text,
    grid_code       text,
    category        text,
    source          text,
    sent_back       boolean not null default false,
    redispatched    boolean not null default false
);
create index dispatch_facts_case_idx on dispatch_facts (case_id, dispatched_at desc);

create table whistle_facts (
    whistle_id   uuid not null,
    department   text not null,
    case_id      uuid not null,
    report_by    timestamptz not null,
    grid_code    text,
    reported_at  timestamptz,
    reported_by  text,
    primary key (whistle_id, department)
);

-- Events the read model has applied, so a redelivery changes nothing (its own table: the loop's
-- consumer records dispatch events it applied in processed_event, and the read model reads them too).
create table evaluation_processed_event (
    event_id    text primary key,
    applied_at  timestamptz not null default now()
);

-- Counts per day (in the town's zone) and slice. A unit is a grid code, a department code, a staff id,
-- a role, a category code or a source; areas above grids are sums of their grids.
create table indicator_days (
    slice                    text not null,
    day                      date not null,
    unit                     text not null,
    reported                 bigint not null default 0,
    answered                 bigint not null default 0,
    verified                 bigint not null default 0,
    verified_on_time         bigint not null default 0,
    decided                  bigint not null default 0,
    valid                    bigint not null default 0,
    accepted                 bigint not null default 0,
    accepted_on_time         bigint not null default 0,
    accepted_accurately      bigint not null default 0,
    handled                  bigint not null default 0,
    handled_on_time          bigint not null default 0,
    closed                   bigint not null default 0,
    closed_on_time           bigint not null default 0,
    reworked                 bigint not null default 0,
    solved_in_grid           bigint not null default 0,
    checks                   bigint not null default 0,
    checks_on_time           bigint not null default 0,
    dispatched               bigint not null default 0,
    dispatched_on_time       bigint not null default 0,
    dispatched_accurately    bigint not null default 0,
    summoned                 bigint not null default 0,
    on_duty_on_time          bigint not null default 0,
    evaluated                bigint not null default 0,
    satisfied                bigint not null default 0,
    satisfaction_sum         bigint not null default 0,
    primary key (slice, day, unit)
);

-- The same counts per calendar month (its first day): a month's report sums one row a unit instead of thirty.
create table indicator_months (like indicator_days including defaults);
alter table indicator_months rename column day to month;
alter table indicator_months add primary key (slice, month, unit);

create function town_day(at timestamptz) returns date
    language sql immutable as $$ select (at at time zone '${zone}')::date $$;

-- What one case contributes: each act on the day it happened, charged to the case's grid, department,
-- category and source, and to the staff member and role who acted. The cohort measures (handled,
-- closed, reworked, solved in the grid) count on the day the case was accepted (立案), charged to no
-- staff member: they are what became of the cases filed that day.
create function case_contributions(f case_facts)
    returns table (day date, slice text, unit text, measure text, n bigint)
    language sql immutable as $$
    select town_day(a.at), s.slice, s.unit, a.measure, a.n
    from (values
        (f.reported_at, f.reporter_id, f.reporter_role, 'reported', 1),
        (f.reported_at, f.reporter_id, f.reporter_role, 'answered', case when f.decided_at is not null then 1 else 0 end),
        (f.verified_at, f.verified_by, f.verified_role, 'verified', 1),
        (f.verified_at, f.verified_by, f.verified_role, 'verified_on_time', case when f.verified_on_time then 1 else 0 end),
        (f.decided_at, f.reporter_id, f.reporter_role, 'decided', 1),
        (f.decided_at, f.reporter_id, f.reporter_role, 'valid', case when f.valid then 1 else 0 end),
        (f.accepted_at, f.accepted_by, f.accepted_role, 'accepted', 1),
        (f.accepted_at, f.accepted_by, f.accepted_role, 'accepted_on_time', case when f.accepted_on_time then 1 else 0 end),
        (f.accepted_at, f.accepted_by, f.accepted_role, 'accepted_accurately', case when f.send_backs = 0 then 1 else 0 end),
        (f.accepted_at, null, null, 'handled', case when f.handled_at is not null then 1 else 0 end),
        (f.accepted_at, null, null, 'handled_on_time', case when f.handled_on_time then 1 else 0 end),
        (f.accepted_at, null, null, 'closed', case when f.closed_at is not null then 1 else 0 end),
        (f.accepted_at, null, null, 'closed_on_time', case when f.closed_on_time then 1 else 0 end),
        (f.accepted_at, null, null, 'reworked', case when f.closed_at is not null and f.reworks > 0 then 1 else 0 end),
        (f.accepted_at, null, null, 'solved_in_grid', case when f.closed_at is not null and f.handler_kind = 'GRID' then 1 else 0 end),
        (f.checked_at, f.checked_by, f.checked_role, 'checks', f.checks),
        (f.checked_at, f.checked_by, f.checked_role, 'checks_on_time', f.checks_on_time),
        (f.evaluated_at, null, null, 'evaluated', 1),
        (f.evaluated_at, null, null, 'satisfied', case when f.satisfaction >= 4 then 1 else 0 end),
        (f.evaluated_at, null, null, 'satisfaction_sum', f.satisfaction)
    ) a(at, staff, role, measure, n)
    cross join lateral (values ('GRID', f.grid_code), ('DEPARTMENT', f.department), ('CATEGORY', f.category),
                                ('SOURCE', f.source), ('STAFF', a.staff), ('ROLE', a.role)) s(slice, unit)
    where a.at is not null and s.unit is not null and a.n <> 0
$$;

-- A dispatch counts on its day, charged to the department it went to (a send-back is that
-- department's word that it was not theirs) and to whoever dispatched it.
create function dispatch_contributions(f dispatch_facts)
    returns table (day date, slice text, unit text, measure text, n bigint)
    language sql immutable as $$
    select town_day(f.dispatched_at), s.slice, s.unit, a.measure, a.n
    from (values
        ('dispatched', 1),
        ('dispatched_on_time', case when f.on_time then 1 else 0 end),
        ('dispatched_accurately', case when not f.sent_back and not f.redispatched then 1 else 0 end)
    ) a(measure, n)
    cross join lateral (values ('GRID', f.grid_code), ('DEPARTMENT', f.department), ('CATEGORY', f.category),
                                ('SOURCE', f.source), ('STAFF', f.dispatched_by), ('ROLE', f.dispatcher_role)) s(slice, unit)
    where s.unit is not null and a.n <> 0
$$;

-- A summons counts on the day it was due, charged to the department summoned and the case's grid.
create function whistle_contributions(f whistle_facts)
    returns table (day date, slice text, unit text, measure text, n bigint)
    language sql immutable as $$
    select town_day(f.report_by), s.slice, s.unit, a.measure, a.n
    from (values
        ('summoned', 1),
        ('on_duty_on_time', case when f.reported_at <= f.report_by then 1 else 0 end)
    ) a(measure, n)
    cross join lateral (values ('GRID', f.grid_code), ('DEPARTMENT', f.department), ('STAFF', f.reported_by)) s(slice, unit)
    where s.unit is not null and a.n <> 0
$$;

-- Adds contributions to indicator_days and indicator_months: those of the rows the query {source} returns (day, slice, unit,
-- measure, n), which may use $1 and $2. One upsert per (slice, day, unit) touched. The triggers pass a
-- fact's new contributions and its old ones negated; a rebuild passes every fact's.
create function roll_up(source text, old_fact anyelement, new_fact anyelement) returns void
    language plpgsql as $roll_up$
declare
    grain record;
begin
    for grain in select * from (values ('indicator_days', 'day', 'c.day'),
                                       ('indicator_months', 'month', 'date_trunc(''month'', c.day)::date')) g(tab, col, expr) loop
        execute format($q$
            insert into %1$s as d (slice, %2$s, unit, reported, answered, verified, verified_on_time, decided, valid, accepted, accepted_on_time, accepted_accurately, handled, handled_on_time, closed, closed_on_time, reworked, solved_in_grid, checks, checks_on_time, dispatched, dispatched_on_time, dispatched_accurately, summoned, on_duty_on_time, evaluated, satisfied, satisfaction_sum)
            select c.slice, %3$s, c.unit,
                coalesce(sum(c.n) filter (where c.measure = 'reported'), 0),
            coalesce(sum(c.n) filter (where c.measure = 'answered'), 0),
            coalesce(sum(c.n) filter (where c.measure = 'verified'), 0),
            coalesce(sum(c.n) filter (where c.measure = 'verified_on_time'), 0),
            coalesce(sum(c.n) filter (where c.measure = 'decided'), 0),
            coalesce(sum(c.n) filter (where c.measure = 'valid'), 0),
            coalesce(sum(c.n) filter (where c.measure = 'accepted'), 0),
            coalesce(sum(c.n) filter (where c.measure = 'accepted_on_time'), 0),
            coalesce(sum(c.n) filter (where c.measure = 'accepted_accurately'), 0),
            coalesce(sum(c.n) filter (where c.measure = 'handled'), 0),
            coalesce(sum(c.n) filter (where c.measure = 'handled_on_time'), 0),
            coalesce(sum(c.n) filter (where c.measure = 'closed'), 0),
            coalesce(sum(c.n) filter (where c.measure = 'closed_on_time'), 0),
            coalesce(sum(c.n) filter (where c.measure = 'reworked'), 0),
            coalesce(sum(c.n) filter (where c.measure = 'solved_in_grid'), 0),
            coalesce(sum(c.n) filter (where c.measure = 'checks'), 0),
            coalesce(sum(c.n) filter (where c.measure = 'checks_on_time'), 0),
            coalesce(sum(c.n) filter (where c.measure = 'dispatched'), 0),
            coalesce(sum(c.n) filter (where c.measure = 'dispatched_on_time'), 0),
            coalesce(sum(c.n) filter (where c.measure = 'dispatched_accurately'), 0),
            coalesce(sum(c.n) filter (where c.measure = 'summoned'), 0),
            coalesce(sum(c.n) filter (where c.measure = 'on_duty_on_time'), 0),
            coalesce(sum(c.n) filter (where c.measure = 'evaluated'), 0),
            coalesce(sum(c.n) filter (where c.measure = 'satisfied'), 0),
            coalesce(sum(c.n) filter (where c.measure = 'satisfaction_sum'), 0)
            from (%4$s) c(day, slice, unit, measure, n)
            group by c.slice, %3$s, c.unit
            on conflict (slice, %2$s, unit) do update set
                reported = d.reported + excluded.reported,
            answered = d.answered + excluded.answered,
            verified = d.verified + excluded.verified,
            verified_on_time = d.verified_on_time + excluded.verified_on_time,
            decided = d.decided + excluded.decided,
            valid = d.valid + excluded.valid,
            accepted = d.accepted + excluded.accepted,
            accepted_on_time = d.accepted_on_time + excluded.accepted_on_time,
            accepted_accurately = d.accepted_accurately + excluded.accepted_accurately,
            handled = d.handled + excluded.handled,
            handled_on_time = d.handled_on_time + excluded.handled_on_time,
            closed = d.closed + excluded.closed,
            closed_on_time = d.closed_on_time + excluded.closed_on_time,
            reworked = d.reworked + excluded.reworked,
            solved_in_grid = d.solved_in_grid + excluded.solved_in_grid,
            checks = d.checks + excluded.checks,
            checks_on_time = d.checks_on_time + excluded.checks_on_time,
            dispatched = d.dispatched + excluded.dispatched,
            dispatched_on_time = d.dispatched_on_time + excluded.dispatched_on_time,
            dispatched_accurately = d.dispatched_accurately + excluded.dispatched_accurately,
            summoned = d.summoned + excluded.summoned,
            on_duty_on_time = d.on_duty_on_time + excluded.on_duty_on_time,
            evaluated = d.evaluated + excluded.evaluated,
            satisfied = d.satisfied + excluded.satisfied,
            satisfaction_sum = d.satisfaction_sum + excluded.satisfaction_sum
        $q$, grain.tab, grain.col, grain.expr, source) using old_fact, new_fact;
    end loop;
end
$roll_up$;

create function case_facts_rolled_up() returns trigger language plpgsql as $$
begin
    perform roll_up('select * from case_contributions($2) union all select day, slice, unit, measure, -n from case_contributions($1)',
                    old, new);
    return null;
end $$;
create trigger case_facts_rolled_up after insert or update or delete on case_facts
    for each row execute function case_facts_rolled_up();

create function dispatch_facts_rolled_up() returns trigger language plpgsql as $$
begin
    perform roll_up('select * from dispatch_contributions($2) union all select day, slice, unit, measure, -n from dispatch_contributions($1)',
                    old, new);
    return null;
end $$;
create trigger dispatch_facts_rolled_up after insert or update or delete on dispatch_facts
    for each row execute function dispatch_facts_rolled_up();

create function whistle_facts_rolled_up() returns trigger language plpgsql as $$
begin
    perform roll_up('select * from whistle_contributions($2) union all select day, slice, unit, measure, -n from whistle_contributions($1)',
                    old, new);
    return null;
end $$;
create trigger whistle_facts_rolled_up after insert or update or delete on whistle_facts
    for each row execute function whistle_facts_rolled_up();

-- Scores and grades (综合指标值, 等级) as data: each change a new version, never an edit, so a past
-- report is made again under the version it was made with. weights: indicator -> percent (summing to
-- 100); bands: [{grade, from, to}] covering 0-100 without gaps.
create table score_schemes (
    version     int generated always as identity primary key,
    subject     text not null,
    weights     jsonb not null,
    bands       jsonb not null,
    made_by     text not null,
    made_at     timestamptz not null default now()
);
create index score_schemes_subject_idx on score_schemes (subject, version desc);

insert into score_schemes (subject, weights, bands, made_by) values
    ('grid', '{"onTimeClosureRate": 30, "solvedInGridRate": 20, "answeredRate": 15, "onTimeVerificationRate": 15, "onTimeCheckRate": 10, "satisfactionRate": 10}',
     '[{"grade": "A", "from": 90, "to": 100}, {"grade": "B", "from": 75, "to": 90}, {"grade": "C", "from": 60, "to": 75}, {"grade": "D", "from": 40, "to": 60}, {"grade": "E", "from": 0, "to": 40}]',
     'default'),
    ('department', '{"onTimeHandlingRate": 30, "onTimeClosureRate": 20, "reworkRate": 15, "whistleOnTimeRate": 15, "accurateDispatchRate": 10, "satisfactionRate": 10}',
     '[{"grade": "A", "from": 90, "to": 100}, {"grade": "B", "from": 75, "to": 90}, {"grade": "C", "from": 60, "to": 75}, {"grade": "D", "from": 40, "to": 60}, {"grade": "E", "from": 0, "to": 40}]',
     'default'),
    ('staff', '{"validReportRate": 40, "onTimeVerificationRate": 30, "onTimeCheckRate": 30}',
     '[{"grade": "A", "from": 90, "to": 100}, {"grade": "B", "from": 75, "to": 90}, {"grade": "C", "from": 60, "to": 75}, {"grade": "D", "from": 40, "to": 60}, {"grade": "E", "from": 0, "to": 40}]',
     'default');
