-- Scheduled jobs (org.lyceum.job) and digest emails (org.lyceum.digest).

-- The newest fencing token each lock's resource has seen. A job's write first raises this row to
-- its token in the same transaction; a write with an older token finds no row to raise and is
-- refused, so a holder whose lease passed to another instance cannot write any more.
create table job_fence (
    name  text primary key,
    token bigint not null
);

-- One row per run of a singleton job, for admins (GraphQL jobs) and for diagnosis.
create table job_run (
    id          bigint generated always as identity primary key,
    name        text        not null,
    holder      text        not null,
    token       bigint      not null,
    started_at  timestamptz not null default now(),
    finished_at timestamptz,
    outcome     text        not null default 'RUNNING'
        constraint job_run_outcome check (outcome in ('RUNNING', 'SUCCEEDED', 'FAILED', 'FENCED', 'LOCK_LOST')),
    detail      text
);
create index job_run_name on job_run (name, id desc);

-- Secrets every instance must share, such as the key that signs unsubscribe links. Made once by
-- the first instance that needs one.
create table instance_secret (
    name       text primary key,
    secret     bytea       not null,
    created_at timestamptz not null default now()
);

-- Only addresses the identity provider verified get email (digests): nobody can sign up with
-- someone else's address and have us write to it.
alter table account add column email_verified boolean not null default false;

-- A person's notification choices; people without a row get lyceum.digest.default-*.
create table notification_setting (
    person_id  uuid primary key references person (id),
    digest     text     not null constraint notification_digest check (digest in ('OFF', 'DAILY', 'WEEKLY')),
    time_zone  text     not null,
    hour       smallint not null constraint notification_hour check (hour between 0 and 23),
    updated_at timestamptz not null default now()
);

-- The digest ledger: one row per person and period, claimed before sending and marked after the
-- SMTP server accepted the message. (person_id, period) is unique, so a period's digest is planned
-- once however many instances plan it. The digest covers content created in [since, until).
create table digest_delivery (
    id            bigint generated always as identity primary key,
    person_id     uuid        not null references person (id),
    period        text        not null,
    since         timestamptz not null,
    until         timestamptz not null,
    plan_token    bigint      not null,
    state         text        not null default 'PENDING'
        constraint digest_state check (state in ('PENDING', 'SENDING', 'SENT', 'EMPTY', 'NO_ADDRESS', 'UNSUBSCRIBED', 'REFUSED')),
    attempts      integer     not null default 0,
    -- When the row may be claimed next: after a retry's backoff, or once a claim has run out.
    next_attempt  timestamptz not null default now(),
    claim         uuid,
    claimed_by    text,
    last_error    text,
    sent_at       timestamptz,
    message_id    text,
    constraint digest_once unique (person_id, period)
);
-- Sending instances claim due rows oldest first; finished rows leave this index.
create index digest_due on digest_delivery (next_attempt, id) where state in ('PENDING', 'SENDING');

-- Where each person's next digest starts: the end of the last one planned. Kept apart from the
-- ledger so planning never scans the table it is inserting into.
create table digest_cursor (
    person_id uuid primary key references person (id),
    until     timestamptz not null
);
-- Digests look for what is new in a short window of time.
create index content_created on content (created_at) where deleted_at is null;
