-- Whether the case is open, as case-service's snapshot says it (event-contracts: case snapshot
-- version 2, "open"); null until an event has said. dispatch-service derives nothing from statuses:
-- timers run and whistles are blown only while this is not false, and whistles close when it turns false.
alter table case_file add column if not exists open boolean;
-- The files kept before the snapshot said it: what case-service's CaseStatus.isOpen() answers.
update case_file set open = status not in ('CLOSED', 'EVALUATED', 'REJECTED', 'MERGED') where status is not null;
