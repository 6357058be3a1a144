{{/*
Migrations run once per install or upgrade, before the new pods start, by a hook Job; the Deployment
then gets MIGRATIONS_RUN=false so that replicas never race each other over the schema.
*/}}
{{- define "itsm-common.migrationJob" -}}
{{- if .Values.migrations.enabled -}}
{{- include "itsm-common.hookJob" (dict "context" . "name" "migrate" "component" "migration" "weight" "0" "settings" .Values.migrations "env" (include "itsm-common.env.database" .)) }}
{{- end -}}
{{- end -}}
