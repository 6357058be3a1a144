{{- /* .tpl, not .yaml: prettier (npm run lint) cannot parse a template; Helm renders every file here not named _*. */ -}}
{{ include "itsm-common.all" . }}
