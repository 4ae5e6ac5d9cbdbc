-- Who handles the case's current step, as case-service's snapshot says (handlerDepartment): the
-- department dimension of the step history and of the forecast. Files kept before it was read stay
-- null until their next event.
alter table case_file add column handler_department text;

-- Every step a case has left, as the snapshots told it: what it was (category, handler department,
-- step), the time it was allowed (started_at to due_at, extensions included) and when it ended. The
-- finish forecast (forecast/FinishForecast) reads it; share is the time taken as a share of the time
-- allowed, so cases of different urgencies and limits compare: above 1 the step missed its deadline.
-- Keyed by the step's start, so a redelivered or replayed event records nothing twice.
create table step_outcome (
    case_id    uuid             not null,
    step       text             not null,
    started_at timestamptz      not null,
    category   text             not null,
    department text             not null,  -- '' when no department handles the step (the command center's steps)
    due_at     timestamptz      not null,
    ended_at   timestamptz      not null,
    share      double precision not null,
    primary key (case_id, step, started_at)
);
-- The forecast asks, per open case, for the shares above the one it has used, of its category, step and
-- department (or any department): share in the key makes that a range of the index, read without the table.
create index step_outcome_history_idx on step_outcome (category, step, department, share) include (ended_at);
