{{/*
The service's Deployment. The grace period outlasts SHUTDOWN_GRACE_MS (the service's own deadline for
draining requests, the relay batch and the consumer group) so that Kubernetes never SIGKILLs a clean
shutdown; the preStop sleep lets endpoints drop the pod before the process stops accepting.
*/}}
{{- define "itsm-common.deployment" -}}
{{- $graceSeconds := int .Values.shutdown.terminationGracePeriodSeconds -}}
{{- $preStop := int .Values.shutdown.preStopSleepSeconds -}}
{{- if le (mul $graceSeconds 1000) (add .Values.shutdown.graceMs (mul $preStop 1000)) -}}
{{- fail (printf "shutdown.terminationGracePeriodSeconds (%d s) must exceed shutdown.preStopSleepSeconds + shutdown.graceMs (%d s + %d ms), or Kubernetes kills the service before it has drained" $graceSeconds $preStop (int .Values.shutdown.graceMs)) -}}
{{- end -}}
{{- if and .Values.autoscaling.enabled .Values.keda.enabled -}}
{{- fail "autoscaling.enabled and keda.enabled are exclusive: KEDA makes its own HorizontalPodAutoscaler" -}}
{{- end -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "itsm-common.fullname" . }}
  labels:
    {{- include "itsm-common.labels" . | nindent 4 }}
  {{- if .Values.keda.enabled }}
  annotations:
    # KEDA makes the HPA at run time: kube-score cannot see that the replicas are managed.
    kube-score/ignore: deployment-replicas
  {{- end }}
spec:
  {{- if not (or .Values.autoscaling.enabled .Values.keda.enabled) }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 0
  selector:
    matchLabels:
      {{- include "itsm-common.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "itsm-common.labels" . | nindent 8 }}
        {{- with .Values.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- with .Values.podAnnotations }}
      annotations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    spec:
      serviceAccountName: {{ include "itsm-common.serviceAccountName" . }}
      automountServiceAccountToken: false
      securityContext:
        {{- include "itsm-common.podSecurityContext" . | nindent 8 }}
      terminationGracePeriodSeconds: {{ $graceSeconds }}
      {{- with include "itsm-common.podScheduling" . | trim }}{{ . | nindent 6 }}{{ end }}
      {{- with .Values.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with include "itsm-common.topologySpread" . | trim }}{{ . | nindent 6 }}{{ end }}
      containers:
        - name: {{ include "itsm-common.practice" . }}
          image: {{ include "itsm-common.image" . }}
          imagePullPolicy: {{ .Values.image.pullPolicy }}
          {{- with .Values.args }}
          args:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          ports:
            - name: http
              containerPort: {{ .Values.containerPort }}
              protocol: TCP
          env:
            {{- include "itsm-common.env" . | nindent 12 }}
          {{- with .Values.extraEnvFrom }}
          envFrom:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          startupProbe:
            httpGet:
              path: /health/live
              port: http
            {{- toYaml .Values.probes.startup | nindent 12 }}
          livenessProbe:
            httpGet:
              path: /health/live
              port: http
            {{- toYaml .Values.probes.liveness | nindent 12 }}
          readinessProbe:
            httpGet:
              path: /health/ready
              port: http
            {{- toYaml .Values.probes.readiness | nindent 12 }}
          {{- if $preStop }}
          lifecycle:
            preStop:
              sleep:
                seconds: {{ $preStop }}
          {{- end }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
          securityContext:
            {{- include "itsm-common.containerSecurityContext" . | nindent 12 }}
          volumeMounts:
            {{- include "itsm-common.tmpVolumeMount" . | nindent 12 }}
            {{- with include "itsm-common.secretVolumeMounts" . | trim }}{{ . | nindent 12 }}{{ end }}
      volumes:
        {{- include "itsm-common.tmpVolume" . | nindent 8 }}
        {{- with include "itsm-common.secretVolumes" . | trim }}{{ . | nindent 8 }}{{ end }}
{{- end -}}

{{/* Spread replicas across zones and nodes; ScheduleAnyway keeps a one-zone cluster schedulable. */}}
{{- define "itsm-common.topologySpread" -}}
{{- if .Values.topologySpread.enabled }}
topologySpreadConstraints:
  {{- range $key := list "topology.kubernetes.io/zone" "kubernetes.io/hostname" }}
  - topologyKey: {{ $key }}
    maxSkew: {{ $.Values.topologySpread.maxSkew }}
    whenUnsatisfiable: {{ $.Values.topologySpread.whenUnsatisfiable }}
    labelSelector:
      matchLabels:
        {{- include "itsm-common.selectorLabels" $ | nindent 8 }}
    matchLabelKeys:
      - pod-template-hash
  {{- end }}
{{- end }}
{{- end -}}
