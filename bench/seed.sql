-- Seeds a migrated Lyceum database for bench/homefeed.sh: 1 000 people with accounts, 100
-- communities (every tenth private), 500 collections, 10 000 resources, 2 000 threads and
-- 50 000 comments in all, likes, follows, and a CREATE activity per object, oldest first.
-- Subjects are bench-user-N, matching the tokens bench/BenchTokens.java signs.
begin;

insert into person (id, ap_id, username, display_name, created_at, updated_at)
select gen_random_uuid(), 'https://lyceum.bench/people/' || n, 'user_' || n, 'User ' || n, now(), now()
from generate_series(1, 1000) n;

insert into account (id, person_id, subject, email, roles)
select gen_random_uuid(), p.id, 'bench-user-' || substr(p.username, 6), p.username || '@bench.example', '{}'
from person p where p.username like 'user\_%';

insert into community (id, ap_id, name, title, summary, visibility)
select gen_random_uuid(), 'https://lyceum.bench/communities/' || n, 'community_' || n, 'Community ' || n,
       'Teachers sharing material, group ' || n, case when n % 10 = 0 then 'PRIVATE' else 'PUBLIC' end
from generate_series(1, 100) n;

-- user_N owns community_N; every user is a member of five communities.
insert into membership (community_id, person_id, role, state)
select m.id, p.id, 'OWNER', 'JOINED'
from generate_series(1, 100) n join community m on m.name = 'community_' || n join person p on p.username = 'user_' || n;
insert into membership (community_id, person_id, role, state)
select m.id, p.id, 'MEMBER', 'JOINED'
from generate_series(1, 1000) n cross join generate_series(0, 4) k
join person p on p.username = 'user_' || n
join community m on m.name = 'community_' || (((n + k * 17) % 100) + 1)
on conflict do nothing;

create temporary table member_pick as
select community_id, person_id, row_number() over (partition by community_id order by person_id) - 1 as i,
       count(*) over (partition by community_id) as members
from membership;

insert into content (id, ap_id, kind, community_id, author_id, title, body, created_at, updated_at)
select gen_random_uuid(), 'https://lyceum.bench/objects/collection-' || m.name || '-' || j, 'COLLECTION', m.id, mp.person_id,
       'Collection ' || j || ' of ' || m.title, 'Resources for unit ' || j, now() - interval '60 days', now() - interval '60 days'
from community m cross join generate_series(0, 4) j
join member_pick mp on mp.community_id = m.id and mp.i = j % mp.members;

insert into content (id, ap_id, kind, community_id, author_id, collection_id, position, title, body, url, licence, language,
                     level, subject, resource_type, created_at, updated_at)
select gen_random_uuid(), 'https://lyceum.bench/objects/resource-' || col.id || '-' || j, 'RESOURCE', col.community_id,
       mp.person_id, col.id, j, 'Resource ' || j || ' in ' || col.title, 'A worksheet with answers',
       'https://example.org/resources/' || col.id || '/' || j, 'CC-BY-4.0', 'en', j % 9, '054', 'WORKSHEET',
       now() - interval '50 days' + (random() * interval '49 days'), now()
from content col cross join generate_series(0, 19) j
join member_pick mp on mp.community_id = col.community_id and mp.i = (j * 7) % mp.members
where col.kind = 'COLLECTION';

insert into content (id, ap_id, kind, community_id, author_id, title, created_at, updated_at)
select gen_random_uuid(), 'https://lyceum.bench/objects/thread-' || m.name || '-' || j, 'THREAD', m.id, mp.person_id,
       'Question ' || j || ' in ' || m.title, now() - interval '40 days' + (random() * interval '39 days'), now()
from community m cross join generate_series(0, 19) j
join member_pick mp on mp.community_id = m.id and mp.i = (j * 3) % mp.members;

-- The search trigger runs per row and reads the rows above: committed and analysed first (as after
-- any bulk load), 50 000 comments take about 20 s; in one transaction with them they took over 10 minutes.
commit;
analyze;
begin;

-- 25 comments per thread: the first one, then replies to the thread.
insert into content (id, ap_id, kind, community_id, author_id, thread_id, in_reply_to, body, created_at, updated_at)
select gen_random_uuid(), 'https://lyceum.bench/objects/comment-' || t.id || '-' || j, 'COMMENT', t.community_id, mp.person_id,
       t.id, case when j = 0 then null else t.id end, 'Comment ' || j || ': I tried this with my class.',
       t.created_at + j * interval '1 hour' + (random() * interval '30 minutes'), now()
from content t cross join generate_series(0, 24) j
join member_pick mp on mp.community_id = t.community_id and mp.i = (j * 5) % mp.members
where t.kind = 'THREAD';

insert into liking (person_id, object_id, ap_id)
select mp.person_id, r.id, 'https://lyceum.bench/likes/' || gen_random_uuid()
from (select id, community_id, row_number() over () as n from content where kind = 'RESOURCE') r
cross join generate_series(0, 2) k
join member_pick mp on mp.community_id = r.community_id and mp.i = (r.n + k * 11) % mp.members
on conflict do nothing;

-- Everyone follows three people and one collection.
insert into follow (id, ap_id, follower_id, person_id)
select gen_random_uuid(), 'https://lyceum.bench/follows/' || gen_random_uuid(), a.id, b.id
from generate_series(1, 1000) n cross join generate_series(1, 3) k
join person a on a.username = 'user_' || n join person b on b.username = 'user_' || (((n + k * 97) % 1000) + 1)
on conflict do nothing;
insert into follow (id, ap_id, follower_id, collection_id)
select gen_random_uuid(), 'https://lyceum.bench/follows/' || gen_random_uuid(), p.id, c.id
from (select id, row_number() over (order by id) - 1 as i from content where kind = 'COLLECTION') c
join person p on p.username = 'user_' || ((c.i * 2) % 1000 + 1)
on conflict do nothing;

insert into activity (id, ap_id, verb, actor_id, community_id, object_id, published_at)
select gen_random_uuid(), 'https://lyceum.bench/activities/' || c.id, 'CREATE', c.author_id, c.community_id, c.id, c.created_at
from content c order by c.created_at;

commit;
analyze;

select kind, count(*) from content group by kind order by kind;
