#!/usr/bin/env bash
# Installs what the platform needs from Debian's packages and is not on the machine yet:
# PostgreSQL's server binaries, a Java 17 runtime, Maven (which fetches the Kafka jars), OpenSSL, and
# Python's venv (schemathesis, the API fuzzer, comes from PyPI: scripts/install-schemathesis.sh).
# Node.js 22 comes from the npm registry (the `node` dev dependency), not from here.
set -euo pipefail

missing=()
compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null || missing+=(postgresql)
command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
command -v mvn >/dev/null || missing+=(maven)
command -v runuser >/dev/null || missing+=(util-linux)
command -v openssl >/dev/null || missing+=(openssl) # test certificates (TLS to PostgreSQL)
python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv) # the API fuzzer (PyPI)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${missing[*]}. Install them (e.g. sudo apt-get install ${missing[*]}) and run again." >&2
  exit 1
fi

# We run our own PostgreSQL cluster; Debian's package must not create and start one on port 5432.
if [ ! -f /etc/postgresql-common/createcluster.conf ]; then
  mkdir -p /etc/postgresql-common
  echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.conf
fi

echo "Installing ${missing[*]} from Debian's packages…"
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -print -quit 2>/dev/null)" ]; then
  apt-get update
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
