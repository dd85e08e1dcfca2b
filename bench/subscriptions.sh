#!/usr/bin/env bash
# Benchmark (not a test): GraphQL subscriptions. BENCH_THREADS (100) threads with BENCH_PER_THREAD
# (20) commentAdded subscriptions each, one WebSocket per subscription (2 000, five per person), on
# one instance of the packaged app; comments written through createReply at a fixed BENCH_RATE
# (100) per second spread over the threads for BENCH_SECONDS (20), after BENCH_WARMUP_SECONDS (10) at
# that rate that are not recorded: p50/p99 from the mutation being
# sent to each subscriber receiving the comment (an upper bound of commit to client); then writes
# with 64 in flight for BENCH_SATURATION_SECONDS (15): messages per second received. Heap per idle
# subscription: used heap after a full GC with every subscription open minus before any, divided by
# their number. Baseline in the same run: bench/RawPush.java, a bare Vert.x WebSocket server pushing
# the same next message to the same subscribers for each POST /publish, under the same load.
# Needs: psql, a PostgreSQL reachable as BENCH_PG_* (defaults: 127.0.0.1:5432, user postgres, trust
# auth), curl, Java 17 with jcmd and jstat, the packaged app (with it there it runs no Maven, so it
# can run under a build lock). Figures go to docs/benchmarks.md by hand, with the machine.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_HOST=${BENCH_PG_HOST:-127.0.0.1}
PG_PORT=${BENCH_PG_PORT:-5432}
PG_USER=${BENCH_PG_USER:-postgres}
DB=${BENCH_DB:-lyceum_subscriptions_bench}
APP_PORT=${BENCH_APP_PORT:-18130}
export QUARKUS_MANAGEMENT_PORT=${BENCH_MANAGEMENT_PORT:-18131}
RAW_PORT=${BENCH_RAW_PORT:-18132}
THREADS=${BENCH_THREADS:-100}
PER_THREAD=${BENCH_PER_THREAD:-20}
RATE=${BENCH_RATE:-100}
SECONDS_AT_RATE=${BENCH_SECONDS:-20}
SATURATION=${BENCH_SATURATION_SECONDS:-15}
WARMUP=${BENCH_WARMUP_SECONDS:-10}
read -r -a JAVA_FLAGS <<< "${BENCH_JAVA_FLAGS:--XX:+UseSerialGC -Xms32m -XX:MaxRAMPercentage=75}"
export BENCH_DIR=target/bench
WORK=$BENCH_DIR/subscriptions
SUBS=$((THREADS * PER_THREAD))

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B package -DskipTests

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

