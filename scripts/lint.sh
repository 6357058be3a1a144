#!/usr/bin/env bash
# Formatting, lint with the architecture's dependency rules, and type-checking of code and tests.
set -euo pipefail
echo "▸ prettier"; prettier --check --log-level warn .
# The Nx module-boundary rule reads the cached project graph and silently skips without one.
# A cached graph can miss new imports, so it is rebuilt each time.
echo "▸ eslint"; nx reset >/dev/null && nx show projects >/dev/null && eslint --max-warnings 0 .
echo "▸ tsc (build)"; tsc -b
echo "▸ tsc (tests)"; tsc -p tsconfig.spec.json
