-- Search reads the text of what is shown: the rendered HTML without its tags (V20), so Markdown
-- marks of local text and tags of other servers' HTML are neither searched nor in snippets. Rows
-- without HTML yet (text-backfill renders them) are read as before. Existing entries are
-- refreshed by text-backfill's writes, or at once with: select search_reindex();

create function search_plain(html text, source text) returns text
    language sql immutable as
$$
select case when html is null then source else
    replace(replace(replace(replace(replace(
        regexp_replace(
            regexp_replace(html, '<(br|/p|/li|/h[1-6]|/tr|/blockquote|/pre)[^>]*>', E'\n', 'gi'),
            '<[^>]*>', '', 'g'),
        '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&amp;', '&')
end
$$;

create or replace function search_index_content(object uuid) returns void
    language plpgsql as
$$
declare
    c content%rowtype;
    lang text;
    cfg regconfig;
    labels text;
    n integer;
begin
    select * into c from content where id = object;
    -- Deleted content leaves the index, and with a collection or thread go its resources or comments.
    if not found or c.deleted_at is not null
            or exists(select 1 from content pc where pc.id in (c.collection_id, c.thread_id) and pc.deleted_at is not null) then
        delete from search_entry where id = object
            or id in (select x.id from content x where x.collection_id = object or x.thread_id = object);
        return;
    end if;
    -- A thread's first post (the comment that replies to nothing) is the thread's own text: it is
    -- searched as part of the thread, so a hit on it finds the thread.
    if c.kind = 'COMMENT' and c.in_reply_to is null then
        delete from search_entry where id = object;
        perform search_index_content(c.thread_id);
        return;
    end if;
    c.body := search_plain(c.body_html, c.body);
    if c.kind = 'THREAD' and c.body is null then
        select search_plain(x.body_html, x.body) into c.body from content x
            where x.thread_id = c.id and x.kind = 'COMMENT' and x.in_reply_to is null and x.deleted_at is null
            order by x.created_at limit 1;
    end if;
    lang := coalesce(c.language, search_community_language(c.community_id));
    select config into cfg from search_language where code = lang;
    select string_agg(label, ' ') into labels from vocabulary_term
        where (vocabulary = 'SUBJECT' and code = c.subject) or (vocabulary = 'RESOURCE_TYPE' and code = c.resource_type);
    n := search_reactions(object);
    insert into search_entry (id, kind, community_id, author_id, host, subject, level, language, licence,
            resource_type, reactions, popularity, created_at)
        values (c.id, c.kind, c.community_id, c.author_id, c.host, c.subject, c.level, c.language, c.licence,
            c.resource_type, n, search_popularity(n, c.created_at), c.created_at)
        on conflict (id) do update set community_id = excluded.community_id, host = excluded.host,
            subject = excluded.subject, level = excluded.level, language = excluded.language,
            licence = excluded.licence, resource_type = excluded.resource_type,
            reactions = excluded.reactions, popularity = excluded.popularity;
    perform search_put_text(c.id, cfg, coalesce(c.title, ''), trim(coalesce(c.title || E'\n', '') || coalesce(c.body, '')),
        search_document(cfg, c.title, c.body, labels));
end
$$;

create or replace function search_index_community(object uuid) returns void
    language plpgsql as
$$
declare
    m community%rowtype;
    cfg regconfig;
    n integer;
begin
    select * into m from community where id = object;
    if not found or m.deleted_at is not null then
        delete from search_entry where id = object;
        return;
    end if;
    select config into cfg from search_language where code = search_community_language(m.id);
    m.summary := search_plain(m.summary_html, m.summary);
    -- A private community is listed by name and title only: its summary is not searchable.
    if m.visibility = 'PRIVATE' then
        m.summary := null;
    end if;
    n := search_reactions(object);
    insert into search_entry (id, kind, community_id, host, reactions, popularity, created_at)
        values (m.id, 'COMMUNITY', m.id, m.host, n, search_popularity(n, m.created_at), m.created_at)
        on conflict (id) do update set host = excluded.host, reactions = excluded.reactions,
            popularity = excluded.popularity;
    perform search_put_text(m.id, cfg, m.title || ' ' || m.name, trim(m.title || E'\n' || coalesce(m.summary, '')),
        search_document(cfg, m.title || ' ' || m.name, m.summary, null));
end
$$;

create or replace function search_index_person(object uuid) returns void
    language plpgsql as
$$
declare
    p person%rowtype;
    n integer;
begin
    select * into p from person where id = object;
    if not found then
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