rm -rf "$WORK" && mkdir -p "$WORK"
java bench/BenchTokens.java "$WORK" $((SUBS / 5 + 1)) > /dev/null
writer=$(head -1 "$WORK/tokens.txt" | cut -d' ' -f2)
cp=target/quarkus-app/lib/main/*
javac -cp "$cp" -d "$WORK/classes" bench/SubscriptionLoad.java

# Used heap (KiB) after a full GC: survivor, eden and old generation as jstat reports them.
heap_kb() { jcmd "$1" GC.run > /dev/null; jcmd "$1" GC.run > /dev/null; sleep 1; jstat -gc "$1" | awk 'NR == 2 { printf "%.0f", $3 + $4 + $6 + $8 }'; }

run_load() { # $1 lyceum|raw, $2 port, $3 pid of the server
  rm -f "$WORK/subscribed" "$WORK/go"
  local before after
  before=$(heap_kb "$3")
  java "${JAVA_FLAGS[@]}" -cp "$WORK/classes:$cp" SubscriptionLoad "$1" "$2" "$WORK" "$PER_THREAD" "$RATE" \
    "$SECONDS_AT_RATE" "$SATURATION" "$WARMUP" > "$WORK/load-$1.txt" 2> "$WORK/load-$1.err" &
  local load=$!
  for _ in $(seq 1200); do [ -f "$WORK/subscribed" ] && break; sleep 0.1; done
  after=$(heap_kb "$3")
  # BENCH_HISTOGRAM=1: the classes on the heap with every subscription idle, for finding what they cost.
  [ -n "${BENCH_HISTOGRAM:-}" ] && jcmd "$3" GC.class_histogram | head -60 > "$WORK/histogram-$1.txt"
  touch "$WORK/go"
  wait "$load"
  cat "$WORK/load-$1.txt" | tee -a "$WORK/results.txt"
  awk -v b="$before" -v a="$after" -v n="$SUBS" -v m="$1" \
    'BEGIN { printf "%s heap: %.0f KiB before, %.0f KiB with %d idle subscriptions: %.1f KiB each\n", m, b, a, n, (a - b) / n }' \
    | tee -a "$WORK/results.txt"
}

psql -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
java "${JAVA_FLAGS[@]}" -Dquarkus.http.port="$APP_PORT" \
  -Dquarkus.datasource.jdbc.url="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" \
  -Dquarkus.datasource.reactive.url="postgresql://$PG_HOST:$PG_PORT/$DB" \
  -Dquarkus.datasource.username="$PG_USER" \
  -Dquarkus.oidc.public-key="$(cat "$WORK/public-key.txt")" -Dquarkus.oidc.token.issuer=bench \
  -Dlyceum.registration.policy=open -Dlyceum.rate-limit.enabled=false -Dlyceum.instance.base-url=https://lyceum.bench -Dquarkus.log.level=WARN \
  -Dlyceum.data-dir="$WORK/app" -Dlyceum.jobs.enabled=false \
  -jar target/quarkus-app/quarkus-run.jar > "$WORK/app.log" 2>&1 &
app_pid=$!
pids+=("$app_pid")
for _ in $(seq 120); do curl -fs "http://localhost:$QUARKUS_MANAGEMENT_PORT/q/health/ready" > /dev/null && break; sleep 0.5; done
curl -fs "http://localhost:$QUARKUS_MANAGEMENT_PORT/q/health/ready" > /dev/null || { echo "the app did not start; see $WORK/app.log"; exit 1; }

gql() { curl -fs "http://127.0.0.1:$APP_PORT/graphql" -H 'content-type: application/json' -H "authorization: Bearer $writer" -d "$1"; }
community=$(gql '{"query":"mutation($input: CreateCommunityInput!) { createCommunity(input: $input) { community { id } } }","variables":{"input":{"name":"bench_live","title":"Live bench","visibility":"PUBLIC"}}}' \
  | sed 's/.*"id":"\([^"]*\)".*/\1/')
: > "$WORK/threads.txt"
for n in $(seq "$THREADS"); do
  gql '{"query":"mutation($input: CreateThreadInput!) { createThread(input: $input) { thread { id } } }","variables":{"input":{"communityId":"'"$community"'","title":"Thread '"$n"'","content":"Go"}}}' \
    | sed 's/.*"id":"\([^"]*\)".*/\1/' >> "$WORK/threads.txt"
  echo >> "$WORK/threads.txt" # the answer ends without a newline
done

run_load lyceum "$APP_PORT" "$app_pid"
curl -s "http://localhost:$QUARKUS_MANAGEMENT_PORT/q/metrics" | grep '^lyceum_subscription_events_dropped_total' | tee -a "$WORK/results.txt" || true
kill "$app_pid"; wait "$app_pid" 2>/dev/null || true

java "${JAVA_FLAGS[@]}" -cp "$cp" bench/RawPush.java "$RAW_PORT" > "$WORK/raw.log" 2>&1 &
raw_pid=$!
pids+=("$raw_pid")
for _ in $(seq 60); do grep -q listening "$WORK/raw.log" && break; sleep 0.5; done
run_load raw "$RAW_PORT" "$raw_pid"
echo "results in $WORK/results.txt"
