-- Removal and locking of content by moderators (org.lyceum.moderation.ContentModeration).
-- A removed object is also marked deleted (deleted_at), so every read, feed, search trigger and
-- live event that hides deleted content hides it with the same predicate; removed_at tells a
-- removal (reversible: restoreObject clears both) from an author's deletion. A removed comment
-- keeps its text, so that a restore brings it back.
alter table content add column removed_at     timestamptz,
                    add column removed_reason text,
                    add column removed_by     uuid references person (id) on delete set null,
                    -- A locked thread takes no new replies (except from its community's moderators).
                    add column locked_at      timestamptz;

-- RESTORE federates as Undo(Delete), LOCK / UNLOCK as Lemmy's Lock / Undo(Lock), PURGE as a
-- Delete of an object whose row is gone (the activity names it by ap_id in undoes).
alter table activity drop constraint activity_verb, add constraint activity_verb check (verb in
    ('CREATE', 'UPDATE', 'DELETE', 'LIKE', 'UNLIKE', 'FOLLOW', 'UNFOLLOW', 'JOIN', 'LEAVE', 'MOVE', 'REJECT',
     'BLOCK', 'UNBLOCK', 'FLAG', 'ADD', 'REMOVE', 'RESTORE', 'LOCK', 'UNLOCK', 'PURGE'));
