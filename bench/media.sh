#!/usr/bin/env bash
# Benchmark (not a test): uploads (POST /uploads?purpose=RESOURCE) and downloads (GET of the signed
# URL the upload answers) of 1 MiB and 50 MiB files, BENCH_CONCURRENCY (16) in flight, through the
# packaged app with the filesystem storage and then with the s3 storage against S3Proxy. Baselines
# in the same run: bench/RawUpload.java, a bare Vert.x server that streams the same multipart upload
# to the same disk hashing SHA-256 (and streams a file back), and direct signed PUTs and GETs to
# the same S3Proxy. The app's resident memory (VmRSS) is sampled every 50 ms during its 50 MiB
# uploads: the value before the round and the peak.
# Files: a stored (zip -0) ZIP of random bytes, as Tika must recognise the type (application/zip).
# Needs: psql, a PostgreSQL reachable as BENCH_PG_* (defaults: 127.0.0.1:5432, user postgres, trust
# auth), zip, Java 17, the packaged app and S3Proxy (target/s3proxy/s3proxy.jar, which the test
# build copies; else taken from ~/.m2). With both there it runs no Maven, so it can run under a build
# lock (flock). Figures go to docs/benchmarks.md by hand, with the machine.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_HOST=${BENCH_PG_HOST:-127.0.0.1}
PG_PORT=${BENCH_PG_PORT:-5432}
PG_USER=${BENCH_PG_USER:-postgres}
DB=${BENCH_DB:-lyceum_media_bench}
APP_PORT=${BENCH_APP_PORT:-18120}
export QUARKUS_MANAGEMENT_PORT=${BENCH_MANAGEMENT_PORT:-18121}
RAW_PORT=${BENCH_RAW_PORT:-18122}
S3_PORT=${BENCH_S3_PORT:-18123}
CONCURRENCY=${BENCH_CONCURRENCY:-16}
SMALL_COUNT=${BENCH_SMALL_COUNT:-400}   # 1 MiB files per round
LARGE_COUNT=${BENCH_LARGE_COUNT:-32}    # 50 MiB files per round
RUNS=${BENCH_RUNS:-1}
BACKENDS=${BENCH_BACKENDS:-filesystem s3}
# The JVM flags docker/Dockerfile.jvm ships (without its AppCDS archive), for the app and the raw server.
read -r -a JAVA_FLAGS <<< "${BENCH_JAVA_FLAGS:--XX:+UseSerialGC -Xms32m -XX:MaxRAMPercentage=75}"
export BENCH_DIR=target/bench
WORK=$BENCH_DIR/media
export BENCH_S3_ACCESS_KEY=lyceum-bench BENCH_S3_SECRET_KEY=lyceum-bench-secret
BUCKET=lyceum-media DIRECT_BUCKET=direct-bench

