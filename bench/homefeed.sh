#!/usr/bin/env bash
# Benchmark (not a test): GraphQL homeFeed(first: 20) with real tokens, against a bare Vert.x
# pg-client endpoint (bench/RawFeed.java) that sends the same statements. Seeds 1 000 users,
# 100 communities, 10 000 resources and 50 000 comments into a fresh database, finds each side's
# peak req/s (closed loop), then measures p50/p99 at 70 % of that peak (open loop, fixed rate).
# Needs: psql, a PostgreSQL reachable as BENCH_PG_* (defaults: 127.0.0.1:5432, user postgres,
# trust auth), Java 17. Figures go to docs/benchmarks.md by hand, with the machine.
# BENCH_BLOCKS=100 then also compares, in the same invocation, GraphQL's peak without blocks and
# with that many blocks per seeded person (bench/blocks-seed.sql), median of BENCH_RUNS (3) each,
# the runs alternating.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_HOST=${BENCH_PG_HOST:-127.0.0.1}
PG_PORT=${BENCH_PG_PORT:-5432}
PG_USER=${BENCH_PG_USER:-postgres}
DB=${BENCH_DB:-lyceum_bench}
APP_PORT=${BENCH_APP_PORT:-18090}
RAW_PORT=${BENCH_RAW_PORT:-18091}
# Health is on the app's management interface.
export QUARKUS_MANAGEMENT_PORT=${BENCH_MANAGEMENT_PORT:-18092}
SECONDS_EACH=${BENCH_SECONDS:-30}
BLOCKS=${BENCH_BLOCKS:-0}
RUNS=${BENCH_RUNS:-3}
CONCURRENCY=${BENCH_CONCURRENCY:-32}
export BENCH_DIR=target/bench
mkdir -p "$BENCH_DIR"

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B package -DskipTests

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

psql -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
java bench/BenchTokens.java "$BENCH_DIR" 1000

# BENCH_JFR=1 records a Java Flight Recorder profile of the app: bench/profile.sh summarises it.
jfr=()
[ -n "${BENCH_JFR:-}" ] && jfr=(-XX:StartFlightRecording=filename="$BENCH_DIR/app.jfr",settings=profile)
java "${jfr[@]}" -Dquarkus.http.port="$APP_PORT" \
  -Dquarkus.datasource.jdbc.url="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" \
  -Dquarkus.datasource.reactive.url="postgresql://$PG_HOST:$PG_PORT/$DB" \
  -Dquarkus.datasource.username="$PG_USER" \
  -Dquarkus.oidc.public-key="$(cat "$BENCH_DIR/public-key.txt")" -Dquarkus.oidc.token.issuer=bench \
  -Dlyceum.registration.policy=open -Dlyceum.rate-limit.enabled=false -Dlyceum.instance.base-url=https://lyceum.bench \
  -Dquarkus.log.level=WARN \
  -jar target/quarkus-app/quarkus-run.jar > "$BENCH_DIR/app.log" 2>&1 &
pids+=($!)
for _ in $(seq 120); do curl -fs "http://localhost:$QUARKUS_MANAGEMENT_PORT/q/health/ready" > /dev/null && break; sleep 0.5; done
curl -fs "http://localhost:$QUARKUS_MANAGEMENT_PORT/q/health/ready" > /dev/null || { echo "the app did not start; see $BENCH_DIR/app.log"; exit 1; }

echo "seeding..."
time psql -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$DB" -v ON_ERROR_STOP=1 -f bench/seed.sql

java -cp "target/quarkus-app/app/*:target/quarkus-app/lib/main/*" bench/RawFeed.java "$RAW_PORT" "$PG_HOST" "$PG_PORT" "$DB" "$PG_USER" \
  > "$BENCH_DIR/raw.log" 2>&1 &
pids+=($!)
for _ in $(seq 60); do curl -fs "http://localhost:$RAW_PORT/feed?subject=bench-user-1" > /dev/null && break; sleep 0.5; done

load() { java bench/Load.java "$@"; }
GQL="graphql=http://localhost:$APP_PORT/graphql"
RAW="raw=http://localhost:$RAW_PORT/feed"

echo "warming up (JIT, statement caches)..."
load max "$GQL" 20 "$CONCURRENCY" > /dev/null
load max "$RAW" 20 "$CONCURRENCY" > /dev/null

peak_gql=$(load max "$GQL" "$SECONDS_EACH" "$CONCURRENCY"); echo "$peak_gql"
peak_raw=$(load max "$RAW" "$SECONDS_EACH" "$CONCURRENCY"); echo "$peak_raw"
rps() { echo "$1" | sed -E 's/.*: ([0-9]+) req\/s.*/\1/'; }
rate_gql=$(( $(rps "$peak_gql") * 70 / 100 ))
rate_raw=$(( $(rps "$peak_raw") * 70 / 100 ))
load rate "$GQL" "$SECONDS_EACH" "$rate_gql"
load rate "$RAW" "$SECONDS_EACH" "$rate_raw"
echo "GraphQL/raw peak ratio: $(( 100 * $(rps "$peak_gql") / $(rps "$peak_raw") )) %"

if [ "$BLOCKS" -gt 0 ]; then
  # Runs alternate without and with blocks (the rows are put back and taken out between them), so
  # that the app still warming up (JIT) does not favour whichever side is measured last.
  sql() { psql -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$DB" -v ON_ERROR_STOP=1 "$@"; }
  echo "seeding $BLOCKS blocks per person..."
  sql -v blocks="$BLOCKS" -f bench/blocks-seed.sql
  blocks() {
    sql -c "delete from person_block where blocked_id in (select id from person where host = 'blocked.example')" \
      -c "delete from person_domain_block where domain = 'blocked.example'"
    [ "$1" = off ] || sql -c "insert into person_block select * from bench_person_block" \
      -c "insert into person_domain_block select * from bench_person_domain_block"
    sql -c "vacuum analyze person_block" -c "vacuum analyze person_domain_block"
    load max "$GQL" 5 "$CONCURRENCY" > /dev/null
  }
  peak() { local out; out=$(load max "$GQL" "$SECONDS_EACH" "$CONCURRENCY") || return; rps "$out"; }
  median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
  load max "$GQL" 60 "$CONCURRENCY" > /dev/null
  without=(); with=()
  for _ in $(seq "$RUNS"); do
    blocks off; without+=("$(peak)")
    blocks on; with+=("$(peak)")
  done
  echo "GraphQL peaks without blocks: ${without[*]}; with $BLOCKS blocks per person: ${with[*]} (req/s, alternating)"
  w=$(median "${without[@]}"); b=$(median "${with[@]}")
  echo "GraphQL peak, median of $RUNS: $w req/s without blocks, $b req/s with $BLOCKS blocks per person:" \
    "$(( 100 * b / w )) % (the Done-when of issue 17: at least 90 %)"
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"
