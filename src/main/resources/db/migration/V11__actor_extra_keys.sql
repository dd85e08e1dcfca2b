-- Further public keys of remote actors, besides publicKey (actor_key): the Ed25519 keys that
-- Fedify and others publish as assertionMethod Multikeys, which RFC 9421 signatures may use.
create table actor_extra_key (
    key_id     text primary key,
    actor_id   text        not null,
    public_pem text        not null,
    created_at timestamptz not null default now()
);
create index actor_extra_key_actor on actor_extra_key (actor_id);
