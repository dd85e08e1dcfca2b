-- Instance policy towards other servers (org.lyceum.federation.policy), in the terms of
-- Mastodon's domain blocks so lists can be exchanged as its CSV.
create table domain_block (
    domain         text primary key,
    severity       text        not null constraint domain_block_severity check (severity in ('SUSPEND', 'SILENCE', 'NOOP')),
    reject_media   boolean     not null default false,
    reject_reports boolean     not null default false,
    public_comment text,
    obfuscate      boolean     not null default false,
    created_at     timestamptz not null default now()
);

-- The servers federated with in allowlist mode (lyceum.federation.allowlist-mode).
create table domain_allow (
    domain     text primary key,
    created_at timestamptz not null default now()
);
