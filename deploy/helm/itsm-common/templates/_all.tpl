{{/* Every object of one service; a service chart's only template includes this. */}}
{{- define "itsm-common.all" -}}
{{- range $kind := list "serviceAccount" "service" "deployment" "hpa" "scaledObject" "pdb" "networkPolicy" "serviceMonitor" "ingress" "httpRoute" "migrationJob" "topicsJob" }}
{{- $object := include (printf "itsm-common.%s" $kind) $ | trim }}
{{- if $object }}
---
{{ $object }}
{{- end }}
{{- end }}
{{- include "itsm-common.kafkaTopics" $ }}
{{- end -}}

{{- define "itsm-common.notes" -}}
{{- $name := include "itsm-common.fullname" . -}}
{{ include "itsm-common.name" . }} {{ .Chart.AppVersion }} is installed as {{ $name }} in namespace {{ .Release.Namespace }}.
{{- if .Values.migrations.enabled }}
Its migrations ran in the hook Job {{ $name }}-migrate before the pods started (MIGRATIONS_RUN=false on the pods).
{{- end }}
{{- if and .Values.topicsJob.enabled (not (((((.Values.global).itsm).kafka).strimzi) | default dict).topics) }}
Its topics were created by the hook Job {{ $name }}-topics.
{{- end }}

Watch the rollout and the readiness (database, migrations, Kafka):
  kubectl -n {{ .Release.Namespace }} rollout status deployment/{{ $name }}
  kubectl -n {{ .Release.Namespace }} port-forward service/{{ $name }} 8080:{{ .Values.service.port }}
  curl http://127.0.0.1:8080/health/ready
{{- if .Values.ingress.enabled }}
Ingress: {{ range .Values.ingress.hosts }}{{ .host }} {{ end }}
{{- end }}
{{- if not .Values.serviceMonitor.enabled }}
Metrics at /metrics are not scraped by a ServiceMonitor (serviceMonitor.enabled=false).
{{- end }}
{{- end -}}
