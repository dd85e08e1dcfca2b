#!/usr/bin/env bash
# Benchmark (not a test): one digest period for PEOPLE people (default 100 000) sent by INSTANCES
# Lyceum processes (default 3) sharing one PostgreSQL, to a local SMTP server (bench/digests/
# SmtpSink.java, which also counts duplicates). Baseline in the same run: a bare SMTP client
# (SmtpBlast.java) pushing the same number of digest-sized messages into a second sink over as many
# connections. BENCH_JFR=1 records a JFR profile per instance. Needs psql and the PostgreSQL at LYCEUM_BENCH_PG (default postgresql://postgres@127.0.0.1:5432).
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE=${PEOPLE:-100000}
INSTANCES=${INSTANCES:-3}
CONCURRENCY=${CONCURRENCY:-16}
BATCH=${BATCH:-200}
PG=${LYCEUM_BENCH_PG:-postgresql://postgres@127.0.0.1:5432}
DB=lyceum_bench_digests
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B package -DskipTests
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

psql -q "$PG/postgres" -c "drop database if exists $DB" -c "create database $DB"
env_common=(QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://${PG#postgresql://*@}/$DB"
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://${PG#postgresql://*@}/$DB"
  QUARKUS_DATASOURCE_USERNAME="${LYCEUM_BENCH_PG_USER:-postgres}"
  LYCEUM_DIGEST_PERIOD_OVERRIDE=6h LYCEUM_DIGEST_POLL=1s LYCEUM_DIGEST_BATCH=$BATCH
  LYCEUM_DIGEST_CONCURRENCY=$CONCURRENCY QUARKUS_MAILER_HOST=127.0.0.1)

# The schema first (one instance, then stopped), then the people, so the first plan covers them all.
# Readiness is on the management interface; each process gets its own port for it too.
mport=$(free_port)
env "${env_common[@]}" LYCEUM_JOBS_ENABLED=false QUARKUS_HTTP_PORT=$(free_port) QUARKUS_MANAGEMENT_PORT=$mport \
  java -jar target/quarkus-app/quarkus-run.jar > "$work/migrate.log" 2>&1 &
mig=$!
until curl -sf "http://127.0.0.1:$mport/q/health/ready" >/dev/null; do sleep 0.5; done
kill $mig; wait $mig 2>/dev/null || true
psql -q "$PG/$DB" <<SQL
insert into person (id, ap_id, username, display_name) values
  ('00000000-0000-0000-0000-00000000a001', 'https://bench.test/people/author', 'author', 'Author');
insert into community (id, ap_id, name, title) values
  ('00000000-0000-0000-0000-00000000c001', 'https://bench.test/communities/staff', 'staff', 'Staff room');
insert into person (id, ap_id, username, display_name, created_at)
  select gen_random_uuid(), 'https://bench.test/people/p' || i, 'p' || i, 'Person ' || i, now() - interval '1 day'
  from generate_series(1, $PEOPLE) i;
insert into account (id, person_id, subject, email, email_verified, created_at)
  select gen_random_uuid(), id, 'sub-' || username, username || '@bench.test', true, now() - interval '1 day'
  from person where username like 'p%';
insert into membership (community_id, person_id, role, state)
  select '00000000-0000-0000-0000-00000000c001', id, case when username = 'p1' then 'OWNER' else 'MEMBER' end, 'JOINED'
  from person where username like 'p%';
insert into content (id, ap_id, kind, community_id, author_id, title, created_at)
  select id, 'https://bench.test/objects/' || id, 'THREAD', '00000000-0000-0000-0000-00000000c001',
         '00000000-0000-0000-0000-00000000a001', 'Thread ' || i, now() - (i || ' minutes')::interval
  from (select gen_random_uuid() as id, i from generate_series(1, 12) i) t;
analyze;
SQL
# The measured run.
sport=$(free_port)
java bench/digests/SmtpSink.java "$sport" "$work/sink.txt" > "$work/sink.log" 2>&1 & pids+=($!); sink=$!
sleep 2
for i in $(seq 1 "$INSTANCES"); do
  env "${env_common[@]}" QUARKUS_MAILER_PORT=$sport LYCEUM_LOCK_HOLDER=node-$i QUARKUS_HTTP_PORT=$(free_port) \
    QUARKUS_MANAGEMENT_PORT=$(free_port) \
    java -Xmx512m ${BENCH_JFR:+-XX:StartFlightRecording=filename=$work/node-$i.jfr,settings=profile} \
      -jar target/quarkus-app/quarkus-run.jar > "$work/node-$i.log" 2>&1 & pids+=($!)
done
start=$(date +%s)
while true; do
  read -r sent planned < <(psql -qtA -F' ' "$PG/$DB" -c "select count(*) filter (where state = 'SENT'), count(*) from digest_delivery")
  [ "$planned" -gt 0 ] && [ "$sent" -ge "$PEOPLE" ] && break
  [ $(( $(date +%s) - start )) -gt 1800 ] && { echo "timed out: $sent of $PEOPLE sent"; exit 1; }
  sleep 1
done
kill $sink; wait $sink 2>/dev/null || true
psql -qtA "$PG/$DB" -c "select 'RESULT ' || count(*) || ' digests sent; first to last send ' ||
    round(extract(epoch from max(sent_at) - min(sent_at))::numeric, 2) || ' s = ' ||
    round(count(*) / extract(epoch from max(sent_at) - min(sent_at))::numeric) || ' emails/s; whole period (plan to last send) ' ||
    round(extract(epoch from max(sent_at) - (select min(started_at) from job_run where name = 'digest-plan'
      and detail <> 'planned 0 digests'))::numeric, 2) || ' s; by instance: ' ||
    (select string_agg(claimed_by || ' ' || n, ', ' order by claimed_by) from (select claimed_by, count(*) n from digest_delivery group by 1) x)
  from digest_delivery where state = 'SENT'"
sed 's/^/SINK /' "$work/sink.txt"
for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; pids=()

# Baseline, same run: a bare SMTP client pushing as many messages of the digests' average size
# into its own sink over as many connections.
size=$(awk '/average_bytes/ {print $2}' "$work/sink.txt")
bport=$(free_port)
java bench/digests/SmtpSink.java "$bport" "$work/blast-sink.txt" > /dev/null & pids+=($!)
sleep 2
java bench/digests/SmtpBlast.java "$bport" "$PEOPLE" $((INSTANCES * CONCURRENCY)) "$size"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F); logs in $work"
