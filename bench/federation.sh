#!/usr/bin/env bash
# Benchmark (not a test) of federation on one Lyceum instance, in one run:
#  1. baseline: RSA-2048 SHA256withRSA draft-cavage signatures/s of this JVM on 1 thread and on
#     every core (bench/federation/SignRate.java); each delivery attempt needs one.
#  2. fan-out: one thread created in a local community with INBOXES (default 10 000) remote members
#     spread over HOSTS (default 100) stub servers (bench/federation/StubInboxes.java, which counts
#     POSTs and duplicates): case A every member with a personal inbox (2 × INBOXES deliveries:
#     Announce(Create(Page)) and Announce(Page)), case B the members of a host sharing one shared
#     inbox (2 × HOSTS). Timed from the activity row's insert to the stub's last POST.
#     Before case A a first fan-out (WARMUP=1) compiles the delivery path, as SignRate warms up too.
#  3. inbox: LIKES (default 5 000) signed Likes of that thread POSTed to /inbox by ACTORS remote
#     actors (bench/federation/InboxBlast.java, pre-signed, keys pre-seeded so Lyceum fetches
#     nothing): 202s per second, then processed activities per second (inbox_activity DONE).
# Smoke scale: INBOXES=200 HOSTS=10 LIKES=200. The packaged app is taken from LYCEUM_BENCH_APP
# (default target/quarkus-app; copy it elsewhere if a build may replace it during the run).
# BENCH_JFR=1 records a JFR profile of the app. Needs psql and the PostgreSQL at LYCEUM_BENCH_PG
# (default postgresql://postgres@127.0.0.1:5432).
set -euo pipefail
cd "$(dirname "$0")/.."
INBOXES=${INBOXES:-10000}
HOSTS=${HOSTS:-100}
LIKES=${LIKES:-5000}
ACTORS=${ACTORS:-$LIKES}          # one Like per actor by default: every Like then writes a liking row
KEYS=${KEYS:-8}                   # distinct RSA key pairs shared among the actors (each actor still has its own key id)
BLAST_CONCURRENCY=${BLAST_CONCURRENCY:-16}
SIGN_SECONDS=${SIGN_SECONDS:-3}
WARMUP=${WARMUP:-1}               # 1: one untimed-for-comparison fan-out first, so case A runs on compiled code
DELIVERY_HOSTS_PER_INSTANCE=${DELIVERY_HOSTS_PER_INSTANCE:-8}   # the app's defaults, passed explicitly so the summary names them
DELIVERY_IN_FLIGHT_PER_HOST=${DELIVERY_IN_FLIGHT_PER_HOST:-4}
TIMEOUT=${TIMEOUT:-1800}
APP=${LYCEUM_BENCH_APP:-target/quarkus-app}
PG=${LYCEUM_BENCH_PG:-postgresql://postgres@127.0.0.1:5432}
DB=lyceum_bench_federation
work=$(mktemp -d)
load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)   # anything else running on the machine skews every figure below
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
trap 'exit 130' INT TERM

