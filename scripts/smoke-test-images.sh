#!/usr/bin/env bash
# Runs each service image with podman as Kubernetes would (read-only root file system, non-root,
# no capabilities) against the local PostgreSQL, Kafka and identity provider: its migrations as a
# Job would run them, then the service until /health/ready answers 200, one call with a token, and
# SIGTERM, which must end it with exit code 0. Starts the local stack if it is not running, and
# stops it again only then. Usage: scripts/smoke-test-images.sh [service…]   (default: all five)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
export CONTAINERS_CONF="$PWD/deploy/images/containers.conf" PGOPTIONS=--client-min-messages=warning

services=("${@:-incident change problem configuration catalog}")
read -r -a services <<< "${services[*]}"
version=$(node -p 'require("./package.json").version')
declare -A call=(
  [incident]=/api/v1/incidents
  [configuration]=/api/v1/cis
  [change]=/api/v1/changes
  [problem]=/api/v1/problems
  # No API of its own yet: its OpenAPI document, with the token.
  [catalog]=/api/v1/openapi.json
)
failures=0
fail() { echo "FAIL $*" >&2; failures=$((failures + 1)); }

tsc -b deploy/local
stack_output=$(node deploy/local/dist/cli/stack.js up)
echo "$stack_output" | grep -v '=' || true
if [ "$(echo "$stack_output" | grep -c 'already running')" -lt 3 ]; then
  trap 'node deploy/local/dist/cli/stack.js down >/dev/null' EXIT
fi
env_of() { echo "$stack_output" | sed -n "s/^$1=//p"; }
postgres=$(env_of DATABASE_URL)
database_of() { echo "${postgres%/*}/itsm_smoke_$1"; }
token=$(node deploy/local/dist/cli/token.js ivy)

port=18080
declare -A ports
for service in "${services[@]}"; do
  ports[$service]=$port
  port=$((port + 1))
  podman rm -f "itsm-smoke-$service" >/dev/null 2>&1 || true
  psql -q "$postgres" -c "DROP DATABASE IF EXISTS itsm_smoke_$service" >/dev/null
  common=(--network host --read-only --cap-drop ALL --security-opt no-new-privileges
    -e "DATABASE_URL=$(database_of "$service")" -e "KAFKA_BROKERS=$(env_of KAFKA_BROKERS)"
    -e "KAFKA_TOPIC_PREFIX=smoke." -e "AUTH_ISSUER=$(env_of AUTH_ISSUER)"
    -e "AUTH_AUDIENCE=$(env_of AUTH_AUDIENCE)")
  if ! podman run --rm "${common[@]}" "itsm/$service:$version" migrate run >/dev/null; then
    fail "$service: migrate run"
    continue
  fi
  podman run -d --name "itsm-smoke-$service" "${common[@]}" -e MIGRATIONS_RUN=false \
    -e "HTTP_PORT=${ports[$service]}" "itsm/$service:$version" >/dev/null
done

for service in "${services[@]}"; do
  url=http://127.0.0.1:${ports[$service]}
  ready=
  for _ in $(seq 1 180); do
    if curl -sf -o /dev/null "$url/health/ready"; then ready=yes; break; fi
    [ "$(podman inspect -f '{{.State.Running}}' "itsm-smoke-$service" 2>/dev/null)" = true ] || break
    sleep 0.5
  done
  if [ -z "$ready" ]; then
    fail "$service: never ready"
    podman logs --tail 20 "itsm-smoke-$service" >&2 || true
    continue
  fi
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "authorization: Bearer $token" "$url${call[$service]}")
  [ "$status" = 200 ] || fail "$service: GET ${call[$service]} answered $status"
  if [ "${call[$service]}" != /api/v1/openapi.json ]; then
    status=$(curl -s -o /dev/null -w '%{http_code}' "$url${call[$service]}")
    [ "$status" = 401 ] || fail "$service: GET ${call[$service]} without a token answered $status"
  fi
done

for service in "${services[@]}"; do
  podman kill --signal TERM "itsm-smoke-$service" >/dev/null 2>&1 || true
done
for service in "${services[@]}"; do
  started=$(date +%s%N)
  code=$(podman wait "itsm-smoke-$service" 2>/dev/null || echo none)
  if [ "$code" = 0 ]; then
    echo "ok   itsm/$service:$version: ready, GET ${call[$service]} 200, SIGTERM → exit 0"
  else
    fail "$service: exit code $code after SIGTERM"
    podman logs --tail 20 "itsm-smoke-$service" >&2 || true
  fi
  podman rm "itsm-smoke-$service" >/dev/null 2>&1 || true
  psql -q "$postgres" -c "DROP DATABASE IF EXISTS itsm_smoke_$service" >/dev/null
done

passed=$(( ${#services[@]} - failures < 0 ? 0 : ${#services[@]} - failures ))
echo "image smoke test: $passed passed, $failures failed"
[ "$failures" -eq 0 ]
