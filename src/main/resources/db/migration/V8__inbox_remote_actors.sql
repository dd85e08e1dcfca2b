-- Federation, part two: remote actors, received activities and the publishing of local ones.

-- Where a remote actor takes deliveries, and when its document was last fetched.
alter table person add column inbox text, add column shared_inbox text, add column fetched_at timestamptz;
alter table community add column inbox text, add column shared_inbox text, add column fetched_at timestamptz;

-- The Follow a membership came from (a remote person joining here) or was asked by (a local
-- person joining a remote community), so Accept, Reject and Undo can name it.
alter table membership add column ap_id text unique;

-- The person a FOLLOW/UNFOLLOW is about (communities and objects have their own columns), and
-- for an undoing activity (UNLIKE, UNFOLLOW, LEAVE, REJECT) the id of the activity it undoes.
alter table activity add column target_person_id uuid references person (id), add column undoes text;
alter table activity drop constraint activity_verb, add constraint activity_verb check (verb in
    ('CREATE', 'UPDATE', 'DELETE', 'LIKE', 'UNLIKE', 'FOLLOW', 'UNFOLLOW', 'JOIN', 'LEAVE', 'MOVE', 'REJECT'));
-- Local changes wait here (federated_at null) until the publisher turns them into deliveries.
-- Rows from before federation was switched on are not sent.
alter table activity add column federated_at timestamptz;
update activity set federated_at = published_at;
create index activity_unpublished on activity (seq) where federated_at is null;

-- Activities received in inboxes: written (deduplicated per inbox) before the 202, processed
-- after it by whichever instance claims them first.
create table inbox_activity (
    id           bigint generated always as identity primary key,
    inbox        text        not null,
    ap_id        text        not null,
    actor        text        not null,
    type         text        not null,
    body         text        not null,
    state        text        not null default 'PENDING'
        constraint inbox_activity_state check (state in ('PENDING', 'DONE', 'IGNORED', 'FAILED')),
    attempts     integer     not null default 0,
    next_attempt timestamptz not null default now(),
    received_at  timestamptz not null default now(),
    processed_at timestamptz,
    error        text,
    constraint inbox_activity_once unique (inbox, ap_id)
);
create index inbox_activity_due on inbox_activity (next_attempt, id) where state = 'PENDING';
