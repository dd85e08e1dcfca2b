-- An activity whose deliveries could not be written (an error inside its savepoint) was marked
-- published and so lost; it is now tried again after a growing pause, and given up (federated_at
-- set, the error kept) only after a number of attempts.
alter table activity add column publish_attempts int not null default 0;
alter table activity add column publish_after timestamptz;
alter table activity add column publish_error text;
-- An actor's later rows wait behind its failed one; this finds such a row (normally none exist).
create index activity_publish_held on activity (actor_id, seq) where federated_at is null and publish_attempts > 0;
