{{- define "itsm-common.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "itsm-common.fullname" . }}
  labels:
    {{- include "itsm-common.labels" . | nindent 4 }}
  {{- with .Values.service.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ .Values.service.type }}
  selector:
    {{- include "itsm-common.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ .Values.service.port }}
      targetPort: http
      protocol: TCP
{{- end -}}
