-- People are the public side of an account and, once federation lands, of remote actors too:
-- local rows have no host, remote rows name theirs. ap_id is the stable ActivityPub id.
create table person (
    id           uuid primary key,
    ap_id        text        not null unique,
    username     text        not null,
    host         text,
    display_name text        not null,
    summary      text,
    icon_url     text,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    constraint person_username_length check (char_length(username) between 1 and 64)
);
-- One handle per host, compared case-insensitively as WebFinger does.
create unique index person_handle_key on person (lower(username), coalesce(host, ''));

-- Accounts exist only for local people and are keyed by the identity provider's subject.
create table account (
    id         uuid primary key,
    person_id  uuid        not null unique references person (id),
    subject    text        not null unique,
    email      text,
    roles      text[]      not null default '{}',
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

-- Emails an admin invited while registration is invite-only. Stored lower-case.
create table invite (
    email       text primary key,
    invited_by  uuid references account (id),
    created_at  timestamptz not null default now(),
    accepted_at timestamptz,
    accepted_by uuid references account (id)
);
