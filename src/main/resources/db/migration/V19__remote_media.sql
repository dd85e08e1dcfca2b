-- Copies of remote icons and banners (lyceum.media.cache-remote): a file fetched for a remote
-- person or group has no owner here, so it counts against no quota and no local person can attach
-- it elsewhere (attaching checks the owner). icon_url and banner_url keep the source URL, so a
-- refresh that brings the same URL does not fetch it again.
alter table media alter column owner_id drop not null;
