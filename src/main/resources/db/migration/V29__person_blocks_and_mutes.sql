-- Blocks and mutes of one person (org.lyceum.block, docs/moderation.md "Blocks and mutes"). A
-- mute hides what the muted person or community makes from the muter; a block hides it too and
-- stops the blocked person from replying to the blocker's threads and comments or mentioning them.
-- Reads filter with Blocks.hidden(): an index probe of the primary keys per row.

create table person_block (
    blocker_id   uuid        not null references person (id) on delete cascade,
    -- A person (local or remote) or a community; no foreign key, as it is either.
    blocked_id   uuid        not null,
    blocked_type text        not null constraint person_block_type check (blocked_type in ('PERSON', 'COMMUNITY')),
    -- true: a mute (hides); false: a block (hides and stops interaction). One row per pair: a block
    -- includes a mute.
    mute         boolean     not null,
    -- The Block activity's id sent to a remote person's server, repeated by its Undo.
    ap_id        text,
    created_at   timestamptz not null default now(),
    primary key (blocker_id, blocked_id)
);

-- A person's own block of another server: everyone whose person.host (or community's host) is it.
create table person_domain_block (
    person_id  uuid        not null references person (id) on delete cascade,
    domain     text        not null,
    created_at timestamptz not null default now(),
    primary key (person_id, domain)
);
