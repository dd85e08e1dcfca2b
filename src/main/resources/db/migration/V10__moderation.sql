-- Community bans and reports (org.lyceum.moderation), federated as Block and Flag.

-- A person banned from a community: no membership, follow or contribution while the row exists.
-- For a community of another server, the row records that its group banned someone of ours.
create table community_ban (
    community_id uuid        not null references community (id),
    person_id    uuid        not null references person (id),
    reason       text,
    ap_id        text unique,
    created_at   timestamptz not null default now(),
    primary key (community_id, person_id)
);

-- A report of content or of a person, made here or received as a Flag from another server.
create table report (
    id            uuid primary key,
    ap_id         text        not null unique,
    reporter_id   uuid references person (id),
    reporter_host text,
    community_id  uuid references community (id),
    object_id     uuid references content (id),
    person_id     uuid references person (id),
    reason        text,
    created_at    timestamptz not null default now(),
    resolved_at   timestamptz,
    constraint report_names_something check (num_nonnulls(object_id, person_id) > 0)
);
create index report_open on report (community_id, created_at desc) where resolved_at is null;

alter table activity drop constraint activity_verb, add constraint activity_verb check (verb in
    ('CREATE', 'UPDATE', 'DELETE', 'LIKE', 'UNLIKE', 'FOLLOW', 'UNFOLLOW', 'JOIN', 'LEAVE', 'MOVE', 'REJECT',
     'BLOCK', 'UNBLOCK', 'FLAG'));
