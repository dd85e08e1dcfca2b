-- Link previews (fetchWebMetadata), kept by the URL asked for so that repeated requests within
-- lyceum.discovery.preview-cache do not fetch the page again; the job discovery-prune deletes older rows.
create table web_preview (
    url         text primary key,
    page_url    text not null,
    title       text,
    description text,
    image_url   text,
    site_name   text,
    language    text,
    licence     text,
    media_type  text,
    fetched_at  timestamptz not null default now()
);
create index web_preview_fetched_at on web_preview (fetched_at);
