#!/usr/bin/env bash
# SQL-level timings of search (not the HTTP benchmark with a baseline that issue 14 asks for as
# bench/search.sh): a fresh database migrated with psql, bench/search-seed.sql through the search
# triggers (timed, with and without the trigger for 10 000 more resources), then each statement of
# bench/search-queries.sql three times with \timing. Needs psql and a PostgreSQL 15+ reachable as
# BENCH_PG_* (defaults: 127.0.0.1:5432, user postgres, trust auth).
set -euo pipefail
cd "$(dirname "$0")/.."
PG=(-h "${BENCH_PG_HOST:-127.0.0.1}" -p "${BENCH_PG_PORT:-5432}" -U "${BENCH_PG_USER:-postgres}")
DB=${BENCH_DB:-lyceum_search_bench}
psql "${PG[@]}" -q -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
for f in $(ls src/main/resources/db/migration/V*.sql | sort -V); do
  psql "${PG[@]}" -q -d "$DB" -v ON_ERROR_STOP=1 -f "$f" > /dev/null
done
echo "seeding (113 000 index rows)..."
/usr/bin/time -f "seed: %e s" psql "${PG[@]}" -q -d "$DB" -v ON_ERROR_STOP=1 -f bench/search-seed.sql
psql "${PG[@]}" -d "$DB" -Atc "select 'index: ' || count(*) || ' rows, ' || pg_size_pretty(pg_total_relation_size('search_entry') + pg_total_relation_size('search_text')) from search_entry"
more="insert into content (id, ap_id, kind, community_id, author_id, collection_id, position, url, title, body, language, subject, level, licence)
  select gen_random_uuid(), 'x:more' || g, 'RESOURCE', col.community_id, col.author_id, col.id, g, 'https://e/' || g, 'Fractions ' || g,
  'Practise adding fractions', 'en', '054', 1, 'CC-BY-4.0' from generate_series(1, 10000) g
  join (select id, community_id, author_id, row_number() over () n from content where kind = 'COLLECTION') col on col.n = 1 + g % 1000"
echo "10 000 resource inserts, with the search trigger, then without (rolled back):"
psql "${PG[@]}" -d "$DB" -q -c '\timing on' -c "begin" -c "$more" -c "rollback" | grep -E "^Time" | sed -n 2p
psql "${PG[@]}" -d "$DB" -q -c '\timing on' -c "alter table content disable trigger search_content" -c "begin" -c "$more" -c "rollback" \
  -c "alter table content enable trigger search_content" | grep -E "^Time" | sed -n 3p
for run in 1 2 3; do
  echo "run $run: (two words, one common word, browse all, browse Spanish) x (page, count, facets), ms:"
  psql "${PG[@]}" -d "$DB" -q -c '\timing on' -f bench/search-queries.sql | grep -E "^Time" | tr '\n' ' '; echo
done
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(psql "${PG[@]}" -Atc 'show server_version' -d postgres), $(date -u +%F)"
