#!/usr/bin/env bash
# Builds itsm/<service>:<version> and itsm/<service>:<git short revision> for the five services with
# buildah (no Docker engine) from deploy/images/Containerfile. Everything it fetches is cached under
# .local/images: the base file system (by its package list), the stripped Node.js (by its version)
# and the production npm dependencies with their SBOM (by the lock file's hash); buildah reuses
# unchanged layers. Usage: scripts/build-images.sh [service…]   (default: all five)
set -Eeuo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$root/node_modules/.bin:$PATH" NX_DAEMON=false NX_NO_CLOUD=true
export CONTAINERS_CONF="$root/deploy/images/containers.conf"
bash scripts/install-image-tools.sh

all_services=(incident change problem configuration catalog)
services=("${@:-${all_services[@]}}")
version=$(node -p 'require("./package.json").version')
revision=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
source_url=$(git remote get-url origin 2>/dev/null || echo unknown)
cache=.local/images
context=$cache/context
sbom_tool='@cyclonedx/cyclonedx-npm@6.0.1'
# The C and C++ runtime that Node.js links against; nothing else (no shell, no package manager).
base_packages=libc6,libgcc-s1,libstdc++6
started=$(date +%s)
trap 'echo "build-images: failed at line $LINENO: $BASH_COMMAND" >&2' ERR
mkdir -p "$context/app"

step() { echo "== $* ($(( $(date +%s) - started )) s)"; }

base_root_fs() {
  local suite sources key tar
  suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
  # The machine's own apt sources: the base comes from where its other packages come from.
  sources=$(ls /etc/apt/sources.list.d/debian.sources 2>/dev/null || echo /etc/apt/sources.list)
  key=$(echo "$suite $base_packages v1" | sha256sum | cut -c1-12)
  tar=$cache/base-$key.tar
  if [ ! -f "$tar" ]; then
    step "base file system from Debian ($suite: $base_packages)"
    SOURCE_DATE_EPOCH=0 mmdebstrap --quiet --variant=extract --include="$base_packages" \
      --customize-hook='rm -rf "$1"/usr/share/doc "$1"/usr/share/info "$1"/usr/share/man "$1"/usr/share/lintian "$1"/usr/lib/x86_64-linux-gnu/gconv "$1"/var/cache/* "$1"/var/lib/apt "$1"/var/log/*' \
      --customize-hook='printf "root:x:0:0:root:/root:/sbin/nologin\nitsm:x:10001:10001:itsm:/app:/sbin/nologin\n" > "$1"/etc/passwd' \
      --customize-hook='printf "root:x:0:\nitsm:x:10001:\n" > "$1"/etc/group' \
      --customize-hook='mkdir -p "$1"/tmp "$1"/app && chmod 1777 "$1"/tmp' \
      --format=tar "$suite" "$tar.part" "$sources"
    mv "$tar.part" "$tar"
  fi
  ln -f "$tar" "$context/rootfs.tar"
}

stripped_node() {
  local binary stripped
  binary=$(readlink -f node_modules/.bin/node)
  stripped=$cache/node-$(node -p process.version)
  if [ ! -f "$stripped" ]; then
    step "Node.js $(node -p process.version), stripped"
    strip -o "$stripped.part" "$binary"
    mv "$stripped.part" "$stripped"
  fi
  ln -f "$stripped" "$context/node"
}

