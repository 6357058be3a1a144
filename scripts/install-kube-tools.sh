#!/usr/bin/env bash
# The Kubernetes tool chain scripts/check-helm.sh uses, pinned and cached under .local/tools (built once,
# then reused): helm, kubeconform, kube-score, chart-testing (ct) and helm-docs built from the Go module
# proxy, ct's yamllint and yamale from PyPI (a venv), and the Kubernetes API JSON schemas from PyPI's
# kubernetes-validate, rewritten so that they refer to each other locally.
# Needs python3 with venv (scripts/install-prerequisites.sh); Go comes from the Go module proxy's
# golang.org/toolchain module when the machine has no Go of at least $go_version.
set -euo pipefail
cd "$(dirname "$0")/.."

helm_version=v3.22.0
# helm 3.22 is built against client-go 0.37: without a cluster it reports the Kubernetes version
# baked in at build time (1.20 unless set), which `.Capabilities.KubeVersion` and `helm lint` read.
helm_kube_minor=37
kubeconform_version=v0.8.0
kube_score_version=v1.20.0
chart_testing_version=v3.14.0
yamllint_version=1.38.0
yamale_version=6.1.0
helm_docs_version=v1.14.2
schemas_version=1.37.0

go_version=1.26.8
tools=$PWD/.local/tools
bin=$tools/bin
mkdir -p "$bin"

go_ok() { command -v go > /dev/null && [ "$(printf '%s\n' "go$go_version" "$(go env GOVERSION)" | sort -V | head -1)" = "go$go_version" ]; }
if ! go_ok && [ -x "$tools/go/bin/go" ]; then export PATH=$tools/go/bin:$PATH; fi
need_go() { # the Go toolchain, fetched once, only when a tool has to be built
  go_ok && return
  echo "Fetching Go $go_version from the Go module proxy (golang.org/toolchain)…"
  local zip=$tools/go-toolchain.zip
  curl -fsSL -o "$zip" "https://proxy.golang.org/golang.org/toolchain/@v/v0.0.1-go$go_version.linux-amd64.zip"
  rm -rf "$tools/go"
  python3 - "$zip" "$tools/go" <<'PY'
import os, sys, zipfile
archive, target = zipfile.ZipFile(sys.argv[1]), sys.argv[2]
for entry in archive.infolist():
    path = os.path.join(target, entry.filename.split("/", 2)[2])  # golang.org/toolchain@v…/bin/go
    if entry.is_dir():
        continue
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with archive.open(entry) as src, open(path, "wb") as dst:
        dst.write(src.read())
    if "/bin/" in path or "/pkg/tool/" in path:
        os.chmod(path, 0o755)
PY
  rm -f "$zip"
  export PATH=$tools/go/bin:$PATH
}

go_install() { # <name> <package@version> [ldflags]
  need_go
  echo "Building $1 from the Go module proxy ($2)…"
  GOBIN=$bin CGO_ENABLED=0 GOFLAGS=-buildvcs=false go install -trimpath -ldflags "-s -w ${3:-}" "$2"
}

if ! "$bin/helm" version --template '{{.Version}}' 2>/dev/null | grep -qx "$helm_version" ||
  [ "$(cat "$tools/helm.kube-minor" 2>/dev/null)" != "$helm_kube_minor" ]; then
  flags="-X helm.sh/helm/v3/internal/version.version=$helm_version"
  for pkg in pkg/chartutil pkg/lint/rules; do
    flags+=" -X helm.sh/helm/v3/$pkg.k8sVersionMajor=1 -X helm.sh/helm/v3/$pkg.k8sVersionMinor=$helm_kube_minor"
  done
  go_install helm "helm.sh/helm/v3/cmd/helm@$helm_version" "$flags"
  echo "$helm_kube_minor" > "$tools/helm.kube-minor"
fi

if ! "$bin/kubeconform" -v 2>/dev/null | grep -qx "$kubeconform_version"; then
  go_install kubeconform "github.com/yannh/kubeconform/cmd/kubeconform@$kubeconform_version" \
    "-X main.version=$kubeconform_version"
fi

if [ "$(cat "$tools/kube-score.version" 2>/dev/null)" != "$kube_score_version" ] || [ ! -x "$bin/kube-score" ]; then
  go_install kube-score "github.com/zegl/kube-score/cmd/kube-score@$kube_score_version" \
    "-X main.version=$kube_score_version"
  echo "$kube_score_version" > "$tools/kube-score.version"
fi

