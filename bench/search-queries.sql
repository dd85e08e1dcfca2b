-- The statements SearchIndex sends (as of the first search commit), for an anonymous caller.
-- (a) text, RELEVANCE, page of 20, anonymous
with q as (select websearch_to_tsquery('lyceum_simple', 'fractions') || to_tsquery('lyceum_simple', '''fractions'':*') tsq, lower(unaccent('fractions')) nq, 'lyceum_simple'::regconfig cfg)
select s.kind, s.id, ts_headline(q.cfg, s.body, q.tsq, 'StartSel=<,StopSel=>, MaxWords=30, MinWords=12') from (select * from (select e.kind, e.id, e.host, e.created_at, e.popularity, e.body,
 (ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', e.document, q.tsq, 1) + 0.5 * word_similarity(q.nq, e.name))::float8 score
 from search_entry e cross join q left join community m on m.id = e.community_id
 where (e.document @@ q.tsq or q.nq <% e.name) and (case e.kind when 'PERSON' then true when 'COMMUNITY' then m.deleted_at is null and (m.visibility <> 'UNLISTED' or exists(select 1 from membership v where v.community_id = m.id and v.person_id = null and v.state = 'JOINED')) else (m.deleted_at is null and (m.visibility <> 'PRIVATE' or exists(select 1 from membership v where v.community_id = m.id and v.person_id = null and v.state = 'JOINED'))) end)) s
 order by s.score desc, s.id desc limit 21) s cross join q order by s.score desc, s.id desc;
-- (b) count for the same
with q as (select websearch_to_tsquery('lyceum_simple', 'fractions') || to_tsquery('lyceum_simple', '''fractions'':*') tsq, lower(unaccent('fractions')) nq)
select count(*) from search_entry e cross join q left join community m on m.id = e.community_id
 where (e.document @@ q.tsq or q.nq <% e.name) and (case e.kind when 'PERSON' then true when 'COMMUNITY' then m.deleted_at is null and (m.visibility <> 'UNLISTED') else (m.deleted_at is null and (m.visibility <> 'PRIVATE' or exists(select 1 from membership v where v.community_id = m.id and v.person_id = null and v.state = 'JOINED'))) end);
-- (c) facets, browse everything
select case when grouping(e.kind) = 0 then 'kind' when grouping(e.subject) = 0 then 'subject' when grouping(e.level) = 0 then 'level' when grouping(e.language) = 0 then 'language' when grouping(e.licence) = 0 then 'licence' else 'resourceType' end facet,
 coalesce(e.kind, e.subject, e.level::text, e.language, e.licence, e.resource_type) code, count(*) n
 from search_entry e left join community m on m.id = e.community_id
 where (case e.kind when 'PERSON' then true when 'COMMUNITY' then m.deleted_at is null and (m.visibility <> 'UNLISTED') else (m.deleted_at is null and (m.visibility <> 'PRIVATE' or exists(select 1 from membership v where v.community_id = m.id and v.person_id = null and v.state = 'JOINED'))) end)
 group by grouping sets ((e.kind), (e.subject), (e.level), (e.language), (e.licence), (e.resource_type)) order by n desc, code;
-- (d) browse filters, NEWEST page
select e.kind, e.id from search_entry e left join community m on m.id = e.community_id
 where (case e.kind when 'PERSON' then true when 'COMMUNITY' then m.deleted_at is null else (m.deleted_at is null and (m.visibility <> 'PRIVATE')) end)
 and e.language = any('{es}') and e.subject = any('{05,051,052,053,054}') order by e.created_at desc, e.id desc limit 21;
-- (e) browse nothing, NEWEST page
select e.kind, e.id from search_entry e left join community m on m.id = e.community_id
 where (case e.kind when 'PERSON' then true when 'COMMUNITY' then m.deleted_at is null else (m.deleted_at is null and (m.visibility <> 'PRIVATE')) end)
 order by e.created_at desc, e.id desc limit 21;
