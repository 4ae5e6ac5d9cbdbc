-- Processed event ids are deleted once their events can no longer be delivered again (the kit's
-- EventRetention). Rows are appended in time order, so a BRIN index finds the old ones in the first
-- blocks at almost no cost to each insert.
create index processed_event_processed_at_idx on processed_event using brin (processed_at);
