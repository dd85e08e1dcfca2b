-- Keys of ActivityPub actors, by actor id: local people, communities and the instance actor have
-- both halves (made on first need); remote actors will have the public half only.
create table actor_key (
    actor_id    text primary key,
    key_id      text        not null unique,
    public_pem  text        not null,
    private_pem text,
    created_at  timestamptz not null default now()
);
