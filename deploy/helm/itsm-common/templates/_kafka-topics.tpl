{{/*
With Strimzi, the practice's topic and its dead-letter topic as KafkaTopic resources (the topic
operator owns their partitions, replicas and retention). Without it the topic hook Job creates them
(_topics-job.tpl), and the service creates a missing one at start; both need the Create ACL.
*/}}
{{- define "itsm-common.kafkaTopics" -}}
{{- $kafka := (((.Values.global).itsm).kafka) | default dict -}}
{{- $strimzi := $kafka.strimzi | default dict -}}
{{- if $strimzi.topics -}}
{{- $topic := printf "%sitsm.%s.v1" ($kafka.topicPrefix | default "") (include "itsm-common.practice" .) -}}
{{- range $name := list $topic (printf "%s.dlq" $topic) }}
---
apiVersion: kafka.strimzi.io/v1beta2
kind: KafkaTopic
metadata:
  name: {{ $name | lower | replace "_" "-" | trunc 63 | trimSuffix "." | trimSuffix "-" }}
  {{- with $strimzi.namespace }}
  namespace: {{ . }}
  {{- end }}
  labels:
    strimzi.io/cluster: {{ required "global.itsm.kafka.strimzi.clusterName is required with global.itsm.kafka.strimzi.topics: the name of the Strimzi Kafka resource" $strimzi.clusterName }}
    {{- include "itsm-common.labels" (dict "context" $ "component" "kafka-topic") | nindent 4 }}
spec:
  topicName: {{ $name }}
  partitions: {{ $kafka.topicPartitions }}
  replicas: {{ $kafka.replicationFactor }}
{{- end }}
{{- end -}}
{{- end -}}
