#!/usr/bin/env bash
# Start time and idle memory of the packaged app (target/quarkus-app), embedded vs external database.
# Usage: ./mvnw package -DskipTests && bench/startup.sh [runs] [external-jdbc-admin-url]
# The external database defaults to the local server at 127.0.0.1:5432 (user postgres, trust auth).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
admin_url=${2:-postgresql://postgres@127.0.0.1:5432/postgres}
jar=target/quarkus-app/quarkus-run.jar
port=18080
# Health is on the management interface; a jar from before it had one serves it on $port instead.
export QUARKUS_MANAGEMENT_PORT=18081
[ -f "$jar" ] || { echo "build first: ./mvnw package -DskipTests" >&2; exit 1; }

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

# Starts the app with the given env, prints "<ms to ready> <quarkus 'started in' s> <jvm rss MB> <postgres rss MB>".
measure() {
  local dir=$1; shift
  local t0 pid pg=0
  t0=$(date +%s%N)
  (cd "$dir" && exec env "$@" QUARKUS_HTTP_PORT=$port java -jar "$OLDPWD/$jar" >app.log 2>&1) &
  pid=$!
  until curl -sf "http://localhost:$QUARKUS_MANAGEMENT_PORT/q/health/ready" >/dev/null \
      || curl -sf "http://localhost:$port/q/health/ready" >/dev/null; do sleep 0.05; done
  local ready_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  sleep 10  # idle
  local jvm; jvm=$(rss_kb "$pid")
  if [ -f "$dir/data/postgres/postmaster.pid" ]; then
    local pm; pm=$(head -1 "$dir/data/postgres/postmaster.pid")
    for p in $pm $(pgrep -P "$pm"); do pg=$((pg + $(rss_kb "$p"))); done
  fi
  local started; started=$(sed -n 's/.*started in \([0-9.]*\)s.*/\1/p' "$dir/app.log")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$ready_ms $started $((jvm / 1024)) $((pg / 1024))"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "case | run | ready (ms, process start to /q/health/ready) | Quarkus 'started in' (s) | JVM RSS idle (MB) | PostgreSQL RSS idle (MB)"
for i in $(seq 1 "$runs"); do
  dir=$(mktemp -d)
  echo "embedded, first start (initdb) | $i | $(measure "$dir" LYCEUM_DATA_DIR=./data)"
  echo "embedded, restart | $i | $(measure "$dir" LYCEUM_DATA_DIR=./data)"
  rm -rf "$dir"
done
for i in $(seq 1 "$runs"); do
  db=lyceum_bench_$RANDOM
  psql -q "$admin_url" -c "create database $db"
  dir=$(mktemp -d)
  host=${admin_url#postgresql://postgres@}; host=${host%/postgres}
  echo "external PostgreSQL | $i | $(measure "$dir" QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$host/$db" \
      QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$host/$db" QUARKUS_DATASOURCE_USERNAME=postgres)"
  psql -q "$admin_url" -c "drop database $db with (force)"
  rm -rf "$dir"
done
