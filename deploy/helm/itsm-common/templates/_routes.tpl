{{- define "itsm-common.ingress" -}}
{{- if .Values.ingress.enabled -}}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ include "itsm-common.fullname" . }}
  labels:
    {{- include "itsm-common.labels" . | nindent 4 }}
  {{- with .Values.ingress.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  {{- with .Values.ingress.className }}
  ingressClassName: {{ . }}
  {{- end }}
  {{- with .Values.ingress.tls }}
  tls:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  rules:
    {{- range required "ingress.hosts needs at least one host when ingress.enabled" .Values.ingress.hosts }}
    - host: {{ .host | quote }}
      http:
        paths:
          {{- range .paths }}
          - path: {{ .path }}
            pathType: {{ .pathType }}
            backend:
              service:
                name: {{ include "itsm-common.fullname" $ }}
                port:
                  name: http
          {{- end }}
    {{- end }}
{{- end -}}
{{- end -}}

{{- define "itsm-common.httpRoute" -}}
{{- if .Values.httpRoute.enabled -}}
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: {{ include "itsm-common.fullname" . }}
  labels:
    {{- include "itsm-common.labels" . | nindent 4 }}
spec:
  parentRefs:
    {{- toYaml (required "httpRoute.parentRefs needs the Gateway to attach to when httpRoute.enabled" .Values.httpRoute.parentRefs) | nindent 4 }}
  {{- with .Values.httpRoute.hostnames }}
  hostnames:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  rules:
    - matches:
        {{- toYaml .Values.httpRoute.matches | nindent 8 }}
      backendRefs:
        - name: {{ include "itsm-common.fullname" . }}
          port: {{ .Values.service.port }}
{{- end -}}
{{- end -}}