[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q -B package -DskipTests
S3PROXY=target/s3proxy/s3proxy.jar
if [ ! -f "$S3PROXY" ]; then
  mkdir -p target/s3proxy
  m2=~/.m2/repository/org/gaul/s3proxy/2.6.0/s3proxy-2.6.0-jar-with-dependencies.jar
  [ -f "$m2" ] || ./mvnw -q -B dependency:get -Dartifact=org.gaul:s3proxy:2.6.0:jar:jar-with-dependencies
  cp "$m2" "$S3PROXY"
fi

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

rm -rf "$WORK" && mkdir -p "$WORK/files" "$WORK/buckets/$BUCKET" "$WORK/buckets/$DIRECT_BUCKET"
for size in 1 50; do
  head -c "${size}M" /dev/urandom > "$WORK/files/random-$size.bin"
  (cd "$WORK/files" && zip -q -0 "bench-$size.zip" "random-$size.bin" && rm "random-$size.bin")
done
java bench/BenchTokens.java "$BENCH_DIR" 1 > /dev/null
token=$(head -1 "$BENCH_DIR/tokens.txt" | cut -d' ' -f2)

cat > "$WORK/s3proxy.conf" <<EOF
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$BENCH_S3_ACCESS_KEY
s3proxy.credential=$BENCH_S3_SECRET_KEY
jclouds.provider=filesystem
jclouds.filesystem.basedir=$(pwd)/$WORK/buckets
EOF
java -Xmx512m -jar "$S3PROXY" --properties "$WORK/s3proxy.conf" > "$WORK/s3proxy.log" 2>&1 &
s3proxy_pid=$!
pids+=($!)
for _ in $(seq 60); do curl -s -o /dev/null "http://127.0.0.1:$S3_PORT/" && break; sleep 0.5; done

cp=target/quarkus-app/lib/main/*
java "${JAVA_FLAGS[@]}" -cp "$cp" bench/RawUpload.java "$RAW_PORT" "$WORK/raw" > "$WORK/raw.log" 2>&1 &
raw_pid=$!
pids+=($!)
for _ in $(seq 60); do curl -s -o /dev/null "http://127.0.0.1:$RAW_PORT/" && break; sleep 0.5; done

app_pid=
start_app() { # $1: filesystem | s3
  psql -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
  rm -rf "$WORK/app"
  # BENCH_JFR=1 records a Java Flight Recorder profile of the app per backend: bench/profile.sh summarises it.
  local jfr=()
  [ -n "${BENCH_JFR:-}" ] && jfr=(-XX:StartFlightRecording=filename="$BENCH_DIR/media-$1.jfr",settings=profile)
  java "${JAVA_FLAGS[@]}" "${jfr[@]}" -Dquarkus.http.port="$APP_PORT" \
    -Dquarkus.datasource.jdbc.url="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" \
    -Dquarkus.datasource.reactive.url="postgresql://$PG_HOST:$PG_PORT/$DB" \
    -Dquarkus.datasource.username="$PG_USER" \
    -Dquarkus.oidc.public-key="$(cat "$BENCH_DIR/public-key.txt")" -Dquarkus.oidc.token.issuer=bench \
    -Dlyceum.registration.policy=open -Dlyceum.rate-limit.enabled=false -Dlyceum.instance.base-url=https://lyceum.bench -Dquarkus.log.level=WARN \
    -Dlyceum.data-dir="$WORK/app" -Dlyceum.media.quota=100G -Dlyceum.media.max-size.resource=60M \
    -Dlyceum.media.storage="$1" -Dlyceum.media.s3.endpoint="http://127.0.0.1:$S3_PORT" \
    -Dlyceum.media.s3.bucket="$BUCKET" -Dlyceum.media.s3.access-key="$BENCH_S3_ACCESS_KEY" \
    -Dlyceum.media.s3.secret-key="$BENCH_S3_SECRET_KEY" \
    -jar target/quarkus-app/quarkus-run.jar > "$WORK/app-$1.log" 2>&1 &
  app_pid=$!
  pids+=("$app_pid")
  for _ in $(seq 120); do curl -fs "http://localhost:$QUARKUS_MANAGEMENT_PORT/q/health/ready" > /dev/null && break; sleep 0.5; done
  curl -fs "http://localhost:$QUARKUS_MANAGEMENT_PORT/q/health/ready" > /dev/null || { echo "the app did not start; see $WORK/app-$1.log"; exit 1; }
}
stop_app() { kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; }

# CPU seconds (user + system) a process has used; the load line gets each server's share of the round.
cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a - b }'; }
javac -d "$WORK/classes" bench/MediaLoad.java
load() {
  local a=$(cpu "$app_pid") r=$(cpu "$raw_pid") s=$(cpu "$s3proxy_pid") line
  line=$(java -cp "$WORK/classes" MediaLoad "$@")
  echo "$line, CPU s: app $(minus "$(cpu "$app_pid")" "$a"), raw $(minus "$(cpu "$raw_pid")" "$r"), s3proxy $(minus "$(cpu "$s3proxy_pid")" "$s")" | tee -a "$WORK/results.txt"
}
zipfile() { echo "$WORK/files/bench-$1.zip"; }
count() { [ "$1" = 1 ] && echo "$SMALL_COUNT" || echo "$LARGE_COUNT"; }
APP="http://127.0.0.1:$APP_PORT"
RAW="http://127.0.0.1:$RAW_PORT"
S3="http://127.0.0.1:$S3_PORT"

lyceum_round() { # $1 backend, $2 size, $3 run
  local rss=(); [ "$2" = 50 ] && rss=("$app_pid")
  load upload "$1 lyceum upload $2M run $3" "$APP/uploads?purpose=RESOURCE" "$token" "$(zipfile "$2")" "$(count "$2")" "$CONCURRENCY" "$WORK/urls.txt" "${rss[@]}"
  load download "$1 lyceum download $2M run $3" "$APP" "$WORK/urls.txt" "$CONCURRENCY"
}
baseline_round() { # $1 backend, $2 size, $3 run
  if [ "$1" = filesystem ]; then
    load upload "$1 raw upload $2M run $3" "$RAW/upload" - "$(zipfile "$2")" "$(count "$2")" "$CONCURRENCY" "$WORK/urls.txt"
    load download "$1 raw download $2M run $3" "$RAW" "$WORK/urls.txt" "$CONCURRENCY"
    rm -rf "$WORK/raw"/*
  else
    load s3put "$1 direct upload $2M run $3" "$S3" "$DIRECT_BUCKET" "$(zipfile "$2")" "$(count "$2")" "$CONCURRENCY" "$WORK/keys.txt"
    load s3get "$1 direct download $2M run $3" "$S3" "$DIRECT_BUCKET" "$WORK/keys.txt" "$CONCURRENCY"
    rm -rf "$WORK/buckets/$DIRECT_BUCKET"/*
  fi
}

: > "$WORK/results.txt"
for backend in $BACKENDS; do
  start_app "$backend"
  echo "$backend: warming up (JIT, connections, heap), 200 x 1 MiB and 8 x 50 MiB each side..."
  SMALL_COUNT=200 lyceum_round "$backend" 1 warm-up
  SMALL_COUNT=200 baseline_round "$backend" 1 warm-up
  LARGE_COUNT=8 lyceum_round "$backend" 50 warm-up
  LARGE_COUNT=8 baseline_round "$backend" 50 warm-up
  for run in $(seq "$RUNS"); do
    for size in 1 50; do
      lyceum_round "$backend" "$size" "$run"
      baseline_round "$backend" "$size" "$run"
    done
  done
  echo "$backend: app disk after the runs: $(du -sh "$WORK/app" | cut -f1), S3Proxy buckets: $(du -sh "$WORK/buckets" | cut -f1)"
  stop_app
  rm -rf "$WORK/app" "$WORK/buckets/$BUCKET"/*
done

# Lyceum's MiB/s against the baseline's, per backend, operation, size and run.
grep -v warm-up "$WORK/results.txt" | awk '
  { sub(":", "", $6); label = $1 " " $3 " " $4 " run " $6; side = $2; for (i = 1; i <= NF; i++) if ($(i+1) == "MiB/s,") rate = $i
    if (side == "lyceum") l[label] = rate; else b[label] = rate; order[label] = 1 }
  END { for (k in order) if (k in l && k in b) printf "%s: lyceum %.1f MiB/s, baseline %.1f MiB/s, %d %%\n", k, l[k], b[k], 100 * l[k] / b[k] }' | sort
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), $(date -u '+%F %H:%M') UTC"
