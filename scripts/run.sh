#!/usr/bin/env bash
# The entry point of every npm script: installs what a fresh clone lacks (system packages, the
# npm dependencies with their Node.js 22), puts that Node.js first on the PATH, then runs a task.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

needs_local_stack() { [ -z "${DATABASE_URL:-}" ] || [ -z "${KAFKA_BROKERS:-}" ]; }

ensure_dependencies() {
  if needs_local_stack; then bash scripts/install-prerequisites.sh; fi
  local lock_hash
  lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ ! -x node_modules/.bin/node ] || [ "$(cat node_modules/.lock-hash 2>/dev/null)" != "$lock_hash" ]; then
    echo "Installing npm dependencies (npm ci)…"
    npm ci --no-audit --no-fund
    echo "$lock_hash" > node_modules/.lock-hash
  fi
  export PATH="$root/node_modules/.bin:$PATH"
  if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) === 22 ? 0 : 1)'; then
    echo "Expected Node.js 22 from node_modules/.bin/node, got $(node --version)" >&2
    exit 1
  fi
  export NX_DAEMON=false NX_NO_CLOUD=true
}

task=${1:?usage: scripts/run.sh (start|test|build|stack up|stack down|lint)}
shift
ensure_dependencies >&2  # stdout is the task's alone (npm run -s token)
case "$task" in
  build) exec tsc -b ;;
  start) tsc -b && exec node deploy/local/dist/cli/start.js "$@" ;;
  stack) tsc -b deploy/local && exec node deploy/local/dist/cli/stack.js "$@" ;;
  token) tsc -b deploy/local && exec node deploy/local/dist/cli/token.js "$@" ;;
  lint) exec bash scripts/lint.sh ;;
  bench) tsc -b && exec node --enable-source-maps "benchmarks/dist/${1:?which benchmark?}.bench.js" ;;
  contracts)
    tsc -b contracts
    case "${1:-}" in
      asyncapi) exec node contracts/dist/cli/write-asyncapi.js ;;
      check) shift; exec node contracts/dist/cli/check-compatibility.js "$@" ;;
      *) echo "usage: contracts (asyncapi|check [--release])" >&2; exit 2 ;;
    esac ;;
  test) exec bash scripts/test.sh "$@" ;;
  *) echo "unknown task: $task" >&2; exit 2 ;;
esac
