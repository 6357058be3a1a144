#!/usr/bin/env bash
# schemathesis (PyPI), the API fuzzer `npm test` runs against every service's OpenAPI document,
# pinned, in a virtual environment of its own under .local/tools (installed once, then reused).
set -euo pipefail
cd "$(dirname "$0")/.."
version=4.32.5
venv=.local/tools/schemathesis
if "$venv/bin/schemathesis" --version 2>/dev/null | grep -q "version $version\$"; then exit 0; fi
echo "Installing schemathesis $version from PyPI…"
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$version"
