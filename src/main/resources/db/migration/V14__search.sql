-- Search (docs/search.md): one index row per searchable object, kept current by triggers in the
-- transaction that writes the object, its likes, bookmarks or follows. unaccent and pg_trgm ship
-- with PostgreSQL's contrib package; an external server needs it installed (README).
create extension if not exists unaccent;
create extension if not exists pg_trgm;

-- Text search configurations that fold accents before their dictionaries: lyceum_simple (no
-- stemming, for every document and every query) and lyceum_<language> for each language whose
-- configuration this server has. search_language maps ISO 639-1 codes to them.
create table search_language (
    code   text primary key,
    config regconfig not null
);

create text search configuration lyceum_simple (copy = simple);
alter text search configuration lyceum_simple alter mapping for hword, hword_part, word with unaccent, simple;

do $$
declare
    l record;
    dicts text;
begin
    for l in select * from (values
            ('ar', 'arabic'), ('hy', 'armenian'), ('eu', 'basque'), ('ca', 'catalan'), ('da', 'danish'),
            ('nl', 'dutch'), ('en', 'english'), ('fi', 'finnish'), ('fr', 'french'), ('de', 'german'),
            ('el', 'greek'), ('hi', 'hindi'), ('hu', 'hungarian'), ('id', 'indonesian'), ('ga', 'irish'),
            ('it', 'italian'), ('lt', 'lithuanian'), ('ne', 'nepali'), ('no', 'norwegian'),
            ('nb', 'norwegian'), ('nn', 'norwegian'), ('pt', 'portuguese'), ('ro', 'romanian'),
            ('ru', 'russian'), ('sr', 'serbian'), ('es', 'spanish'), ('sv', 'swedish'), ('ta', 'tamil'),
            ('tr', 'turkish'), ('yi', 'yiddish')) as v (code, cfg)
        where exists (select 1 from pg_ts_config c where c.cfgname = v.cfg)
    loop
        if not exists (select 1 from pg_ts_config c where c.cfgname = 'lyceum_' || l.cfg) then
            -- The language's own dictionaries for words, after unaccent.
            select string_agg(d.dictname, ', ' order by m.mapseqno) into dicts
                from pg_ts_config_map m
                join pg_ts_config c on c.oid = m.mapcfg
                join pg_ts_dict d on d.oid = m.mapdict
                where c.cfgname = l.cfg and m.maptokentype = (select tokid from ts_token_type('default') where alias = 'word');
            execute format('create text search configuration %I (copy = %I)', 'lyceum_' || l.cfg, l.cfg);
            execute format('alter text search configuration %I alter mapping for hword, hword_part, word with unaccent, %s',
                'lyceum_' || l.cfg, dicts);
        end if;
        insert into search_language (code, config) values (l.code, ('lyceum_' || l.cfg)::regconfig);
    end loop;
end
$$;

-- What filters, sorts and facets read, narrow so that browsing and counting scan little.
create table search_entry (
    id            uuid primary key, -- the object's own id (content, community or person)
    kind          text             not null constraint search_entry_kind check (kind in
        ('RESOURCE', 'COLLECTION', 'COMMUNITY', 'THREAD', 'COMMENT', 'PERSON')),
    community_id  uuid,             -- content: its community; a community: itself; a person: null
    author_id     uuid,
    host          text,             -- null for this instance's objects
    subject       text,
    level         smallint,
    language      text,
    licence       text,
    resource_type text,
    reactions     integer          not null default 0, -- likes + follows + bookmarks
    popularity    double precision not null,
    created_at    timestamptz      not null
);
create index search_entry_newest on search_entry (created_at desc, id desc);
create index search_entry_popular on search_entry (popularity desc, id desc);
create index search_entry_community on search_entry (community_id);

-- What text matching and snippets read, apart: one row per search_entry row.
create table search_text (
    id       uuid primary key references search_entry (id) on delete cascade,
    config   regconfig,        -- the language's configuration the document was indexed with, if any
    name     text     not null, -- title or name, lower case and unaccented, for pg_trgm
    body     text     not null, -- the plain text the snippet is cut from
    document tsvector not null
);
create index search_text_document on search_text using gin (document);
create index search_text_name on search_text using gin (name gin_trgm_ops);

-- search_reactions counts bookmarks by object; bookmark's key leads with the person.
create index bookmark_object on bookmark (object_id);

-- POPULAR's score: newer content needs fewer votes, and the clock never changes it.
create function search_popularity(reactions integer, created_at timestamptz) returns double precision
    language sql immutable as
