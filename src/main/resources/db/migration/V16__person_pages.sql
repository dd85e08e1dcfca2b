-- People's pages and personal lists (issue 14): each list reads one person's rows newest first.

-- Person.contributions: a person's content, newest first, keyset on (created_at, id).
-- It serves every lookup by author, so the single-column index it replaces is dropped.
create index content_author_created on content (author_id, created_at desc, id desc);
drop index content_author;

-- Query bookmarks: the caller's bookmarks, newest first, keyset on (created_at, object_id).
create index bookmark_person_created on bookmark (person_id, created_at desc, object_id desc);

-- Person.followers and Person.following: accepted follows of people, newest first.
create index follow_person_accepted on follow (person_id, created_at desc, id desc)
    where person_id is not null and state = 'ACCEPTED';
create index follow_follower_person_accepted on follow (follower_id, created_at desc, id desc)
    where person_id is not null and state = 'ACCEPTED';

-- Person.communities: a person's memberships, newest first.
create index membership_person_joined on membership (person_id, created_at desc) where state = 'JOINED';
