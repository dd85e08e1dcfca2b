-- Markdown (the source, in the existing columns) rendered to sanitized HTML at write time. Rows
-- written before this migration keep null here and are rendered when read.
alter table content add column body_html text;
alter table community add column summary_html text;
alter table person add column summary_html text;

-- Who a comment (or a thread's first comment) mentions: from @name in local Markdown, from
-- Mention tags of remote objects. Replaced on every edit, in the writing transaction.
create table mention (
    content_id uuid not null references content (id),
    person_id  uuid not null references person (id),
    primary key (content_id, person_id)
);
create index mention_person on mention (person_id);
