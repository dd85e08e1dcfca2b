-- Outgoing ActivityPub deliveries (org.lyceum.federation.delivery): one row per activity and
-- inbox, written in the transaction of the change it announces. Each remote host's queue is
-- worked by one instance at a time, the holder of the cluster lock delivery:<host>.
create table federation_host (
    host                 text primary key,
    state                text        not null default 'ALIVE' constraint federation_host_state check (state in ('ALIVE', 'DEAD')),
    breaker              text        not null default 'CLOSED' constraint federation_host_breaker check (breaker in ('CLOSED', 'OPEN')),
    consecutive_failures integer     not null default 0,
    open_until           timestamptz,
    failing_since        timestamptz,
    last_success_at      timestamptz,
    last_error_at        timestamptz,
    last_error           text
);

create table delivery (
    id           bigint generated always as identity primary key,
    host         text        not null,
    inbox        text        not null,
    activity_id  text        not null,
    signer       text        not null,
    body         text        not null,
    state        text        not null default 'PENDING'
        constraint delivery_state check (state in ('PENDING', 'SENDING', 'DELIVERED', 'FAILED')),
    attempts     integer     not null default 0,
    next_attempt timestamptz not null default now(),
    claim        uuid,
    claimed_by   text,
    created_at   timestamptz not null default now(),
    delivered_at timestamptz,
    last_status  integer,
    last_error   text,
    -- One delivery per inbox: followers on one server share its shared inbox.
    constraint delivery_once unique (activity_id, inbox)
);
create index delivery_due on delivery (host, next_attempt, id) where state in ('PENDING', 'SENDING');
