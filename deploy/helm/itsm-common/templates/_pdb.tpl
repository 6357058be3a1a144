{{/* maxUnavailable, not minAvailable: a single replica still lets a node drain. */}}
{{- define "itsm-common.pdb" -}}
{{- if .Values.podDisruptionBudget.enabled -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "itsm-common.fullname" . }}
  labels:
    {{- include "itsm-common.labels" . | nindent 4 }}
spec:
  maxUnavailable: {{ .Values.podDisruptionBudget.maxUnavailable }}
  unhealthyPodEvictionPolicy: AlwaysAllow
  selector:
    matchLabels:
      {{- include "itsm-common.selectorLabels" . | nindent 6 }}
{{- end -}}
{{- end -}}
