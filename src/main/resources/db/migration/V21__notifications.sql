-- In-app notifications (org.lyceum.notification): one row per recipient, written in the
-- transaction of what caused it.

create table notification (
    id           uuid primary key,
    -- Order of writing; live updates (LISTEN/NOTIFY) carry it and catch up from it.
    seq          bigserial   not null unique,
    recipient_id uuid        not null references person (id) on delete cascade,
    kind         text        not null constraint notification_kind check (kind in
        ('REPLY', 'MENTION', 'JOIN_REQUEST', 'JOIN_DECIDED', 'NEW_FOLLOWER', 'REPORT', 'ROLE_CHANGED', 'BANNED',
         'CONTENT_REMOVED')),
    actor_id     uuid references person (id) on delete set null,
    -- What it is about: a content row, a community or a person, as object_type says.
    object_type  text constraint notification_object_type check (object_type in ('CONTENT', 'COMMUNITY', 'PERSON')),
    object_id    uuid,
    community_id uuid references community (id) on delete cascade,
    reason       text,
    -- What caused it (an activity's or a row's id): with the recipient and kind it is unique, so a
    -- replayed activity or a repeated request writes nothing.
    cause        text        not null,
    created_at   timestamptz not null default now(),
    read_at      timestamptz,
    constraint notification_object check ((object_type is null) = (object_id is null))
);
create unique index notification_once on notification (recipient_id, kind, cause);
create index notification_page on notification (recipient_id, seq desc);
create index notification_unread on notification (recipient_id) where read_at is null;
create index notification_age on notification (created_at);

-- Subscribers on every instance hear of a new notification on commit; the payload is its seq only.
create function notification_live() returns trigger language plpgsql as $$
begin
    perform pg_notify('lyceum_live', 'notification:' || new.seq);
    return null;
end $$;
create trigger notification_live after insert on notification for each row execute function notification_live();
