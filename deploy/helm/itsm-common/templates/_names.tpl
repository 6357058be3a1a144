{{/*
Names and labels. A service chart says which practice it deploys in its Chart.yaml annotation
`itsm.io/practice`, not in values (a value could be overridden) nor through .Chart.Name (the umbrella
aliases each service chart, and an alias renames the chart).
*/}}

{{- define "itsm-common.practice" -}}
{{- required "the chart's Chart.yaml needs the annotation itsm.io/practice" (index (.Chart.Annotations | default dict) "itsm.io/practice") -}}
{{- end -}}

{{/* itsm-<practice>: app.kubernetes.io/name, the Prometheus job, the OpenTelemetry service name. */}}
{{- define "itsm-common.name" -}}
{{- default (printf "itsm-%s" (include "itsm-common.practice" .)) .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Release "itsm" gives itsm-incident, release "prod" gives prod-itsm-incident. */}}
{{- define "itsm-common.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "itsm-common.name" . -}}
{{- $practice := include "itsm-common.practice" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else if contains "itsm" .Release.Name -}}
{{- printf "%s-%s" .Release.Name $practice | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Every pod of the release's service, the migration Job's too (the NetworkPolicy selects these). */}}
{{- define "itsm-common.instanceLabels" -}}
app.kubernetes.io/name: {{ include "itsm-common.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* The serving pods only: a migration pod must never receive the Service's traffic. */}}
{{- define "itsm-common.selectorLabels" -}}
{{ include "itsm-common.instanceLabels" . }}
app.kubernetes.io/component: api
{{- end -}}

{{/* Standard labels; pass (dict "context" $ "component" "migration") for a component. */}}
{{- define "itsm-common.labels" -}}
{{- $ctx := .context | default . -}}
{{ include "itsm-common.instanceLabels" $ctx }}
app.kubernetes.io/component: {{ .component | default "api" }}
app.kubernetes.io/part-of: itsm
app.kubernetes.io/version: {{ $ctx.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ $ctx.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" $ctx.Chart.Name $ctx.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end -}}

{{- define "itsm-common.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "itsm-common.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
registry/repository:tag or @digest. The service's own value wins over global.itsm.image; the tag
defaults to the chart's appVersion, which is the platform's version.
*/}}
{{- define "itsm-common.image" -}}
{{- $global := (((.Values.global).itsm).image) | default dict -}}
{{- $registry := .Values.image.registry | default $global.registry -}}
{{- $repository := .Values.image.repository -}}
{{- $reference := printf ":%s" (.Values.image.tag | default $global.tag | default .Chart.AppVersion | toString) -}}
{{- with .Values.image.digest }}{{ $reference = printf "@%s" . }}{{ end -}}
{{- if $registry -}}
{{- printf "%s/%s%s" $registry $repository $reference -}}
{{- else -}}
{{- printf "%s%s" $repository $reference -}}
{{- end -}}
{{- end -}}

{{- define "itsm-common.imagePullSecrets" -}}
{{- $secrets := concat (((((.Values.global).itsm).image).pullSecrets) | default list) (.Values.image.pullSecrets | default list) | uniq -}}
{{- with $secrets }}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- end -}}
