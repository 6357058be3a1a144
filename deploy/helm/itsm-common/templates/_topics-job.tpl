{{/*
The service's topic and dead-letter topic, created by a hook Job (`topics ensure`) before the pods
start, so that the topics exist with the partitions and replicas of global.itsm.kafka before anything
publishes. Not rendered with Strimzi (global.itsm.kafka.strimzi.topics), whose KafkaTopic resources
are the topics then. The service still creates a missing topic at start.
*/}}
{{- define "itsm-common.topicsJob" -}}
{{- $strimzi := ((((.Values.global).itsm).kafka).strimzi) | default dict -}}
{{- if and .Values.topicsJob.enabled (not $strimzi.topics) -}}
{{- $env := printf "%s%s" (include "itsm-common.env.kafka" .) (include "itsm-common.env.config" .) -}}
{{- include "itsm-common.hookJob" (dict "context" . "name" "topics" "component" "topics" "weight" "-1" "settings" .Values.topicsJob "env" $env) }}
{{- end -}}
{{- end -}}
