/**
 * The Helm benchmark's chart, generated in memory: a parent chart "shop" and two subcharts
 * ("cache", "worker"), 30 templates in all plus a _helpers.tpl per chart, written the way
 * `helm create` and popular charts write them: includes of named helpers, conditions, ranges over
 * lists and maps, toYaml | nindent, global values, an aliased-free dependency with a condition.
 */

/** Named helpers of one chart, as `helm create` writes them. */
function helpers(chart: string): string {
  return `{{- define "${chart}.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "${chart}.fullname" -}}
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

{{- define "${chart}.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "${chart}.selectorLabels" -}}
app.kubernetes.io/name: {{ include "${chart}.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "${chart}.labels" -}}
helm.sh/chart: {{ include "${chart}.chart" . }}
{{ include "${chart}.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.global.labels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "${chart}.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "${chart}.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}
`;
}

function meta(chart: string, suffix = ''): string {
  return `metadata:
  name: {{ include "${chart}.fullname" . }}${suffix}
  labels:
    {{- include "${chart}.labels" . | nindent 4 }}`;
}

function workload(chart: string, kind: string): string {
  return `apiVersion: apps/v1
kind: ${kind}
${meta(chart)}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "${chart}.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      annotations:
        checksum/config: {{ .Values.config | toYaml | sha256sum }}
        {{- with .Values.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      labels:
        {{- include "${chart}.selectorLabels" . | nindent 8 }}
    spec:
      serviceAccountName: {{ include "${chart}.serviceAccountName" . }}
      {{- with .Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .Chart.Name }}
          image: "{{ .Values.global.registry }}/{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          imagePullPolicy: {{ .Values.image.pullPolicy }}
          ports:
            {{- range $name, $port := .Values.ports }}
            - name: {{ $name }}
              containerPort: {{ $port }}
              protocol: TCP
            {{- end }}
          env:
            {{- range $key, $value := .Values.env }}
            - name: {{ $key | upper }}
              value: {{ $value | quote }}
            {{- end }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
      {{- with .Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
`;
}

function service(chart: string, suffix: string, type: string): string {
  return `apiVersion: v1
kind: Service
${meta(chart, suffix)}
spec:
  type: ${type}
  ports:
    {{- range $name, $port := .Values.ports }}
    - port: {{ $port }}
      targetPort: {{ $name }}
      name: {{ $name }}
    {{- end }}
  selector:
    {{- include "${chart}.selectorLabels" . | nindent 4 }}
`;
}

function guarded(condition: string, body: string): string {
  return `{{- if ${condition} }}\n${body}{{- end }}\n`;
}

/** The templates every chart of the benchmark has (9 each). */
function commonTemplates(chart: string, kind: string): Record<string, string> {
  return {
    'templates/_helpers.tpl': helpers(chart),
    'templates/workload.yaml': workload(chart, kind),
    'templates/service.yaml': service(chart, '', 'ClusterIP'),
    'templates/service-headless.yaml': service(chart, '-headless', 'ClusterIP'),
    'templates/serviceaccount.yaml': guarded('.Values.serviceAccount.create', `apiVersion: v1\nkind: ServiceAccount\n${meta(chart)}\n`),
    'templates/configmap.yaml': `apiVersion: v1\nkind: ConfigMap\n${meta(chart, '-config')}\ndata:\n  {{- range $k, $v := .Values.config }}\n  {{ $k }}: {{ tpl (toString $v) $ | quote }}\n  {{- end }}\n`,
    'templates/secret.yaml': `apiVersion: v1\nkind: Secret\n${meta(chart)}\ntype: Opaque\ndata:\n  {{- range $k, $v := .Values.secrets }}\n  {{ $k }}: {{ $v | b64enc | quote }}\n  {{- end }}\n`,
    'templates/hpa.yaml': guarded('.Values.autoscaling.enabled', `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\n${meta(chart)}\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: ${kind}\n    name: {{ include "${chart}.fullname" . }}\n  minReplicas: {{ .Values.autoscaling.minReplicas }}\n  maxReplicas: {{ .Values.autoscaling.maxReplicas }}\n  metrics:\n    - type: Resource\n      resource:\n        name: cpu\n        target:\n          type: Utilization\n          averageUtilization: {{ .Values.autoscaling.targetCPU }}\n`),
    'templates/pdb.yaml': guarded('gt (int .Values.replicaCount) 1', `apiVersion: policy/v1\nkind: PodDisruptionBudget\n${meta(chart)}\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels:\n      {{- include "${chart}.selectorLabels" . | nindent 6 }}\n`),
  };
}