[ -f "$APP/quarkus-run.jar" ] || { echo "no $APP/quarkus-run.jar: build first (./mvnw package -DskipTests)" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
uuid() { cat /proc/sys/kernel/random/uuid; }
q() { psql -qtA -F' ' -v ON_ERROR_STOP=1 "$PG/$DB" "$@"; }
ratio() { awk -v n="$1" -v d="$2" 'BEGIN { printf (d > 0 ? "%.0f" : "-"), (d > 0 ? n / d : 0) }'; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.2f", ms / 1000 }'; }
# CPU ticks (1/100 s) used so far: by one process, by every PostgreSQL process (with its exited backends), by the machine.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
pg_ticks() { local t=0 p; for p in $(pgrep -u postgres); do t=$(( t + $(awk '{print $14 + $15 + $16 + $17}' "/proc/$p/stat" 2>/dev/null || echo 0) )); done; echo $t; }
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
cpu_snapshot() { echo "$(ticks "$app") $(ticks "$stub") $(pg_ticks) $(busy_ticks) $(date +%s%N)"; }
# The app's CPU ticks per kind of thread (digits dropped from names: every event loop is one kind), as name=ticks words.
thread_ticks() {
  local t
  for t in /proc/"$app"/task/*; do
    printf '%s %s\n' "$(tr -d '0-9 #' < "$t/comm" 2>/dev/null)" "$(sed 's/.*) //' "$t/stat" 2>/dev/null | awk '{print $12 + $13}')"
  done | awk 'NF == 2 {s[$1] += $2} END {for (k in s) printf "%s=%d ", k, s[k]}'
}

# --- 1. Baseline, while nothing else of the benchmark runs -------------------------------------------
echo "== 1. signing baseline"
java bench/federation/SignRate.java "$SIGN_SECONDS" 1500 | tee "$work/sign.txt"
sign1=$(awk '/signatures\/s 1 thread/ {print $NF}' "$work/sign.txt")
signN=$(awk '/signatures\/s [0-9]+ threads/ {print $NF}' "$work/sign.txt")
cores=$(nproc)

# --- 2. Fan-out -----------------------------------------------------------------------------------------
echo "== 2. fan-out: $INBOXES remote members on $HOSTS stub hosts"
java bench/federation/StubInboxes.java "$HOSTS" "$work/ports.txt" "$work/stub.txt" > "$work/stub.log" 2>&1 & pids+=($!)
stub=$!
until [ -s "$work/ports.txt" ] && [ -s "$work/stub.txt" ]; do sleep 0.2; done

psql -q "$PG/postgres" -c "drop database if exists $DB" -c "create database $DB"
port=$(free_port)
base=http://127.0.0.1:$port
mport=$(free_port)  # the management interface: readiness
env QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://${PG#postgresql://*@}/$DB" \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://${PG#postgresql://*@}/$DB" \
  QUARKUS_DATASOURCE_USERNAME="${LYCEUM_BENCH_PG_USER:-postgres}" \
  QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$mport LYCEUM_INSTANCE_BASE_URL=$base LYCEUM_JOBS_ENABLED=true LYCEUM_RATE_LIMIT_ENABLED=false \
  LYCEUM_FEDERATION_PRIVATE_ADDRESS_ALLOWLIST=127.0.0.1 LYCEUM_FEDERATION_DELIVERY_POLL=1s \
  LYCEUM_FEDERATION_DELIVERY_HOSTS_PER_INSTANCE=$DELIVERY_HOSTS_PER_INSTANCE \
  LYCEUM_FEDERATION_DELIVERY_IN_FLIGHT_PER_HOST=$DELIVERY_IN_FLIGHT_PER_HOST \
  java -Xmx512m ${BENCH_JFR:+-XX:StartFlightRecording=filename=$work/app.jfr,settings=profile} \
    -jar "$APP/quarkus-run.jar" > "$work/app.log" 2>&1 & pids+=($!)
app=$!
until curl -sf "http://127.0.0.1:$mport/q/health/ready" >/dev/null; do
  kill -0 $app 2>/dev/null || { echo "the app exited:"; tail -30 "$work/app.log"; exit 1; }
  sleep 0.5
done

community=$(uuid)
author=$(uuid)
q <<SQL
create temp table stub_port (n serial, port int);
\copy stub_port (port) from '$work/ports.txt'
insert into person (id, ap_id, username, display_name) values ('$author', '$base/people/$author', 'author', 'Author');
insert into community (id, ap_id, name, title) values ('$community', '$base/communities/$community', 'bench', 'Bench room');
insert into membership (community_id, person_id, role, state) values ('$community', '$author', 'OWNER', 'JOINED');
-- Remote people as a fetch would have stored them (fetched now, so nothing refetches them), round-robin over the stub hosts.
insert into person (id, ap_id, username, host, display_name, inbox, shared_inbox, fetched_at)
  select gen_random_uuid(), 'http://127.0.0.1:' || s.port || '/users/' || i, 'u' || i, '127.0.0.1:' || s.port, 'Remote ' || i,
         'http://127.0.0.1:' || s.port || '/users/' || i || '/inbox', null, now()
  from generate_series(1, $INBOXES) i join stub_port s on s.n = 1 + i % $HOSTS;
insert into membership (community_id, person_id, role, state)
  select '$community', id, 'MEMBER', 'JOINED' from person where host is not null;
analyze;
SQL
# The group's key pair is made on first need (an RSA key generation); asking for its actor document makes it now, outside the timing.
curl -sf -H 'Accept: application/activity+json' "$base/communities/$community" > /dev/null

# What DiscussionService.createThread writes in one transaction: the thread, its first comment (the Page's content), the CREATE activity.
body="A benchmark thread. $(printf 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. %.0s' {1..8})"
create_thread() {
  local thread comment activity
  thread=$(uuid) comment=$(uuid) activity=$(uuid)
  q > /dev/null <<SQL
begin;
insert into content (id, ap_id, kind, community_id, author_id, about_id, title, created_at, updated_at)
  values ('$thread', '$base/objects/$thread', 'THREAD', '$community', '$author', null, 'Bench thread $1', now(), now());
insert into content (id, ap_id, kind, community_id, author_id, thread_id, body, created_at, updated_at)
  values ('$comment', '$base/objects/$comment', 'COMMENT', '$community', '$author', '$thread', '$body', now(), now());
insert into activity (id, ap_id, verb, actor_id, community_id, object_id, target_person_id, undoes)
  values ('$activity', '$base/activities/$activity', 'CREATE', '$author', '$community', '$thread', null, null);
commit;
SQL
  echo "$activity $thread"
}

# Waits until the stub has $3 POSTs of activity $2 and the app has marked as many delivered (bounded); prints the case's figures.
measure_case() {
  local label=$1 activity=$2 expected=$3 count=0 first=0 last=0 start shown cpu_end threads_end
  start=$(date +%s) shown=$start
  while :; do
    read -r count first last < <(awk -v a="$activity" '$1 == "activity" && $2 == a {print $3, $4, $5}' "$work/stub.txt") || true
    [ "${count:-0}" -ge "$expected" ] && break
    if [ $(( $(date +%s) - shown )) -ge 10 ]; then
      shown=$(date +%s); echo "   ... $label: ${count:-0} of $expected POSTs so far"
    fi
    [ $(( $(date +%s) - start )) -gt "$TIMEOUT" ] && { echo "timed out: ${count:-0} of $expected"; exit 1; }
    sleep 0.2
  done
  cpu_end=$(cpu_snapshot) threads_end=$(thread_ticks)
  local like="$base/activities/$activity/%" delivered=0 states
  for _ in $(seq 1 60); do
    delivered=$(q -c "select count(*) from delivery where activity_id like '$like' and state = 'DELIVERED'")
    [ "$delivered" -ge "$expected" ] && break
    sleep 0.5
  done
  states=$(q -c "select string_agg(state || ' ' || n || ' (attempts ' || a || ')', ', ') from (select state, count(*) n, sum(attempts) a
                 from delivery where activity_id like '$like' group by state) s")
  read -r inserted federated < <(q -c "select (extract(epoch from published_at) * 1000)::bigint,
                 (extract(epoch from federated_at) * 1000)::bigint from activity where id = '$activity'")
  local total_ms=$(( last - inserted )) spread_ms=$(( last - first ))
  local rate; rate=$(ratio "$((expected * 1000))" "$total_ms")
  printf '%s\n' "$label: $count POSTs (expected $expected), insert to last POST $(secs $total_ms) s = $rate deliveries/s" \
    "   $(awk -v r="$rate" -v s="$signN" 'BEGIN { printf "%.1f", 100 * r / s }')% of the $cores-thread signing rate;" \
    "   insert to publisher pick-up (federated_at) $(secs $((federated - inserted))) s, to first POST $(secs $((first - inserted))) s;" \
    "   first to last POST $(secs $spread_ms) s = $(ratio "$((expected * 1000))" "$spread_ms") deliveries/s;" \
    "$(cpu_report "$cpu_start" "$cpu_end" "$expected")" \
    "$(thread_report "$threads_start" "$threads_end")" \
    "   delivery rows: $states; stub duplicates so far $(awk '/^duplicates/ {print $2}' "$work/stub.txt"), unsigned $(awk '/^unsigned/ {print $2}' "$work/stub.txt")" \
    | tee -a "$work/results.txt"
}

# Where the cores went between two snapshots: CPU seconds of the app, the stubs, PostgreSQL and everything
# else, and the app's CPU milliseconds per delivery next to one signature's (1 / the 1-thread signing rate).
cpu_report() {
  local a b; read -r -a a <<< "$1"; read -r -a b <<< "$2"
  awk -v app=$(( b[0] - a[0] )) -v stub=$(( b[1] - a[1] )) -v pg=$(( b[2] - a[2] )) -v busy=$(( b[3] - a[3] )) \
      -v ns=$(( b[4] - a[4] )) -v n="$3" -v sign1="$sign1" -v cores="$cores" 'BEGIN {
    wall = ns / 1e9; rest = busy - app - stub - pg; if (rest < 0) rest = 0
    printf "   CPU over %.1f s wall (%.1f core-s): app %.1f s, stubs %.1f s, PostgreSQL %.1f s, rest %.1f s, idle %.1f s;\n",
      wall, wall * cores, app / 100, stub / 100, pg / 100, rest / 100, wall * cores - busy / 100
    printf "   app CPU per delivery %.2f ms, of which one signature %.2f ms (%.0f %%)", 10 * app / n, 1000 / sign1, 100 * (1000 / sign1) / (10 * app / n) }'
}
# The app's threads that used the most CPU between two thread_ticks, in seconds.
thread_report() {
  awk -v a="$1" -v b="$2" 'BEGIN {
    n = split(a, x, " "); for (i = 1; i <= n; i++) { split(x[i], kv, "="); before[kv[1]] = kv[2] }
    n = split(b, x, " "); for (i = 1; i <= n; i++) { split(x[i], kv, "="); d = kv[2] - before[kv[1]]; if (d > 0) print d, kv[1] }
  }' | sort -rn | head -6 | awk 'BEGIN { printf "   app threads:" } { printf " %s %.1f s,", $2, $1 / 100 } END { print "" }' | sed 's/,$//'
}

# A first fan-out warms the JIT up (the signing baseline is measured warm too); its figures are shown, not compared.
if [ "$WARMUP" = 1 ]; then
  cpu_start=$(cpu_snapshot) threads_start=$(thread_ticks)
  created=$(create_thread W)
  read -r activity_w _ <<< "$created"
  measure_case "warm-up, personal inboxes (JIT compiling)" "$activity_w" $((2 * INBOXES))
fi

cpu_start=$(cpu_snapshot) threads_start=$(thread_ticks)
created=$(create_thread A)   # an assignment, so a failed insert stops the script (set -e)
read -r activity_a thread_a <<< "$created"
measure_case "case A, personal inboxes" "$activity_a" $((2 * INBOXES))
awk '/^per_port_min_max/ {print "   POSTs per stub host so far: min " $2 ", max " $3}' "$work/stub.txt" | tee -a "$work/results.txt"
echo "   average POST body $(awk '/^average_bytes/ {print $2}' "$work/stub.txt") bytes" | tee -a "$work/results.txt"

q -c "update person set shared_inbox = 'http://' || host || '/inbox' where host is not null" > /dev/null
hosts_used=$(( INBOXES < HOSTS ? INBOXES : HOSTS ))
cpu_start=$(cpu_snapshot) threads_start=$(thread_ticks)
created=$(create_thread B)
read -r activity_b _ <<< "$created"
measure_case "case B, shared inboxes" "$activity_b" $((2 * hosts_used))

# --- 3. Inbox processing ---------------------------------------------------------------------------------
echo "== 3. inbox: $LIKES signed Likes from $ACTORS remote actors, $BLAST_CONCURRENCY in flight"
# The likers live on a port nothing listens on, a host marked DEAD: each processed Like is announced by the
# group to its remote members (here the likers, one shared inbox), and those deliveries are written but
# held, so sending them (measured above) does not compete with the inbox. Step 2's members are removed
# first, or every Like would fan out to all of them.
lhost=127.0.0.1:$(free_port)
java bench/federation/InboxBlast.java keys "$KEYS" "$work/keys.txt"
q > /dev/null <<SQL
delete from membership m using person p where p.id = m.person_id and p.host is not null;
create temp table bench_key (n serial, private_b64 text, public_b64 text);
\copy bench_key (private_b64, public_b64) from '$work/keys.txt'
insert into person (id, ap_id, username, host, display_name, inbox, shared_inbox, fetched_at)
  select gen_random_uuid(), 'http://$lhost/users/' || i, 'liker' || i, '$lhost', 'Liker ' || i,
         'http://$lhost/users/' || i || '/inbox', 'http://$lhost/inbox', now()
  from generate_series(1, $ACTORS) i;
insert into actor_key (actor_id, key_id, public_pem)
  select 'http://$lhost/users/' || i, 'http://$lhost/users/' || i || '#main-key',
         '-----BEGIN PUBLIC KEY-----' || chr(10) || k.public_b64 || chr(10) || '-----END PUBLIC KEY-----' || chr(10)
  from generate_series(1, $ACTORS) i join bench_key k on k.n = 1 + i % $KEYS;
insert into membership (community_id, person_id, role, state)
  select '$community', id, 'MEMBER', 'JOINED' from person where host = '$lhost';
insert into federation_host (host, state) values ('$lhost', 'DEAD');
analyze;
SQL
java bench/federation/InboxBlast.java send "$base" "$base/objects/$thread_a" "http://$lhost" "$LIKES" "$ACTORS" \
  "$BLAST_CONCURRENCY" "$work/keys.txt" | tee "$work/blast.txt"
grep '^ACCEPTED' "$work/blast.txt" | sed 's/^/inbox: /' >> "$work/results.txt"
start=$(date +%s)
while [ "$(q -c "select count(*) from inbox_activity where state = 'PENDING'")" -gt 0 ]; do
  [ $(( $(date +%s) - start )) -gt "$TIMEOUT" ] && { echo "timed out waiting for inbox processing"; exit 1; }
  sleep 0.5
done
# The group's announces of the Likes are written by the publisher after processing; wait for them too (bounded).
for _ in $(seq 1 120); do
  [ "$(q -c "select count(*) from activity where verb = 'LIKE' and federated_at is null")" -eq 0 ] && break
  sleep 0.5
done
q -c "select 'inbox: ' || count(*) || ' stored, ' || count(*) filter (where state = 'DONE') || ' DONE'
        || coalesce(' (' || string_agg(distinct state || ': ' || left(error, 80), '; ') filter (where state <> 'DONE') || ')', '')
        || '; first receive to last processed ' || round(extract(epoch from max(processed_at) - min(received_at))::numeric, 2)
        || ' s = ' || round(count(*) filter (where state = 'DONE') / nullif(extract(epoch from max(processed_at) - min(received_at)), 0)::numeric)
        || ' processed/s; last processed ' || round(extract(epoch from max(processed_at) - max(received_at))::numeric, 2)
        || ' s after the last receive' from inbox_activity" | tee -a "$work/results.txt"
q -c "select '   liking rows ' || (select count(*) from liking) || ', LIKE activity rows ' || count(*)
        || ', published (announces written) ' || count(federated_at) || ', last ' || coalesce(round(extract(epoch from max(federated_at)
        - (select min(received_at) from inbox_activity))::numeric, 2)::text, '-') || ' s after the first receive; held announce deliveries '
        || (select count(*) from delivery where host = '$lhost') from activity where verb = 'LIKE'" | tee -a "$work/results.txt"

# --- Summary -------------------------------------------------------------------------------------------
for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; pids=()
echo
echo "== summary"
echo "signing baseline (RSA-2048 SHA256withRSA, ~1.5 kB body, best of 3): 1 thread $sign1/s, $cores threads $signN/s"
grep 'best of' "$work/sign.txt" | sed 's/^BASELINE /   /'
cat "$work/results.txt"
echo "settings: WARMUP=$WARMUP INBOXES=$INBOXES HOSTS=$HOSTS LIKES=$LIKES ACTORS=$ACTORS KEYS=$KEYS BLAST_CONCURRENCY=$BLAST_CONCURRENCY;" \
  "app -Xmx512m, lyceum.federation.delivery.poll=1s, hosts-per-instance=$DELIVERY_HOSTS_PER_INSTANCE," \
  "in-flight-per-host=$DELIVERY_IN_FLIGHT_PER_HOST, federation.poll=1s (default); Likes pre-signed before timing; app $APP"
echo "machine: $cores cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)," \
  "load average at start $load_at_start, $(date -u +%F); logs in $work"
