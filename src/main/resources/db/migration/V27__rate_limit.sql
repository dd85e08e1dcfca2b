-- Token buckets of org.lyceum.ratelimit (lyceum.rate-limit.backend=postgres): one row per class
-- of operation and caller. Unlogged: a bucket is worth nothing after a crash (the table comes back
-- empty, every bucket full) and not writing WAL keeps the take that guards every write cheap.
create unlogged table rate_limit_bucket (
    class      text             not null,
    key        text             not null,
    tokens     double precision not null,
    -- Whether the last take got a token: the one statement that takes can only return new values.
    granted    boolean          not null,
    updated_at timestamptz      not null,
    primary key (class, key)
);

-- The prune job deletes buckets idle (and so full again) for a while.
create index rate_limit_bucket_updated_at on rate_limit_bucket (updated_at);