function parentExtras(): Record<string, string> {
  const rbac = (kind: string, extra: string): string => guarded('.Values.rbac.create', `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\n${meta('shop')}\n${extra}`);
  return {
    'templates/ingress.yaml': guarded('.Values.ingress.enabled', `apiVersion: networking.k8s.io/v1\nkind: Ingress\n${meta('shop')}\n  {{- with .Values.ingress.annotations }}\n  annotations:\n    {{- toYaml . | nindent 4 }}\n  {{- end }}\nspec:\n  {{- if .Values.ingress.tls }}\n  tls:\n    {{- range .Values.ingress.tls }}\n    - hosts:\n        {{- range .hosts }}\n        - {{ . | quote }}\n        {{- end }}\n      secretName: {{ .secretName }}\n    {{- end }}\n  {{- end }}\n  rules:\n    {{- range .Values.ingress.hosts }}\n    - host: {{ .host | quote }}\n      http:\n        paths:\n          {{- range .paths }}\n          - path: {{ .path }}\n            pathType: {{ .pathType }}\n            backend:\n              service:\n                name: {{ include "shop.fullname" $ }}\n                port:\n                  number: {{ $.Values.ports.http }}\n          {{- end }}\n    {{- end }}\n`),
    'templates/role.yaml': rbac('Role', 'rules:\n  - apiGroups: [""]\n    resources: ["configmaps", "secrets"]\n    verbs: ["get", "list", "watch"]\n'),
    'templates/rolebinding.yaml': rbac('RoleBinding', 'roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: {{ include "shop.fullname" . }}\nsubjects:\n  - kind: ServiceAccount\n    name: {{ include "shop.serviceAccountName" . }}\n    namespace: {{ .Release.Namespace }}\n'),
    'templates/networkpolicy.yaml': guarded('.Values.networkPolicy.enabled', `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n${meta('shop')}\nspec:\n  podSelector:\n    matchLabels:\n      {{- include "shop.selectorLabels" . | nindent 6 }}\n  ingress:\n    {{- range .Values.networkPolicy.allowFrom }}\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: {{ . }}\n    {{- end }}\n`),
    'templates/cronjob.yaml': `{{- range $name, $job := .Values.cronJobs }}\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: {{ include "shop.fullname" $ }}-{{ $name }}\n  labels:\n    {{- include "shop.labels" $ | nindent 4 }}\nspec:\n  schedule: {{ $job.schedule | quote }}\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n            - name: {{ $name }}\n              image: "{{ $.Values.global.registry }}/{{ $.Values.image.repository }}:{{ $.Values.image.tag | default $.Chart.AppVersion }}"\n              args: {{ toJson $job.args }}\n{{- end }}\n`,
    'templates/migrate-job.yaml': `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {{ include "shop.fullname" . }}-migrate\n  annotations:\n    helm.sh/hook: pre-install,pre-upgrade\n    helm.sh/hook-weight: "-5"\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: migrate\n          image: "{{ .Values.global.registry }}/{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"\n          args: ["migrate", "--database", {{ required "database.url is required" .Values.database.url | quote }}]\n`,
    'templates/tests/test-connection.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: "{{ include "shop.fullname" . }}-test-connection"\n  annotations:\n    helm.sh/hook: test\nspec:\n  restartPolicy: Never\n  containers:\n    - name: wget\n      image: busybox\n      command: ['wget']\n      args: ['{{ include "shop.fullname" . }}:{{ .Values.ports.http }}']\n`,
    'templates/NOTES.txt': 'Visit http://{{ (first .Values.ingress.hosts).host }}\n',
  };
}

