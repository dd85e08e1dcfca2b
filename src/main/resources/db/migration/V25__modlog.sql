-- The moderation log (org.lyceum.moderation.Modlog): one row per action of a community moderator,
-- an instance admin or moderator, here or received from another server, written in the action's
-- transaction. Rows are never updated; an action undone is a new row (UNBAN after BAN).

create table modlog (
    id               uuid primary key,
    -- Order of writing; pages run newest first by it.
    seq              bigserial   not null unique,
    action           text        not null constraint modlog_action check (action in
        ('BAN', 'UNBAN', 'REMOVE', 'RESTORE', 'PURGE', 'SUSPEND', 'UNSUSPEND', 'ROLE_CHANGE', 'LOCK', 'UNLOCK',
         'FEATURE', 'UNFEATURE', 'REPORT_RESOLVED', 'DOMAIN_BLOCK', 'DOMAIN_UNBLOCK')),
    -- Who acted: a local or remote person; null when unknown (a remote group acting as itself).
    moderator_id     uuid references person (id) on delete set null,
    -- What was acted on, as target_type says: a content row, a community or a person. A purged
    -- object is gone, so there is no foreign key; target_title keeps what it was called.
    target_type      text constraint modlog_target_type check (target_type in ('CONTENT', 'COMMUNITY', 'PERSON')),
    target_id        uuid,
    target_title     text,
    -- The person the action was about (the banned, the suspended, the author of removed content).
    target_person_id uuid references person (id) on delete set null,
    -- The community it happened in; null for instance-wide actions (the instance log).
    community_id     uuid references community (id) on delete cascade,
    -- DOMAIN_BLOCK / DOMAIN_UNBLOCK: the domain as the public may see it (obfuscated when the block is).
    domain           text,
    reason           text,
    -- Until when a ban or suspension holds; null for permanent ones and other actions.
    expires_at       timestamptz,
    -- The activity that carried a remote moderator's action, so a replay is logged once.
    ap_id            text unique,
    created_at       timestamptz not null default now(),
    constraint modlog_target check ((target_type is null) = (target_id is null))
);
create index modlog_community_page on modlog (community_id, seq desc) where community_id is not null;
create index modlog_instance_page on modlog (seq desc) where community_id is null;
