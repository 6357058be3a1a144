{{/*
Migrations run once per install or upgrade, before the new pods start, by a hook Job; the Deployment
then gets MIGRATIONS_RUN=false so that replicas never race each other over the schema. A failed Job
fails the `helm upgrade` and the old pods keep serving. The Job runs before the chart's own objects
exist, so it uses the namespace's default ServiceAccount (without a token) rather than the chart's.
*/}}
{{- define "itsm-common.migrationJob" -}}
{{- if .Values.migrations.enabled -}}
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ printf "%s-migrate" (include "itsm-common.fullname" .) | trunc 63 | trimSuffix "-" }}
  labels:
    {{- include "itsm-common.labels" (dict "context" . "component" "migration") | nindent 4 }}
  annotations:
    helm.sh/hook: pre-install,pre-upgrade
    helm.sh/hook-weight: "0"
    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
spec:
  backoffLimit: {{ .Values.migrations.backoffLimit }}
  activeDeadlineSeconds: {{ .Values.migrations.activeDeadlineSeconds }}
  ttlSecondsAfterFinished: {{ .Values.migrations.ttlSecondsAfterFinished }}
  template:
    metadata:
      labels:
        {{- include "itsm-common.labels" (dict "context" . "component" "migration") | nindent 8 }}
    spec:
      restartPolicy: Never
      automountServiceAccountToken: false
      securityContext:
        {{- include "itsm-common.podSecurityContext" . | nindent 8 }}
      {{- with include "itsm-common.podScheduling" . | trim }}{{ . | nindent 6 }}{{ end }}
      containers:
        - name: migrate
          image: {{ include "itsm-common.image" . }}
          imagePullPolicy: {{ .Values.image.pullPolicy }}
          args:
            {{- toYaml .Values.migrations.args | nindent 12 }}
          env:
            {{- include "itsm-common.env.database" . | nindent 12 }}
          resources:
            {{- toYaml .Values.migrations.resources | nindent 12 }}
          securityContext:
            {{- include "itsm-common.containerSecurityContext" . | nindent 12 }}
          volumeMounts:
            {{- include "itsm-common.tmpVolumeMount" . | nindent 12 }}
            {{- with include "itsm-common.secretVolumeMounts" . | trim }}{{ . | nindent 12 }}{{ end }}
      volumes:
        {{- include "itsm-common.tmpVolume" . | nindent 8 }}
        {{- with include "itsm-common.secretVolumes" . | trim }}{{ . | nindent 8 }}{{ end }}
{{- end -}}
{{- end -}}