# `go install ct@version` fails here: it asks the proxy for the module's version list (to look for a
# deprecation notice), which the proxy refuses for chart-testing/v3. A throwaway module that requires
# the version and builds its ct package needs only that version.
if [ "$(cat "$tools/ct.version" 2>/dev/null)" != "$chart_testing_version" ] || [ ! -x "$bin/ct" ]; then
  need_go
  echo "Building ct from the Go module proxy (github.com/helm/chart-testing/v3@$chart_testing_version)…"
  wrapper=$(mktemp -d)
  printf 'module itsm.local/chart-testing\n\ngo 1.24.0\n\nrequire github.com/helm/chart-testing/v3 %s\n' \
    "$chart_testing_version" > "$wrapper/go.mod"
  printf '//go:build tools\n\npackage tools\n\nimport _ "github.com/helm/chart-testing/v3/ct"\n' > "$wrapper/tools.go"
  (cd "$wrapper" && go mod tidy &&
    CGO_ENABLED=0 go build -trimpath -o "$bin/ct" \
      -ldflags "-s -w -X github.com/helm/chart-testing/v3/ct/cmd.Version=$chart_testing_version" \
      github.com/helm/chart-testing/v3/ct)
  # ct's Chart.yaml schema, found through CT_CONFIG_DIR; its yamllint rules are deploy/helm/lintconf.yaml.
  mkdir -p "$tools/ct"
  cp "$(cd "$wrapper" && go list -m -f '{{.Dir}}' github.com/helm/chart-testing/v3)/etc/chart_schema.yaml" "$tools/ct/"
  rm -rf "$wrapper"
  echo "$chart_testing_version" > "$tools/ct.version"
fi

# ct lint calls yamllint and yamale by name: check-helm.sh puts this venv's bin on PATH.
lint_venv=$tools/ct/venv
if [ "$(cat "$lint_venv/.versions" 2>/dev/null)" != "yamllint==$yamllint_version yamale==$yamale_version" ]; then
  echo "Installing yamllint $yamllint_version and yamale $yamale_version (PyPI) for ct…"
  rm -rf "$lint_venv"
  python3 -m venv "$lint_venv"
  "$lint_venv/bin/pip" install --quiet --disable-pip-version-check \
    "yamllint==$yamllint_version" "yamale==$yamale_version"
  echo "yamllint==$yamllint_version yamale==$yamale_version" > "$lint_venv/.versions"
fi

if [ "$(cat "$tools/helm-docs.version" 2>/dev/null)" != "$helm_docs_version" ] || [ ! -x "$bin/helm-docs" ]; then
  go_install helm-docs "github.com/norwoodj/helm-docs/cmd/helm-docs@$helm_docs_version"
  echo "$helm_docs_version" > "$tools/helm-docs.version"
fi

# kubeconform reads schemas from a location template ({{.NormalizedKubernetesVersion}}/{{.ResourceKind}}-…).
# The package's strict schemas carry an https://kubernetes.io/api/… $id and refer to their definitions
# as "/api/_definitions.json", which would be fetched from that host: the $id is dropped and the
# references point at the sibling file, so that nothing leaves the machine.
schemas=$tools/kubernetes-schemas
if [ "$(cat "$schemas/.version" 2>/dev/null)" != "$schemas_version" ]; then
  echo "Fetching the Kubernetes JSON schemas (kubernetes-validate $schemas_version, PyPI)…"
  rm -rf "$schemas" "$tools/kubernetes-validate"
  # pip from a throwaway virtual environment: Debian's python3 has venv but not always pip.
  python3 -m venv "$tools/kubernetes-validate/venv"
  "$tools/kubernetes-validate/venv/bin/pip" download --quiet --disable-pip-version-check --no-deps \
    --dest "$tools/kubernetes-validate" "kubernetes-validate==$schemas_version"
  python3 - "$tools/kubernetes-validate" "$schemas" <<'PY'
import json, re, sys, zipfile, pathlib
source, target = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
wheel = next(source.glob("*.whl"))

def localize(node):
    if isinstance(node, dict):
        node.pop("$id", None)
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("/api/_definitions.json"):
            node["$ref"] = ref[len("/api/"):]
        for value in node.values():
            localize(value)
    elif isinstance(node, list):
        for value in node:
            localize(value)

with zipfile.ZipFile(wheel) as archive:
    for name in archive.namelist():
        # e.g. v1.37.0-local-strict/deployment-apps-v1.json -> v1.37.0/deployment-apps-v1.json
        m = re.match(r"kubernetes_validate/kubernetes-json-schema/(v[0-9.]+)-local-strict/(.+\.json)$", name)
        if not m:
            continue
        schema = json.loads(archive.read(name))
        localize(schema)
        out = target / m.group(1) / m.group(2)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(schema))
PY
  rm -rf "$tools/kubernetes-validate"
  echo "$schemas_version" > "$schemas/.version"
fi
