-- Data exports (org.lyceum.export): a person asks for an archive of their data; the data-export
-- job builds it and stores it as a media file (purpose EXPORT) served through a signed URL until
-- expires_at. After that media-cleanup releases the file and removes its bytes, as for any file
-- nothing shows any more.

alter table media drop constraint media_purpose, add constraint media_purpose check (purpose in
    ('RESOURCE', 'ICON', 'BANNER', 'EXPORT'));

create table data_export (
    id           uuid primary key,
    person_id    uuid        not null references person (id) on delete cascade,
    requested_at timestamptz not null default now(),
    -- Set with media_id when the archive is stored.
    ready_at     timestamptz,
    media_id     uuid references media (id),
    expires_at   timestamptz,
    -- Failed builds are retried; after three the export is given up (status FAILED).
    attempts     smallint    not null default 0,
    failed_at    timestamptz,
    constraint data_export_ready check ((ready_at is null) = (media_id is null) and (ready_at is null) = (expires_at is null))
);
create index data_export_person on data_export (person_id, requested_at desc);
create index data_export_pending on data_export (requested_at) where ready_at is null and failed_at is null;
create index data_export_media on data_export (media_id) where media_id is not null;
