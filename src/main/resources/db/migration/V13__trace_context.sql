-- The W3C traceparent of the request that recorded an activity, copied to its deliveries, so the
-- delivery spans (written later, by a job) link back to the trace of the change they announce.
alter table activity add column trace_parent text;
alter table delivery add column trace_parent text;
