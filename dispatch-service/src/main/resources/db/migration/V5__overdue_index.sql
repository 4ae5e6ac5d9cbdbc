-- The command center's overdue list reads open timers by due time.
create index sla_timer_overdue_idx on sla_timer (due_at) where open;
