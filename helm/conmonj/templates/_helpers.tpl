{{/* Name of the chart, or nameOverride. */}}
{{- define "conmonj.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: release-chart unless the release name holds the chart's, or fullnameOverride. */}}
{{- define "conmonj.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "conmonj.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every object. */}}
{{- define "conmonj.labels" -}}
helm.sh/chart: {{ include "conmonj.chart" . }}
{{ include "conmonj.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: {{ include "conmonj.name" . }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Selector labels (stable across upgrades). */}}
{{- define "conmonj.selectorLabels" -}}
app.kubernetes.io/name: {{ include "conmonj.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "conmonj.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "conmonj.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* image reference: repository:tag or repository@digest */}}
{{- define "conmonj.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{- define "conmonj.installerImage" -}}
{{- if .Values.installer.image.repository }}
{{- printf "%s:%s" .Values.installer.image.repository (default .Chart.AppVersion .Values.installer.image.tag) }}
{{- else }}
{{- include "conmonj.image" . }}
{{- end }}
{{- end }}

{{- define "conmonj.scheme" -}}
{{- if .Values.gateway.tls.enabled }}https{{ else }}http{{ end }}
{{- end }}

{{- define "conmonj.runtimeClassName" -}}
{{- default .Values.installer.crio.handler .Values.installer.runtimeClass.name }}
{{- end }}

{{/* The monitors' environment: where and how they serve their sockets. */}}
{{- define "conmonj.monitorEnv" -}}
- "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
- "CONMONJ_HTTP_SOCKET_DIR={{ .Values.socketDir }}"
{{- if .Values.socketGroup.gid }}
- "CONMONJ_HTTP_SOCKET_GROUP={{ .Values.socketGroup.gid }}"
{{- end }}
{{- end }}
