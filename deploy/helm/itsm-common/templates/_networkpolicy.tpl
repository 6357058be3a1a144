{{/*
Ingress only from the ingress controller and Prometheus (networkPolicy.ingressFrom); egress only to
DNS, PostgreSQL, Kafka and the identity provider (by port, narrowed by each rule's `to` peers). The
pod selector leaves out the component label so that the migration Job's pods are covered too.
*/}}
{{- define "itsm-common.networkPolicy" -}}
{{- if .Values.networkPolicy.enabled -}}
{{- $egress := .Values.networkPolicy.egress -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "itsm-common.fullname" . }}
  labels:
    {{- include "itsm-common.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "itsm-common.instanceLabels" . | nindent 6 }}
  policyTypes: [Ingress, Egress]
  ingress:
    - ports:
        - port: http
          protocol: TCP
      {{- with .Values.networkPolicy.ingressFrom }}
      from:
        {{- toYaml . | nindent 8 }}
      {{- end }}
  egress:
    {{- range $name := list "dns" "postgres" "kafka" "identityProvider" }}
    {{- $rule := index $egress $name }}
    - ports:
        {{- range $rule.ports }}
        - port: {{ . }}
          protocol: TCP
        {{- if eq $name "dns" }}
        - port: {{ . }}
          protocol: UDP
        {{- end }}
        {{- end }}
      {{- with $rule.to }}
      to:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    {{- end }}
    {{- with $egress.extra }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end -}}
{{- end -}}
