#!/usr/bin/env bash
# `npm test`: lint and type-check, then every jest project (unit, integration, e2e) in one run, so
# that the real PostgreSQL and Kafka are started once, then the Helm charts (scripts/check-helm.sh;
# skipped when jest is given arguments, to run a part). Ends with the jest projects' one plain
# "N passed, N failed" line.
set -euo pipefail
bash scripts/lint.sh
bash scripts/install-schemathesis.sh
results=.local/jest-results.json
mkdir -p .local
rm -f "$results"
status=0
jest --maxWorkers=2 --json --outputFile="$results" "$@" || status=$?
if [ -f "$results" ]; then
  node -e '
    const r = require(process.argv[1]);
    const skipped = r.numPendingTests + r.numTodoTests;
    console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`);
    if (r.numTotalTests === 0) { console.error("no test ran"); process.exit(1); }
  ' "$PWD/$results" || status=1
fi
if [ "$#" -eq 0 ]; then bash scripts/check-helm.sh > .local/check-helm.log 2>&1 || {
  tail -60 .local/check-helm.log >&2
  echo "Helm charts: failed (whole log in .local/check-helm.log)" >&2
  status=1
}; fi
exit "$status"
