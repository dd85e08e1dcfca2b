-- Rows written before V20 have no HTML yet: the text-backfill job renders them in batches, found
-- through these partial indexes (empty once it is done, so the job's look costs nothing after).
create index content_html_missing on content (id) where body_html is null and body is not null;
create index community_html_missing on community (id) where summary_html is null and summary is not null;
create index person_html_missing on person (id) where summary_html is null and summary is not null;

-- unreadOnly pages and the unread count read only unread rows; notifying a community's moderators
-- reads only its owner and moderators.
create index notification_unread_page on notification (recipient_id, seq desc) where read_at is null;
drop index notification_unread;
create index membership_moderators on membership (community_id) where role in ('OWNER', 'MODERATOR');
