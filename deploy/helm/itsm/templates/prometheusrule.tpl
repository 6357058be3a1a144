{{- /*
The platform's alerting rules, deploy/prometheus/itsm-alerts.yaml (copied into files/, since a chart
reads only its own files; scripts/check-helm.sh fails when the copy differs). The file is read raw, so
Prometheus' own {{ $labels }} templates reach Prometheus untouched.
*/ -}}
{{- if .Values.prometheusRule.enabled }}
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: {{ printf "%s-alerts" .Release.Name | trunc 63 | trimSuffix "-" }}
  labels:
    app.kubernetes.io/name: itsm
    app.kubernetes.io/instance: {{ .Release.Name }}
    app.kubernetes.io/component: alerts
    app.kubernetes.io/part-of: itsm
    app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
    app.kubernetes.io/managed-by: {{ .Release.Service }}
    helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
    {{- with .Values.prometheusRule.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  {{- .Files.Get "files/itsm-alerts.yaml" | nindent 2 }}
{{- end }}
