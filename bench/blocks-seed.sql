-- Seeds blocks for bench/homefeed.sh with BENCH_BLOCKS=N (psql variable :blocks): N people of
-- another server (blocked.example) who write nothing, each blocked (every fourth muted) by every
-- seeded person, so every feed row probes a populated person_block (N rows per viewer) while the
-- feed's items stay the same: the figure shows what the filter costs, not fewer items.
begin;

insert into person (id, ap_id, username, host, display_name, created_at, updated_at)
select gen_random_uuid(), 'https://blocked.example/users/b' || k, 'b' || k, 'blocked.example', 'Blocked ' || k, now(), now()
from generate_series(1, :blocks) k;

insert into person_block (blocker_id, blocked_id, blocked_type, mute)
select p.id, b.id, 'PERSON', substr(b.username, 2)::int % 4 = 0
from person p cross join person b
where p.username like 'user\_%' and b.host = 'blocked.example';

-- And one domain block each, so that part of the predicate has rows too.
insert into person_domain_block (person_id, domain)
select p.id, 'blocked.example' from person p where p.username like 'user\_%';

-- Kept aside too, for bench/homefeed.sh to take the blocks out and put them back between runs.
create table bench_person_block as
select * from person_block where blocked_id in (select id from person where host = 'blocked.example');
create table bench_person_domain_block as
select * from person_domain_block where domain = 'blocked.example';

commit;
analyze person_block;
analyze person_domain_block;

select count(*) as person_blocks from person_block;
