#!/usr/bin/env bash
# Benchmark (not a test): GraphQL search against a bare Vert.x pg-client endpoint (bench/RawSearch.java)
# that sends the same statements (page and facets, the total being the kind facet's sum; SQL from
# SearchIndex itself). At the end, createResource latency with and without the search trigger.
# Seeds bench/search-seed.sql (100 000 resources in three languages, 10 000 threads, 1 000
# communities) into a fresh database, then for each sort and each of BENCH_RUNS runs: each side's
# peak req/s (closed loop, BENCH_CONCURRENCY in flight) and p50/p99 at 70 % of that side's own peak
# (open loop, fixed schedule). The query mix (bench/Load.java, SearchMix): 50 % one to three words,
# 30 % filters only, 20 % both; totalCount and facets in every request; anonymous caller.
# Needs: psql, a PostgreSQL reachable as BENCH_PG_* (defaults: 127.0.0.1:5432, user postgres, trust
# auth), Java 17. Figures go to docs/benchmarks.md by hand, with the machine.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_HOST=${BENCH_PG_HOST:-127.0.0.1}
PG_PORT=${BENCH_PG_PORT:-5432}
PG_USER=${BENCH_PG_USER:-postgres}
DB=${BENCH_DB:-lyceum_search_bench}
APP_PORT=${BENCH_APP_PORT:-18093}
RAW_PORT=${BENCH_RAW_PORT:-18094}
export QUARKUS_MANAGEMENT_PORT=${BENCH_MANAGEMENT_PORT:-18095}
SECONDS_EACH=${BENCH_SECONDS:-20}
CONCURRENCY=${BENCH_CONCURRENCY:-16}
RUNS=${BENCH_RUNS:-3}
SORTS=${BENCH_SORTS:-RELEVANCE NEWEST POPULAR}
export BENCH_DIR=target/bench
mkdir -p "$BENCH_DIR"

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B package -DskipTests

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

psql -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
java bench/BenchTokens.java "$BENCH_DIR" 1 > /dev/null # search runs anonymously; the one user creates resources at the end

java -Dquarkus.http.port="$APP_PORT" \
  -Dquarkus.datasource.jdbc.url="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" \
  -Dquarkus.datasource.reactive.url="postgresql://$PG_HOST:$PG_PORT/$DB" \
  -Dquarkus.datasource.username="$PG_USER" \
  -Dquarkus.oidc.public-key="$(cat "$BENCH_DIR/public-key.txt")" -Dquarkus.oidc.token.issuer=bench \
  -Dlyceum.registration.policy=open -Dlyceum.rate-limit.enabled=false -Dlyceum.instance.base-url=https://lyceum.bench -Dquarkus.log.level=WARN \
  -jar target/quarkus-app/quarkus-run.jar > "$BENCH_DIR/search-app.log" 2>&1 &
pids+=($!)
for _ in $(seq 120); do curl -fs "http://localhost:$QUARKUS_MANAGEMENT_PORT/q/health/ready" > /dev/null && break; sleep 0.5; done
curl -fs "http://localhost:$QUARKUS_MANAGEMENT_PORT/q/health/ready" > /dev/null || { echo "the app did not start; see $BENCH_DIR/search-app.log"; exit 1; }

echo "seeding..."
start=$(date +%s)
psql -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$DB" -v ON_ERROR_STOP=1 -f bench/search-seed.sql
echo "seeded in $(( $(date +%s) - start )) s; index: $(psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$DB" -Atc \
  "select count(*) || ' rows, ' || pg_size_pretty(pg_total_relation_size('search_entry') + pg_total_relation_size('search_text')) from search_entry")"

java -cp "target/quarkus-app/app/*:target/quarkus-app/lib/main/*:target/quarkus-app/quarkus-run.jar:target/classes" \
  bench/RawSearch.java "$RAW_PORT" "$PG_HOST" "$PG_PORT" "$DB" "$PG_USER" > "$BENCH_DIR/raw-search.log" 2>&1 &
pids+=($!)
for _ in $(seq 60); do curl -fs "http://localhost:$RAW_PORT/search?sort=NEWEST" > /dev/null && break; sleep 0.5; done

load() { java bench/Load.java "$@"; }
GQL="search-graphql=http://localhost:$APP_PORT/graphql"
RAW="search-raw=http://localhost:$RAW_PORT/search"
rps() { echo "$1" | sed -E 's/.*: ([0-9]+) req\/s.*/\1/'; }

[ "$RUNS" -gt 0 ] && echo "warming up (JIT, statement caches)..."
for sort in $( [ "$RUNS" -gt 0 ] && echo "$SORTS" ); do
  BENCH_SORT=$sort load max "$GQL" 10 "$CONCURRENCY" > /dev/null
  BENCH_SORT=$sort load max "$RAW" 10 "$CONCURRENCY" > /dev/null
done
for run in $(seq "$RUNS"); do
  for sort in $SORTS; do
    export BENCH_SORT=$sort
    peak_gql=$(load max "$GQL" "$SECONDS_EACH" "$CONCURRENCY")
    peak_raw=$(load max "$RAW" "$SECONDS_EACH" "$CONCURRENCY")
    at_gql=$(load rate "$GQL" "$SECONDS_EACH" $(( $(rps "$peak_gql") * 70 / 100 )))
    at_raw=$(load rate "$RAW" "$SECONDS_EACH" $(( $(rps "$peak_raw") * 70 / 100 )))
    echo "run $run $sort | $peak_gql | $peak_raw | ratio $(( 100 * $(rps "$peak_gql") / $(rps "$peak_raw") )) % | $at_gql | $at_raw"
  done
done
# createResource latency with and without the search trigger (the index's cost on writes): one
# mutation at a time, as a teacher adds resources, into a collection of the seeded database.
url="http://localhost:$APP_PORT/graphql"
token=$(head -1 "$BENCH_DIR/tokens.txt" | cut -d' ' -f2)
export BENCH_COLLECTION=$(java bench/CreateResource.java "$url" "$token" setup 0)
java bench/CreateResource.java "$url" "$token" warm-up 200 > /dev/null
pg() { psql -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$DB" -c "$1"; }
for round in 1 2 3; do
  java bench/CreateResource.java "$url" "$token" "indexed-$round" 300
  pg "alter table content disable trigger search_content"
  java bench/CreateResource.java "$url" "$token" "not-indexed-$round" 300
  pg "alter table content enable trigger search_content"
done
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"
