-- Communities, their content and what people do with it. Every row that federation will send
-- has an ap_id; rows with a host came from another server (federation fills them in later).

create table community (
    id         uuid primary key,
    ap_id      text        not null unique,
    name       text        not null,
    host       text,
    title      text        not null,
    summary    text,
    icon_url   text,
    visibility text        not null default 'PUBLIC'
        constraint community_visibility check (visibility in ('PUBLIC', 'UNLISTED', 'PRIVATE')),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    deleted_at timestamptz
);
create unique index community_handle_key on community (lower(name), coalesce(host, ''));

-- A person's place in a community. PENDING rows are join requests of private communities.
create table membership (
    community_id uuid        not null references community (id),
    person_id    uuid        not null references person (id),
    role         text        not null constraint membership_role check (role in ('OWNER', 'MODERATOR', 'MEMBER')),
    state        text        not null constraint membership_state check (state in ('JOINED', 'PENDING')),
    created_at   timestamptz not null default now(),
    primary key (community_id, person_id)
);
create index membership_person on membership (person_id, state);
create unique index membership_one_owner on membership (community_id) where role = 'OWNER';

-- Collections, resources, threads and comments share one table: they are all ActivityPub
-- objects in a community, and likes, bookmarks, deletions and feeds treat them alike.
create table content (
    id            uuid primary key,
    ap_id         text        not null unique,
    kind          text        not null constraint content_kind check (kind in ('COLLECTION', 'RESOURCE', 'THREAD', 'COMMENT')),
    host          text,
    community_id  uuid        not null references community (id),
    author_id     uuid        not null references person (id),
    collection_id uuid references content (id),
    position      integer,
    thread_id     uuid references content (id),
    in_reply_to   uuid references content (id),
    about_id      uuid references content (id),
    title         text,
    body          text,
    url           text,
    licence       text,
    language      text,
    level         smallint constraint content_level check (level between 0 and 8),
    subject       text,
    resource_type text,
    attribution   text,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    deleted_at    timestamptz,
    constraint content_resource_shape check (kind <> 'RESOURCE' or (collection_id is not null and position is not null and url is not null)),
    constraint content_comment_shape check (kind <> 'COMMENT' or thread_id is not null),
    constraint content_titled check (kind = 'COMMENT' or title is not null)
);
create index content_community on content (community_id, kind, created_at desc);
create index content_collection on content (collection_id, position) where kind = 'RESOURCE';
create index content_thread on content (thread_id, created_at) where kind = 'COMMENT';
create index content_reply on content (in_reply_to);
create index content_author on content (author_id);

create table liking (
    person_id  uuid        not null references person (id),
    object_id  uuid        not null references content (id),
    ap_id      text        not null unique,
    created_at timestamptz not null default now(),
    primary key (object_id, person_id)
);
create index liking_person on liking (person_id);

-- Bookmarks are private to their owner and never federate.
create table bookmark (
    person_id  uuid        not null references person (id),
    object_id  uuid        not null references content (id),
    created_at timestamptz not null default now(),
    primary key (person_id, object_id)
);

-- A person follows exactly one of: a person, a community, a collection.
create table follow (
    id            uuid primary key,
    ap_id         text        not null unique,
    follower_id   uuid        not null references person (id),
    person_id     uuid references person (id),
    community_id  uuid references community (id),
    collection_id uuid references content (id),
    state         text        not null default 'ACCEPTED' constraint follow_state check (state in ('ACCEPTED', 'PENDING')),
    created_at    timestamptz not null default now(),
    constraint follow_one_target check (num_nonnulls(person_id, community_id, collection_id) = 1)
);
create unique index follow_person_key on follow (follower_id, person_id) where person_id is not null;
create unique index follow_community_key on follow (follower_id, community_id) where community_id is not null;
create unique index follow_collection_key on follow (follower_id, collection_id) where collection_id is not null;
create index follow_follower on follow (follower_id);
create index follow_person_target on follow (person_id) where person_id is not null;
create index follow_community_target on follow (community_id) where community_id is not null;
create index follow_collection_target on follow (collection_id) where collection_id is not null;

-- One row per thing that happened. Feeds read it newest first by seq; federation will send the
-- local ones (host null) and record the remote ones it receives.
create table activity (
    seq          bigint generated always as identity primary key,
    id           uuid        not null unique,
    ap_id        text        not null unique,
    verb         text        not null constraint activity_verb check (verb in
        ('CREATE', 'UPDATE', 'DELETE', 'LIKE', 'UNLIKE', 'FOLLOW', 'UNFOLLOW', 'JOIN', 'LEAVE', 'MOVE')),
    actor_id     uuid        not null references person (id),
    community_id uuid references community (id),
    object_id    uuid references content (id),
    host         text,
    published_at timestamptz not null default now()
);
create index activity_community on activity (community_id, seq desc);
create index activity_actor on activity (actor_id, seq desc);
create index activity_object on activity (object_id);

-- Controlled vocabularies for resource metadata; the data is in V3.
create table vocabulary_term (
    vocabulary  text    not null constraint vocabulary_kind check (vocabulary in ('LICENCE', 'LANGUAGE', 'LEVEL', 'SUBJECT', 'RESOURCE_TYPE')),
    code        text    not null,
    label       text    not null,
    parent_code text,
    url         text,
    position    integer not null,
    primary key (vocabulary, code)
);

-- A display name the person chose in Lyceum wins over the identity provider's name claim.
alter table person add column display_name_chosen boolean not null default false;
