#!/usr/bin/env bash
# Runs a real Keycloak locally without Docker: the distribution zip from Maven Central, in dev
# mode, with the lyceum realm imported. Needs Java 17+ and curl.
#
#   docker/keycloak/keycloak.sh start                 download if needed, start, wait, print a token
#   docker/keycloak/keycloak.sh token [user] [pass]   print an access token (default demo/demo)
#   docker/keycloak/keycloak.sh stop                  stop the Keycloak this script started
#
# Env: KEYCLOAK_PORT (8280), KEYCLOAK_VERSION (26.4.7), KEYCLOAK_WORK_DIR (.keycloak),
#      KEYCLOAK_HOME (an unpacked distribution to use instead of downloading one).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
version=${KEYCLOAK_VERSION:-26.4.7}
port=${KEYCLOAK_PORT:-8280}
work=${KEYCLOAK_WORK_DIR:-$root/.keycloak}
home=${KEYCLOAK_HOME:-$work/keycloak-$version}
realm_url="http://localhost:$port/realms/lyceum"

install() {
  [ -x "$home/bin/kc.sh" ] || [ -f "$home/bin/kc.sh" ] && return 0
  echo "Fetching Keycloak $version from Maven Central..." >&2
  mkdir -p "$work"
  "$root/mvnw" -q -B -f "$root/pom.xml" dependency:copy \
    -Dartifact="org.keycloak:keycloak-quarkus-dist:$version:zip" -DoutputDirectory="$work" >&2
  if command -v unzip >/dev/null; then
    unzip -q -o "$work/keycloak-quarkus-dist-$version.zip" -d "$work"
  else
    python3 -m zipfile -e "$work/keycloak-quarkus-dist-$version.zip" "$work"
  fi
  home="$work/keycloak-$version"
}

token() {
  local user=${1:-demo} pass=${2:-demo} response
  response=$(curl -s --fail-with-body "$realm_url/protocol/openid-connect/token" \
    -d grant_type=password -d client_id=lyceum-cli -d "username=$user" -d "password=$pass") || {
    echo "no token for $user: $response" >&2; return 1; }
  printf '%s\n' "$response" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}

start() {
  mkdir -p "$work"
  if [ -f "$work/keycloak.pid" ] && kill -0 "$(cat "$work/keycloak.pid")" 2>/dev/null; then
    echo "Keycloak already runs (pid $(cat "$work/keycloak.pid"))" >&2
  else
    install
    mkdir -p "$home/data/import"
    cp "$here/lyceum-realm.json" "$home/data/import/lyceum-realm.json"
    echo "Starting Keycloak $version on port $port (log: $work/keycloak.log)..." >&2
    KC_BOOTSTRAP_ADMIN_USERNAME=${KC_BOOTSTRAP_ADMIN_USERNAME:-admin} \
    KC_BOOTSTRAP_ADMIN_PASSWORD=${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin} \
      nohup bash "$home/bin/kc.sh" start-dev --http-port "$port" --http-management-port "$((port + 1))" \
      --import-realm >"$work/keycloak.log" 2>&1 &
    echo $! >"$work/keycloak.pid"
  fi
  local pid; pid=$(cat "$work/keycloak.pid")
  for _ in $(seq 1 240); do
    if curl -sf "$realm_url/.well-known/openid-configuration" >/dev/null; then
      echo "Keycloak is ready: issuer $realm_url" >&2
      echo "Run Lyceum against it with QUARKUS_OIDC_AUTH_SERVER_URL=$realm_url" >&2
      echo "Access token for demo/demo:" >&2
      token demo demo
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "Keycloak exited; the end of its log:" >&2; tail -40 "$work/keycloak.log" >&2; return 1
    fi
    sleep 1
  done
  echo "Keycloak was not ready after 240 s; see $work/keycloak.log" >&2
  return 1
}

stop() {
  [ -f "$work/keycloak.pid" ] || { echo "no Keycloak started from $work" >&2; return 0; }
  local pid; pid=$(cat "$work/keycloak.pid")
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$work/keycloak.pid"
  echo "Keycloak stopped" >&2
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  token) shift; token "$@" ;;
  *) echo "usage: $0 start|stop|token [user] [password]" >&2; exit 2 ;;
esac