# The production dependencies of the whole workspace, installed apart from the development tree
# (never touching package.json or node_modules), with the SBOM made from exactly what is installed.
production_dependencies() {
  local key deps
  key=$(cat package-lock.json scripts/build-images.sh | sha256sum | cut -c1-12)
  deps=$cache/deps-$key
  if [ ! -d "$deps/node_modules" ]; then
    step "production npm dependencies and their SBOM"
    rm -rf "$cache"/deps-*
    mkdir -p "$deps"
    cp package.json package-lock.json "$deps/"
    for manifest in contracts/package.json libs/*/package.json services/*/package.json \
      deploy/local/package.json e2e/package.json benchmarks/package.json; do
      mkdir -p "$deps/$(dirname "$manifest")"
      cp "$manifest" "$deps/$manifest"
    done
    (cd "$deps" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --prefer-offline --loglevel=error)
    (cd "$deps" && npx --yes "$sbom_tool" --omit dev --package-lock-only --flatten-components \
      --output-format JSON --output-file sbom.cdx.json)
    prune "$deps/node_modules"
  fi
  rm -rf "$context/app/node_modules"
  cp -a "$deps/node_modules" "$context/app/node_modules"
  cp "$deps/sbom.cdx.json" "$context/app/sbom.cdx.json"
  cp "$deps/sbom.cdx.json" "$cache/sbom.cdx.json"
}

# What no service loads at run time: type declarations, source maps, sources and docs of the
# dependencies, the browser and ES module builds next to the CommonJS ones, and the workspace links
# of what is not in the image (tests, the local stack, the services: each image adds its own).
prune() {
  local modules=$1
  find "$modules" -type f \( -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' -o -name '*.map' \
    -o -name '*.md' -o -name '*.markdown' -o -name '*.ts' -o -name '*.mts' -o -name '*.cts' \
    -o -name '.eslintrc*' -o -name '.npmignore' -o -name '.editorconfig' -o -name '.nycrc' \
    -o -name 'tsconfig*.json' \) -delete
  find "$modules" -type d \( -path '*/@opentelemetry/*/build/esm' -o -path '*/@opentelemetry/*/build/esnext' \) \
    -prune -exec rm -rf {} +
  rm -rf "$modules/typeorm/browser" "$modules/rxjs/dist/esm" "$modules/rxjs/dist/esm5" \
    "$modules/rxjs/dist/bundles" "$modules/rxjs/src"
  rm -f "$modules/.package-lock.json"
  # `if`, not `[ … ] && rm`: a false test as the loop's last command would fail the function.
  for link in "$modules"/@itsm/*; do
    case "$(readlink "$link")" in
      ../../contracts | ../../libs/*) if [ "$(basename "$link")" = testing ]; then rm "$link"; fi ;;
      *) rm "$link" ;;
    esac
  done
}

# The compiled platform: package manifests and JavaScript (with source maps, for stack traces).
application() {
  step "compiling the services"
  tsc -b contracts libs/* "${all_services[@]/#/services/}"
  local app=$context/app
  rm -rf "$app/contracts" "$app/libs" "$app/services"
  cp package.json "$app/package.json"
  for project in contracts libs/* services/*; do
    [ "$project" = libs/testing ] && continue
    mkdir -p "$app/$project"
    cp "$project/package.json" "$app/$project/"
    (cd "$project" && find dist -type f \( -name '*.js' -o -name '*.js.map' -o -name '*.json' \) \
      -print0 | tar --null -T - -cf -) | tar -xf - -C "$app/$project"
  done
}

base_root_fs
stripped_node
production_dependencies
application

for service in "${services[@]}"; do
  step "itsm/$service:$version ($revision)"
  # Labels given here, not only as build arguments: buildah's layer cache keeps a label layer made
  # with another revision.
  buildah bud --quiet --layers --isolation chroot \
    --build-arg VERSION="$version" --build-arg REVISION="$revision" --build-arg SOURCE="$source_url" \
    --label org.opencontainers.image.version="$version" \
    --label org.opencontainers.image.revision="$revision" \
    --label org.opencontainers.image.source="$source_url" \
    -f deploy/images/Containerfile --target "$service" \
    -t "itsm/$service:$version" -t "itsm/$service:$revision" "$context" >/dev/null
done
step "built"
podman images --filter reference='itsm/*' --format '{{.Repository}}:{{.Tag}} {{.Size}}' | sort
