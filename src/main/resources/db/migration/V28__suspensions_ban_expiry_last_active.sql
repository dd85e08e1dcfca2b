-- Instance suspensions (moderation.SuspensionService): a person is suspended while suspended_until
-- is in the future; 'infinity' until lifted. No job ends a suspension: every read compares with
-- now() (account.Suspensions), so it ends on its own at suspended_until.
alter table person add column suspended_until timestamptz;
alter table person add column suspended_reason text;
-- Few people are ever suspended: the reads' anti-join looks only at this small index.
create index person_suspended on person (id, suspended_until) where suspended_until is not null;

-- A community ban ends on its own at expires_at; null is permanent.
alter table community_ban add column expires_at timestamptz;

-- When the account last made a request, written at most every few minutes (account.LastActive).
alter table account add column last_active_at timestamptz;
