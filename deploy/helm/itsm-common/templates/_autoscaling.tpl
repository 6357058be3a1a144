{{/* CPU-driven HPA: HTTP load. */}}
{{- define "itsm-common.hpa" -}}
{{- if .Values.autoscaling.enabled -}}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "itsm-common.fullname" . }}
  labels:
    {{- include "itsm-common.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "itsm-common.fullname" . }}
  minReplicas: {{ .Values.autoscaling.minReplicas }}
  maxReplicas: {{ .Values.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ .Values.autoscaling.targetCPUUtilizationPercentage }}
{{- end -}}
{{- end -}}

{{/*
KEDA on consumer lag (and CPU): a service that falls behind on its subscriptions gets replicas, up to
the topic's partitions (more consumers than partitions idle). Group ids are
<topic prefix>itsm-<practice>.<subscription>, as libs/messaging names them.
*/}}
{{- define "itsm-common.scaledObject" -}}
{{- if .Values.keda.enabled -}}
{{- $kafka := (((.Values.global).itsm).kafka) | default dict -}}
{{- $prefix := $kafka.topicPrefix | default "" -}}
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: {{ include "itsm-common.fullname" . }}
  labels:
    {{- include "itsm-common.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    name: {{ include "itsm-common.fullname" . }}
  minReplicaCount: {{ .Values.keda.minReplicaCount }}
  maxReplicaCount: {{ .Values.keda.maxReplicaCount }}
  pollingInterval: {{ .Values.keda.pollingInterval }}
  cooldownPeriod: {{ .Values.keda.cooldownPeriod }}
  triggers:
    - type: cpu
      metricType: Utilization
      metadata:
        value: {{ .Values.autoscaling.targetCPUUtilizationPercentage | quote }}
    {{- if not .Values.keda.subscriptions }}
    {{- fail "keda.subscriptions is empty: this service consumes no topic, scale it with autoscaling.enabled instead" }}
    {{- end }}
    {{- range .Values.keda.subscriptions }}
    - type: kafka
      metadata:
        bootstrapServers: {{ $kafka.brokers | quote }}
        consumerGroup: {{ printf "%sitsm-%s.%s" $prefix (include "itsm-common.practice" $) .name | quote }}
        topic: {{ printf "%s%s" $prefix .topic | quote }}
        lagThreshold: {{ $.Values.keda.lagThreshold | quote }}
        allowIdleConsumers: "false"
      {{- with $.Values.keda.authenticationRef }}
      authenticationRef:
        name: {{ . }}
      {{- end }}
    {{- end }}
{{- end -}}
{{- end -}}