function commonValues(replicas: number, repository: string): string {
  return `replicaCount: ${replicas}
image:
  repository: ${repository}
  pullPolicy: IfNotPresent
  tag: ""
imagePullSecrets:
  - name: registry
serviceAccount:
  create: true
  name: ""
podAnnotations:
  prometheus.io/scrape: "true"
autoscaling:
  enabled: false
  minReplicas: 2
  maxReplicas: 10
  targetCPU: 80
resources:
  limits:
    cpu: 500m
    memory: 256Mi
  requests:
    cpu: 100m
    memory: 128Mi
nodeSelector:
  kubernetes.io/os: linux
tolerations:
  - key: dedicated
    operator: Equal
    value: apps
    effect: NoSchedule
global:
  registry: registry.example.com
  labels:
    team: shop
`;
}

function parentValues(): string {
  return `${commonValues(2, 'shop/web')}ports:
  http: 8080
  metrics: 9090
env:
  log_level: info
  region: eu-west-1
  feature_flags: checkout,search
config:
  greeting: "hello from {{ .Release.Name }}"
  maxItems: 50
secrets:
  apiKey: s3cr3t
ingress:
  enabled: true
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt
  hosts:
    - host: shop.example.com
      paths:
        - path: /
          pathType: Prefix
    - host: api.shop.example.com
      paths:
        - path: /v1
          pathType: Prefix
  tls:
    - secretName: shop-tls
      hosts: [shop.example.com, api.shop.example.com]
rbac:
  create: true
networkPolicy:
  enabled: true
  allowFrom: [ingress-nginx, monitoring]
cronJobs:
  cleanup:
    schedule: "0 3 * * *"
    args: [cleanup, --older-than, 30d]
  report:
    schedule: "0 6 * * 1"
    args: [report, --weekly]
database:
  url: postgres://db:5432/shop
cache:
  enabled: true
worker:
  replicaCount: 4
`;
}

function subchart(name: string, kind: string, port: number): Record<string, string> {
  const files: Record<string, string> = {
    'Chart.yaml': `apiVersion: v2\nname: ${name}\nversion: 1.4.2\nappVersion: "7.2"\n`,
    'values.yaml': `${commonValues(3, `shop/${name}`)}ports:\n  ${name}: ${port}\nenv:\n  mode: ${name}\nconfig:\n  role: ${name}\nsecrets:\n  password: pw-${name}\n`,
    ...commonTemplates(name, kind),
  };
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [`charts/${name}/${k}`, v]));
}

/** The benchmark chart as a file tree: 30 templates (3 _helpers.tpl and NOTES.txt besides). */
export function benchChart(): Map<string, Buffer> {
  const files: Record<string, string> = {
    'Chart.yaml': `apiVersion: v2\nname: shop\nversion: 2.3.1\nappVersion: "5.0.0"\ndependencies:\n  - name: cache\n    version: 1.x.x\n    condition: cache.enabled\n  - name: worker\n    version: ">=1.0.0"\n`,
    'values.yaml': parentValues(),
    ...commonTemplates('shop', 'Deployment'),
    ...parentExtras(),
    ...subchart('cache', 'StatefulSet', 6379),
    ...subchart('worker', 'Deployment', 9000),
  };
  return new Map(Object.entries(files).map(([k, v]) => [k, Buffer.from(v)]));
}

/** How many renderable templates (not partials, not NOTES.txt) a chart tree holds. */
export function countTemplates(files: ReadonlyMap<string, Buffer>): number {
  return [...files.keys()].filter((k) => /(^|\/)templates\/(?!_)[^/]*(\/[^/]+)*\.yaml$/.test(k)).length;
}
