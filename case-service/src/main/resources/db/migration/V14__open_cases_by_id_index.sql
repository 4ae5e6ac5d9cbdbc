-- dispatch-service's reconciliation pages through the open cases by id
-- (GET /api/v1/reconciliation/open-cases): a page reads only open cases, however many are closed.
create index cases_open_id_idx on cases (id) where is_open;
