{{/*
A Job that Helm runs before an install or upgrade applies the chart's objects, with the service's
image: the migrations, the topics. A failed Job fails the `helm install` or `helm upgrade`, and the
old pods keep serving. It runs before the chart's own objects exist, so it uses the namespace's
default ServiceAccount (without a token) rather than the chart's. Takes (dict "context" $ "name"
"migrate" "component" "migration" "weight" "0" "settings" .Values.migrations "env" <env entries>).
*/}}
{{- define "itsm-common.hookJob" -}}
{{- $ctx := .context -}}
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ printf "%s-%s" (include "itsm-common.fullname" $ctx) .name | trunc 63 | trimSuffix "-" }}
  labels:
    {{- include "itsm-common.labels" (dict "context" $ctx "component" .component) | nindent 4 }}
  annotations:
    helm.sh/hook: pre-install,pre-upgrade
    helm.sh/hook-weight: {{ .weight | quote }}
    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
spec:
  backoffLimit: {{ .settings.backoffLimit }}
  activeDeadlineSeconds: {{ .settings.activeDeadlineSeconds }}
  ttlSecondsAfterFinished: {{ .settings.ttlSecondsAfterFinished }}
  template:
    metadata:
      labels:
        {{- include "itsm-common.labels" (dict "context" $ctx "component" .component) | nindent 8 }}
    spec:
      restartPolicy: Never
      automountServiceAccountToken: false
      securityContext:
        {{- include "itsm-common.podSecurityContext" $ctx | nindent 8 }}
      {{- with include "itsm-common.podScheduling" $ctx | trim }}{{ . | nindent 6 }}{{ end }}
      containers:
        - name: {{ .name }}
          image: {{ include "itsm-common.image" $ctx }}
          imagePullPolicy: {{ $ctx.Values.image.pullPolicy }}
          args:
            {{- toYaml .settings.args | nindent 12 }}
          env:
            {{- .env | nindent 12 }}
          resources:
            {{- toYaml .settings.resources | nindent 12 }}
          securityContext:
            {{- include "itsm-common.containerSecurityContext" $ctx | nindent 12 }}
          volumeMounts:
            {{- include "itsm-common.tmpVolumeMount" $ctx | nindent 12 }}
            {{- with include "itsm-common.secretVolumeMounts" $ctx | trim }}{{ . | nindent 12 }}{{ end }}
      volumes:
        {{- include "itsm-common.tmpVolume" $ctx | nindent 8 }}
        {{- with include "itsm-common.secretVolumes" $ctx | trim }}{{ . | nindent 8 }}{{ end }}
{{- end -}}
