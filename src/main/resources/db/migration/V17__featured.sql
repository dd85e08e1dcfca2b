-- Featured and pinned (issue 14 item 4): what the instance's admins feature (communities and
-- collections) and what a community's moderators feature (its collections, resources and threads; a
-- featured thread is a pinned thread). Listed oldest feature first (seq). A remote community's list
-- is what its group said in Add/Remove to its featured collection, whose URL its actor document names.

create table featured (
    id                    uuid        primary key,
    seq                   bigint      generated always as identity,
    -- The community whose list this is; null for the instance's own list.
    community_id          uuid        references community (id) on delete cascade,
    content_id            uuid        references content (id) on delete cascade,
    featured_community_id uuid        references community (id) on delete cascade,
    featured_by           uuid        references person (id) on delete set null,
    created_at            timestamptz not null default now(),
    constraint featured_one_object check (num_nonnulls(content_id, featured_community_id) = 1),
    constraint featured_community_lists_content check (community_id is null or content_id is not null)
);

create unique index featured_in_community on featured (community_id, content_id) where community_id is not null;
create unique index featured_on_instance_content on featured (content_id) where community_id is null and content_id is not null;
create unique index featured_on_instance_community on featured (featured_community_id) where community_id is null;
create index featured_order on featured (community_id, seq);

-- A remote group's featured collection (Lemmy: {community}/featured), from its actor document.
alter table community add column featured_url text;

alter table activity drop constraint activity_verb, add constraint activity_verb check (verb in
    ('CREATE', 'UPDATE', 'DELETE', 'LIKE', 'UNLIKE', 'FOLLOW', 'UNFOLLOW', 'JOIN', 'LEAVE', 'MOVE', 'REJECT',
     'BLOCK', 'UNBLOCK', 'FLAG', 'ADD', 'REMOVE'));
