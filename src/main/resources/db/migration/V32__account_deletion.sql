-- Account deletion (org.lyceum.account.deletion): the person row stays as a tombstone (its
-- username stays taken, its keys sign the Delete sent to other servers), and the account row
-- stays with its identity provider subject, so signing in again is refused (ACCOUNT_DELETED)
-- instead of making a new account under the old name.
alter table person add column deleted_at timestamptz;
alter table account add column deleted_at timestamptz;

-- A deleted account is not found by search (V24's definition, with the tombstone left out).
create or replace function search_index_person(object uuid) returns void
    language plpgsql as
$$
declare
    p person%rowtype;
    n integer;
begin
    select * into p from person where id = object;
    if not found or p.deleted_at is not null then
        delete from search_entry where id = object;
        return;
    end if;
    p.summary := search_plain(p.summary_html, p.summary);
    n := search_reactions(object);
    insert into search_entry (id, kind, host, reactions, popularity, created_at)
        values (p.id, 'PERSON', p.host, n, search_popularity(n, p.created_at), p.created_at)
        on conflict (id) do update set host = excluded.host, reactions = excluded.reactions,
            popularity = excluded.popularity;
    perform search_put_text(p.id, null, p.display_name || ' ' || p.username,
        trim(p.display_name || E'\n' || coalesce(p.summary, '')),
        search_document(null, p.display_name || ' ' || p.username, p.summary, null));
end
$$;
