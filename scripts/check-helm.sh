#!/usr/bin/env bash
# The Helm charts of deploy/helm, proven without a cluster, the way bitnami/charts and grafana/helm-charts
# prove theirs in CI: `helm lint --strict` and chart-testing's `ct lint` (Chart.yaml schema, yamllint)
# of every chart, READMEs up to date with helm-docs, `helm template` of every chart with every file in
# its ci/ folder (and the umbrella with deploy/helm/examples/), kubeconform -strict of every rendering
# against the oldest and newest supported Kubernetes API schemas, kube-score, and a Jest spec of the
# templates' logic (deploy/helm/tests). Tools come from scripts/install-kube-tools.sh (cached).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
bash scripts/install-kube-tools.sh
export PATH=$PWD/.local/tools/bin:$PWD/.local/tools/ct/venv/bin:$PWD/node_modules/.bin:$PATH

charts=deploy/helm
services=(incident change problem configuration catalog)
oldest_kube=1.30.0 # Chart.yaml kubeVersion: >=1.30 (preStop sleep, matchLabelKeys)
newest_kube=1.37.0
# Custom resources have no schema among the Kubernetes API's; the Jest spec checks their key fields.
crds=ServiceMonitor,PrometheusRule,ScaledObject,KafkaTopic,HTTPRoute
# kube-score checks left out, and why:
# - deployment-has-host-podantiaffinity: replicas are spread across nodes (and zones) by
#   topologySpreadConstraints, which kube-score does not read; a hard anti-affinity would leave
#   replicas Pending on small clusters.
# - container-image-pull-policy (wants Always): images are addressed by an immutable version tag or a
#   digest, so Always only adds a registry round trip to every pod start and makes restarts depend on
#   the registry being up; image.pullPolicy=Always is a value away for those who want it.
kube_score_ignored=(deployment-has-host-podantiaffinity container-image-pull-policy)
kube_score_optional=(container-seccomp-profile container-ports-check)
rendered=.local/helm/rendered
rm -rf "$rendered" && mkdir -p "$rendered"

echo "== copies in sync"
for service in "${services[@]}"; do
  cmp "$charts/itsm-common/service-values.schema.json" "$charts/itsm-$service/values.schema.json" ||
    { echo "deploy/helm/itsm-$service/values.schema.json differs from deploy/helm/itsm-common/service-values.schema.json: copy it" >&2; exit 1; }
done
cmp deploy/prometheus/itsm-alerts.yaml "$charts/itsm/files/itsm-alerts.yaml" ||
  { echo "deploy/helm/itsm/files/itsm-alerts.yaml differs from deploy/prometheus/itsm-alerts.yaml: copy it" >&2; exit 1; }

echo "== dependencies"
for chart in "${services[@]/#/itsm-}" itsm; do
  helm dependency update --skip-refresh "$charts/$chart" > /dev/null
done

echo "== helm lint --strict"
helm lint --strict "$charts/itsm-common"
for chart in "${services[@]/#/itsm-}" itsm; do
  for values in "$charts/$chart"/ci/*-values.yaml; do
    helm lint --strict --quiet "$charts/$chart" -f "$values"
  done
done

echo "== ct lint"
# Offline: deploy/helm/ct.yaml lints every chart, compares nothing with a remote branch and builds no
# dependency (done above). CT_CONFIG_DIR is where ct finds its Chart.yaml schema.
if ! CT_CONFIG_DIR=$PWD/.local/tools/ct ct lint --config "$charts/ct.yaml" > .local/helm/ct-lint.txt 2>&1; then
  cat .local/helm/ct-lint.txt >&2
  exit 1
fi
grep -E '^ ✔' .local/helm/ct-lint.txt

echo "== READMEs (helm-docs)"
bash "$charts/readmes.sh" --check

echo "== helm template"
count=0
for chart in "${services[@]/#/itsm-}" itsm; do
  files=("$charts/$chart"/ci/*-values.yaml)
  [ "$chart" = itsm ] && files+=("$charts"/examples/*-values.yaml)
  for values in "${files[@]}"; do
    for kube in "$oldest_kube" "$newest_kube"; do
      out="$rendered/$kube/$chart--$(basename "$values" .yaml).yaml"
      mkdir -p "$(dirname "$out")"
      helm template itsm "$charts/$chart" -f "$values" --kube-version "$kube" --namespace itsm > "$out"
      count=$((count + 1))
    done
  done
done
echo "$count renderings in $rendered"

echo "== kubeconform -strict"
for kube in "$oldest_kube" "$newest_kube"; do
  echo "Kubernetes $kube:"
  kubeconform -strict -summary -kubernetes-version "$kube" -skip "$crds" \
    -schema-location ".local/tools/kubernetes-schemas/{{.NormalizedKubernetesVersion}}/{{.ResourceKind}}{{.KindSuffix}}.json" \
    "$rendered/$kube"
done

echo "== kube-score"
ignored=()
for test in "${kube_score_ignored[@]}"; do ignored+=(--ignore-test "$test"); done
for test in "${kube_score_optional[@]}"; do ignored+=(--enable-optional-test "$test"); done
# One rendering at a time: kube-score matches HPAs and PDBs to Deployments by name across its input.
# The all-off renderings turn the NetworkPolicy, PDB and replicas off on purpose: kubeconform and the
# Jest spec check them, kube-score does not.
: > .local/helm/kube-score.txt
for file in "$rendered/$newest_kube"/*.yaml; do
  [ -s "$file" ] && [[ "$file" != *--all-off-values.yaml ]] || continue
  kube-score score --output-format ci "${ignored[@]}" "$file" | sed "s|^|$(basename "$file" .yaml): |" >> .local/helm/kube-score.txt || true
done
findings=$(grep -cE ': \[(CRITICAL|WARNING)\]' .local/helm/kube-score.txt || true)
echo "$(grep -c ': \[OK\]' .local/helm/kube-score.txt) checks OK, $findings critical or warning (ignored: ${kube_score_ignored[*]})"
if [ "$findings" != 0 ]; then grep -E ': \[(CRITICAL|WARNING)\]' .local/helm/kube-score.txt >&2; exit 1; fi

echo "== template logic (jest)"
tsc -p deploy/helm/tests/tsconfig.json
jest --config deploy/helm/tests/jest.config.js

echo "Helm charts checked in $(($(date +%s) - started)) s"
