#!/usr/bin/env bash
# What building and running the service images needs from Debian's packages: buildah builds from
# deploy/images/Containerfile without a Docker engine, podman runs the images (with runc: see
# deploy/images/containers.conf), skopeo inspects them, mmdebstrap makes their base from Debian
# packages, binutils strips the Node.js binary.
set -euo pipefail

missing=()
for tool in buildah podman skopeo runc mmdebstrap strip; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
packages=("${missing[@]/strip/binutils}")
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing: ${missing[*]}. Install them (sudo apt-get install ${packages[*]}) and run again." >&2
  exit 1
fi
echo "Installing ${packages[*]} from Debian's packages…"
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -print -quit 2>/dev/null)" ]; then
  apt-get update
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}"
