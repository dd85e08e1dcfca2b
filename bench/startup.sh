#!/usr/bin/env bash
# Start time and idle memory of two packaged apps (a baseline and target/quarkus-app), measured in
# the same invocation, alternating run by run so both see the same machine load.
# Usage: ./mvnw package -DskipTests && bench/startup.sh [runs] [baseline-app-dir] [external-admin-url]
#   baseline-app-dir: a quarkus-app directory built from the commit to compare with, e.g.
#     git worktree add /tmp/base <rev> && (cd /tmp/base && ./mvnw -q package -DskipTests)
#     bench/startup.sh 5 /tmp/base/target/quarkus-app
#   Without it only target/quarkus-app is measured.
# BENCH_JAVA_OPTS: JVM flags for both apps; defaults to the ones docker/Dockerfile.jvm ships.
# BENCH_CDS=1 (default): record an AppCDS archive for each app first, as the Dockerfile does, and
#   start both with it; BENCH_CDS=0 starts both without one.
# BENCH_CASES: "external embedded" (default) or either alone.
# The external database defaults to the local server at 127.0.0.1:5432 (user postgres, trust auth).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
base=${2:-}
admin_url=${3:-postgresql://postgres@127.0.0.1:5432/postgres}
opts=${BENCH_JAVA_OPTS:--XX:+UseSerialGC -Xms32m -XX:MaxRAMPercentage=75}
cds=${BENCH_CDS:-1}
cases=${BENCH_CASES:-external embedded}
port=18080
mgmt=19000 # the management interface (health on newer commits); older commits answer on $port
new=$(realpath target/quarkus-app)
apps=("$new")
names=(new)
if [ -n "$base" ]; then apps=("$(realpath "$base")" "$new"); names=(baseline new); fi
for app in "${apps[@]}"; do
  [ -f "$app/quarkus-run.jar" ] || { echo "no $app/quarkus-run.jar: build first (./mvnw package -DskipTests)" >&2; exit 1; }
done

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

# The archive must be recorded by the JVM that will read it, from the app's directory
# (see docker/Dockerfile.jvm); the recording run stops after static initialisation.
if [ "$cds" = 1 ]; then
  for app in "${apps[@]}"; do
    # The recording run exits with status 1 even when it wrote the archive: judge by the file.
    (cd "$app" && rm -f app-cds.jsa && LYCEUM_DATABASE_EMBEDDED=false java $opts -XX:ArchiveClassesAtExit=app-cds.jsa \
      -Dquarkus.appcds.generate=true -jar quarkus-run.jar >/dev/null 2>&1 || true)
    [ -s "$app/app-cds.jsa" ] || { echo "could not record an AppCDS archive in $app" >&2; exit 1; }
  done
  opts="$opts -XX:SharedArchiveFile=app-cds.jsa"
fi

# Starts the app in $1 with data dir $2 and the given env, prints
# "<ms to ready> <quarkus 'started in' s> <jvm rss MB> <postgres rss MB>".
measure() {
  local app=$1 dir=$2; shift 2
  local t0 pid pg=0
  t0=$(date +%s%N)
  # Run from the app's directory: an AppCDS archive only matches the class path it was recorded with.
  (cd "$app" && exec env "$@" LYCEUM_DATA_DIR="$dir/data" QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$mgmt \
    java $opts -jar quarkus-run.jar >"$dir/app.log" 2>&1) &
  pid=$!
  until curl -sf "http://localhost:$mgmt/q/health/ready" >/dev/null || curl -sf "http://localhost:$port/q/health/ready" >/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "app in $app died; see $dir/app.log" >&2; exit 1; }
    sleep 0.05
  done
  local ready_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  sleep 10  # idle
  local jvm; jvm=$(rss_kb "$pid")
  if [ -f "$dir/data/postgres/postmaster.pid" ]; then
    local pm; pm=$(head -1 "$dir/data/postgres/postmaster.pid")
    for p in $pm $(pgrep -P "$pm"); do pg=$((pg + $(rss_kb "$p"))); done
  fi
  local started; started=$(sed -n 's/.*started in \([0-9.]*\)s.*/\1/p' "$dir/app.log")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$ready_ms | $started | $((jvm / 1024)) | $((pg / 1024))"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "JVM flags (both apps): $opts"
for i in "${!apps[@]}"; do echo "${names[$i]}: ${apps[$i]}"; done
echo "app | case | run | ready (ms, process start to /q/health/ready) | Quarkus 'started in' (s) | JVM RSS idle (MB) | PostgreSQL RSS idle (MB)"
host=${admin_url#postgresql://postgres@}; host=${host%/postgres}
for r in $(seq 1 "$runs"); do
  for i in "${!apps[@]}"; do
    app=${apps[$i]} name=${names[$i]}
    if [[ " $cases " == *" external "* ]]; then
      db=lyceum_bench_$RANDOM
      psql -q "$admin_url" -c "create database $db"
      dir=$(mktemp -d)
      echo "$name | external PostgreSQL | $r | $(measure "$app" "$dir" QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$host/$db" \
          QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$host/$db" QUARKUS_DATASOURCE_USERNAME=postgres)"
      psql -q "$admin_url" -c "drop database $db with (force)"
      rm -rf "$dir"
    fi
    if [[ " $cases " == *" embedded "* ]]; then
      dir=$(mktemp -d)
      echo "$name | embedded, first start (initdb) | $r | $(measure "$app" "$dir")"
      echo "$name | embedded, restart | $r | $(measure "$app" "$dir")"
      rm -rf "$dir"
    fi
  done
done
