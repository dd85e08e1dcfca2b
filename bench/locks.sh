#!/usr/bin/env bash
# Benchmark (not a test): acquire/release latency of each cluster-lock backend, one caller at a
# time, through the app's own beans (a @QuarkusTest tagged "bench", excluded from ./mvnw verify).
# Uses the PostgreSQL named by LYCEUM_TEST_DATABASE_URL (else an embedded one) and Redis at
# 127.0.0.1:6379.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test -Dlyceum.excluded-groups=none -Dtest=LockLatencyBench -Dsurefire.failIfNoSpecifiedTests=false 2>&1 \
  | grep LOCK-BENCH
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"