$$ select log((1 + reactions)::double precision) + extract(epoch from created_at)::double precision / 45000 $$;

-- The weighted document: each part with lyceum_simple and, when known, with the language's configuration.
create function search_document(config regconfig, a text, b text, c text) returns tsvector
    language sql stable as
$$
select setweight(to_tsvector('lyceum_simple', coalesce(a, '')), 'A')
    || setweight(to_tsvector('lyceum_simple', coalesce(b, '')), 'B')
    || setweight(to_tsvector('lyceum_simple', coalesce(c, '')), 'C')
    || case when config is null then ''::tsvector else
           setweight(to_tsvector(config, coalesce(a, '')), 'A')
        || setweight(to_tsvector(config, coalesce(b, '')), 'B')
        || setweight(to_tsvector(config, coalesce(c, '')), 'C') end
$$;

-- A community's most common resource language, for documents that carry none of their own.
create function search_community_language(community uuid) returns text
    language sql stable as
$$
select language from content
    where community_id = community and kind = 'RESOURCE' and language is not null and deleted_at is null
    group by language order by count(*) desc, language limit 1
$$;

create function search_reactions(object uuid) returns integer
    language sql stable as
$$
select ((select count(*) from liking where object_id = object)
      + (select count(*) from bookmark where object_id = object)
      + (select count(*) from follow where state = 'ACCEPTED'
            and (person_id = object or community_id = object or collection_id = object)))::integer
$$;

-- The text side of an entry; the snippet marks (chr 2 and 3) cannot occur in the indexed text.
create function search_put_text(object uuid, cfg regconfig, title text, body text, document tsvector) returns void
    language sql as
$$
insert into search_text (id, config, name, body, document)
    values (object, cfg, lower(unaccent(title)), translate(body, chr(2) || chr(3), ''), document)
    on conflict (id) do update set config = excluded.config, name = excluded.name, body = excluded.body,
        document = excluded.document
$$;

create function search_index_content(object uuid) returns void
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
    if c.kind = 'THREAD' and c.body is null then
        select x.body into c.body from content x
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

create function search_index_community(object uuid) returns void
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

create function search_index_person(object uuid) returns void
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

-- Likes, bookmarks and follows move the score of what they point at.
create function search_refresh_popularity(object uuid) returns void
    language sql as
$$
update search_entry set reactions = search_reactions(object),
    popularity = search_popularity(search_reactions(object), created_at)
    where id = object
$$;

create function search_content_changed() returns trigger language plpgsql as
$$
begin
    perform search_index_content(new.id);
    -- A new resource may change its community's most common language, which its entry is indexed with.
    if tg_op = 'INSERT' and new.kind = 'RESOURCE' then
        perform search_index_community(new.community_id);
    end if;
    return null;
end
$$;
create function search_community_changed() returns trigger language plpgsql as
$$ begin perform search_index_community(new.id); return null; end $$;
create function search_person_changed() returns trigger language plpgsql as
$$ begin perform search_index_person(new.id); return null; end $$;
create function search_reaction_changed() returns trigger language plpgsql as
$$
begin
    if tg_table_name = 'follow' then
        if tg_op <> 'DELETE' then
            perform search_refresh_popularity(coalesce(new.person_id, new.community_id, new.collection_id));
        end if;
        if tg_op <> 'INSERT' then
            perform search_refresh_popularity(coalesce(old.person_id, old.community_id, old.collection_id));
        end if;
    elsif tg_op = 'DELETE' then
        perform search_refresh_popularity(old.object_id);
    else
        perform search_refresh_popularity(new.object_id);
    end if;
    return null;
end
$$;

create trigger search_content after insert or update on content
    for each row execute function search_content_changed();
create trigger search_community after insert or update on community
    for each row execute function search_community_changed();
create trigger search_person after insert or update on person
    for each row execute function search_person_changed();
create trigger search_liking after insert or delete on liking
    for each row execute function search_reaction_changed();
create trigger search_bookmark after insert or delete on bookmark
    for each row execute function search_reaction_changed();
create trigger search_follow after insert or update of state or delete on follow
    for each row execute function search_reaction_changed();

-- Rebuilds the whole index from the tables (docs/search.md): select search_reindex();
create function search_reindex() returns bigint
    language plpgsql as
$$
begin
    delete from search_entry;
    perform search_index_person(id) from person;
    perform search_index_community(id) from community;
    perform search_index_content(id) from content;
    return (select count(*) from search_entry);
end
$$;

select search_reindex();
