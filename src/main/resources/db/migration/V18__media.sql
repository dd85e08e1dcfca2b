-- Uploaded files (issue 15). One row per upload; its bytes live in the media storage
-- (lyceum.media.storage) under "<id>/<variant>": "file" for a file kept as it is served, the image
-- sizes (ImagePurpose) for icons and banners. Files are immutable: a new file is a new row.
create table media (
    id            uuid        primary key,
    owner_id      uuid        not null references person (id),
    purpose       text        not null constraint media_purpose check (purpose in ('RESOURCE', 'ICON', 'BANNER')),
    media_type    text        not null,
    -- The served variants, largest first, with their sizes in bytes; sha256 is the first's.
    variants      text[]      not null,
    sizes         bigint[]    not null,
    sha256        text        not null,
    -- The uploader's file name, made safe for a URL path and a Content-Disposition header.
    name          text        not null,
    created_at    timestamptz not null default now(),
    -- Set when first attached to a resource, a profile or a community; unattached uploads are
    -- removed after lyceum.media.orphan-ttl by the media-cleanup job.
    attached_at   timestamptz,
    -- Set when nothing refers to it any more; removed after lyceum.media.deleted-grace, so content
    -- that moderators restore keeps its file.
    released_at   timestamptz,
    -- Set when its bytes were deleted from the storage; the row stays while deleted content refers to it.
    removed_at    timestamptz,
    constraint media_variants check (cardinality(variants) = cardinality(sizes) and cardinality(variants) > 0)
);
create index media_owner on media (owner_id);
create index media_unattached on media (created_at) where attached_at is null;
create index media_released on media (released_at) where released_at is not null and removed_at is null;

-- A resource is a link (url) or a file (file_id); a remote resource is always a link.
alter table content add column file_id uuid references media (id);
create index content_file on content (file_id) where file_id is not null;
alter table content drop constraint content_resource_shape, add constraint content_resource_shape check (
    kind <> 'RESOURCE' or (collection_id is not null and position is not null and num_nonnulls(url, file_id) = 1));

-- Icons and banners: an upload here, or a URL that federation brought.
alter table person add column icon_id uuid references media (id),
                   add column banner_id uuid references media (id),
                   add column banner_url text;
alter table community add column icon_id uuid references media (id),
                      add column banner_id uuid references media (id),
                      add column banner_url text;
-- Serving and cleanup ask what refers to a file.
create index person_icon on person (icon_id) where icon_id is not null;
create index person_banner on person (banner_id) where banner_id is not null;
create index community_icon on community (icon_id) where icon_id is not null;
create index community_banner on community (banner_id) where banner_id is not null;

-- The media directories in use with this database (filesystem storage): more than one means
-- instances on several machines, each seeing only its own files.
create table media_directory (
    id         uuid        primary key,
    seen_at    timestamptz not null default now()
);
