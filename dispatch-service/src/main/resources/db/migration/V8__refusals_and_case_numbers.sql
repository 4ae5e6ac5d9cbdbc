-- What case-service refused of this decision (case.dispatch-refused): how often, the last refusal in
-- words, and when the decision was brought back in line with case-service.
alter table routing_decision
    add column refusal_count int not null default 0,
    add column last_refusal  text,
    add column refused_at    timestamptz;

-- Every endpoint names a case by its number (2026-000123) as well as by its id.
create index case_file_number_idx on case_file (number);
