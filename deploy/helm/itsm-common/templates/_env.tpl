{{/*
The environment of docs/configuration.md. Credentials come only from existing Secrets (secretKeyRef or
mounted files); plain values come from values.yaml. global.itsm.config and the service's config are
extra variables (service's wins), rendered after the structured ones so that they can override them.
*/}}

{{- define "itsm-common.kafkaTlsDir" -}}/etc/itsm/kafka-tls{{- end -}}
{{- define "itsm-common.postgresTlsDir" -}}/etc/itsm/postgres-tls{{- end -}}

{{/* The variables the migration Job needs too: the database only. */}}
{{- define "itsm-common.env.database" -}}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ required "database.existingSecret is required: the name of an existing Secret whose key database.secretKey holds this service's DATABASE_URL (postgres://user:password@host:5432/itsm_<practice>)" .Values.database.existingSecret }}
      key: {{ .Values.database.secretKey }}
{{- end -}}

{{/* The Kafka connection: the service and the topic Job. */}}
{{- define "itsm-common.env.kafka" -}}
{{- $kafka := (((.Values.global).itsm).kafka) | default dict -}}
- name: KAFKA_BROKERS
  value: {{ required "global.itsm.kafka.brokers is required: the comma-separated host:port list of the Kafka bootstrap brokers" $kafka.brokers | quote }}
{{- with $kafka.topicPrefix }}
- name: KAFKA_TOPIC_PREFIX
  value: {{ . | quote }}
{{- end }}
- name: KAFKA_TOPIC_PARTITIONS
  value: {{ $kafka.topicPartitions | quote }}
- name: KAFKA_REPLICATION_FACTOR
  value: {{ $kafka.replicationFactor | quote }}
{{- with $kafka.tls }}
{{- if .enabled }}
- name: KAFKA_TLS
  value: "true"
- name: KAFKA_TLS_REJECT_UNAUTHORIZED
  value: {{ .rejectUnauthorized | quote }}
{{- if .existingSecret }}
{{- with .caKey }}
- name: KAFKA_TLS_CA_FILE
  value: {{ printf "%s/%s" (include "itsm-common.kafkaTlsDir" $) . | quote }}
{{- end }}
{{- with .certKey }}
- name: KAFKA_TLS_CERT_FILE
  value: {{ printf "%s/%s" (include "itsm-common.kafkaTlsDir" $) . | quote }}
{{- end }}
{{- with .keyKey }}
- name: KAFKA_TLS_KEY_FILE
  value: {{ printf "%s/%s" (include "itsm-common.kafkaTlsDir" $) . | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- with $kafka.sasl }}
{{- if .mechanism }}
- name: KAFKA_SASL_MECHANISM
  value: {{ .mechanism | quote }}
{{- $secret := required "global.itsm.kafka.sasl.existingSecret is required with a SASL mechanism: the Secret holding the Kafka password (and the user name unless global.itsm.kafka.sasl.username is set)" .existingSecret }}
- name: KAFKA_SASL_USERNAME
{{- if .username }}
  value: {{ .username | quote }}
{{- else }}
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ .usernameKey }}
{{- end }}
- name: KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ .passwordKey }}
{{- end }}
{{- end }}
{{- end -}}

{{/* global.itsm.config and the service's config (the service's wins): the service and the topic Job. */}}
{{- define "itsm-common.env.config" -}}
{{- range $name, $value := merge (deepCopy (.Values.config | default dict)) ((((.Values.global).itsm).config) | default dict) }}
- name: {{ $name }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- end -}}

{{- define "itsm-common.env" -}}
{{- $global := (.Values.global).itsm | default dict -}}
{{- $auth := $global.auth | default dict -}}
{{- $telemetry := $global.telemetry | default dict -}}
- name: POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: POD_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
- name: HTTP_PORT
  value: {{ .Values.containerPort | quote }}
- name: SHUTDOWN_GRACE_MS
  value: {{ .Values.shutdown.graceMs | quote }}
{{ include "itsm-common.env.database" . }}
- name: DATABASE_POOL_SIZE
  value: {{ .Values.database.poolSize | quote }}
- name: MIGRATIONS_RUN
  value: {{ (not .Values.migrations.enabled) | quote }}
{{ include "itsm-common.env.kafka" . }}
- name: AUTH_ISSUER
  value: {{ required "global.itsm.auth.issuer is required: the OpenID Connect issuer whose access tokens the services accept (exactly the iss of its tokens)" $auth.issuer | quote }}
- name: AUTH_AUDIENCE
  value: {{ $auth.audience | quote }}
{{- with $auth.jwksUrl }}
- name: AUTH_JWKS_URL
  value: {{ . | quote }}
{{- end }}
- name: OTEL_SERVICE_NAME
  value: {{ include "itsm-common.name" . | quote }}
- name: OTEL_RESOURCE_ATTRIBUTES
  value: "k8s.namespace.name=$(POD_NAMESPACE),k8s.pod.name=$(POD_NAME),service.instance.id=$(POD_NAME)"
{{- with $telemetry.otlpEndpoint }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ . | quote }}
{{- end }}
{{- include "itsm-common.env.config" . }}
{{- with .Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Secrets mounted as files: Kafka TLS and PostgreSQL TLS (sslrootcert= in DATABASE_URL points here). */}}
{{- define "itsm-common.secretVolumes" -}}
{{- $tls := ((((.Values.global).itsm).kafka).tls) | default dict -}}
{{- if and $tls.enabled $tls.existingSecret }}
- name: kafka-tls
  secret:
    secretName: {{ $tls.existingSecret }}
    defaultMode: 0440
{{- end }}
{{- with .Values.database.tls.existingSecret }}
- name: postgres-tls
  secret:
    secretName: {{ . }}
    defaultMode: 0440
{{- end }}
{{- end -}}

{{- define "itsm-common.secretVolumeMounts" -}}
{{- $tls := ((((.Values.global).itsm).kafka).tls) | default dict -}}
{{- if and $tls.enabled $tls.existingSecret }}
- name: kafka-tls
  mountPath: {{ include "itsm-common.kafkaTlsDir" . }}
  readOnly: true
{{- end }}
{{- if .Values.database.tls.existingSecret }}
- name: postgres-tls
  mountPath: {{ include "itsm-common.postgresTlsDir" . }}
  readOnly: true
{{- end }}
{{- end -}}
