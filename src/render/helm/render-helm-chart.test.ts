import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { TemplateError } from '../gotemplate/errors.js';
import { renderHelmChart } from './render-helm-chart.js';
import type { HelmRenderOptions } from './render-helm-chart.js';

function tree(files: Record<string, string>): Map<string, Buffer> {
  return new Map(Object.entries(files).map(([k, v]) => [k, Buffer.from(v)]));
}

const HELPERS = `{{- define "web.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}{{ .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}{{ printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}{{ end }}
{{- end -}}
{{- define "web.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version | replace "+" "_" }}
{{- end -}}`;

/** A real-world style chart: helpers, Deployment, Service, Ingress, ConfigMap, a subchart, globals. */
const WEB_CHART: Record<string, string> = {
  'Chart.yaml': `apiVersion: v2
name: web
version: 1.2.0
appVersion: "2.0"
dependencies:
  - name: cache
    version: ">=0.1.0"
    condition: cache.enabled
  - name: metrics
    version: 0.1.0
    alias: monitor
    tags: [observability]
    import-values:
      - child: exported
        parent: fromMonitor
`,
  'values.yaml': `replicaCount: 2
image:
  repository: nginx
  tag: ""
service:
  port: 80
ingress:
  enabled: false
  host: web.example.com
config:
  LOG_LEVEL: info
  removeMe: yes
global:
  env: dev
cache:
  enabled: true
tags:
  observability: false
`,
  'templates/_helpers.tpl': HELPERS,
  'templates/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "web.fullname" . }}
  labels:
    {{- include "web.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
  template:
    spec:
      containers:
        - name: web
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          env:
            - name: ENV
              value: {{ .Values.global.env | quote }}
`,
  'templates/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: {{ include "web.fullname" . }}
spec:
  ports:
    - port: {{ .Values.service.port }}
`,
  'templates/ingress.yaml': `{{- if .Values.ingress.enabled -}}
apiVersion: {{ if .Capabilities.APIVersions.Has "networking.k8s.io/v1" }}networking.k8s.io/v1{{ else }}networking.k8s.io/v1beta1{{ end }}
kind: Ingress
metadata:
  name: {{ include "web.fullname" . }}
spec:
  rules:
    - host: {{ .Values.ingress.host }}
{{- end }}
`,
  'templates/configmap.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "web.fullname" . }}-config
data:
  {{- toYaml .Values.config | nindent 2 }}
  kube: {{ .Capabilities.KubeVersion.Version | quote }}
  imported: {{ (.Values.fromMonitor | default dict).level | default "none" | quote }}
`,
  'templates/hook.yaml': `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
  annotations:
    helm.sh/hook: pre-install,pre-upgrade
    helm.sh/hook-weight: "-5"
`,
  'templates/NOTES.txt': 'Visit {{ .Values.ingress.host }}',
  'crds/widget.yaml': `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
`,
  'charts/cache/Chart.yaml': 'apiVersion: v2\nname: cache\nversion: 0.3.0\n',
  'charts/cache/values.yaml': 'port: 6379\nglobal:\n  env: ignored\n  zone: eu\n',
  'charts/cache/templates/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}-cache
  labels:
    env: {{ .Values.global.env }}
    zone: {{ .Values.global.zone }}
spec:
  ports:
    - port: {{ .Values.port }}
`,
  'charts/metrics/Chart.yaml': 'apiVersion: v2\nname: metrics\nversion: 0.1.0\n',
  'charts/metrics/values.yaml': 'exported:\n  level: debug\n',
  'charts/metrics/templates/sm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Chart.Name }}-{{ .Release.Name }}\n',
};

function render(extra: Partial<HelmRenderOptions> = {}, files = WEB_CHART): ReturnType<typeof renderHelmChart> {
  return renderHelmChart(tree(files), { releaseName: 'shop', namespace: 'apps', ...extra });
}

function find(result: ReturnType<typeof renderHelmChart>, kind: string, name: string): Record<string, unknown> | undefined {
  return result.manifests.map((m) => m.object).find((o) => o['kind'] === kind && (o['metadata'] as Record<string, unknown>)['name'] === name);
}

test('renders a real-world style chart as helm template does', () => {
  const result = render();
  const kinds = result.manifests.map((m) => `${String(m.object['kind'])}/${String((m.object['metadata'] as Record<string, unknown>)['name'])}`);
  assert.deepEqual(kinds, [
    'CustomResourceDefinition/widgets.example.com',
    'ConfigMap/shop-web-config',
    'Service/shop-cache',
    'Service/shop-web',
    'Deployment/shop-web',
    'Job/migrate',
  ]);
  const deployment = find(result, 'Deployment', 'shop-web');
  assert.deepEqual(deployment, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'shop-web',
      labels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'shop', 'helm.sh/chart': 'web-1.2.0' },
    },
    spec: { replicas: 2, template: { spec: { containers: [{ name: 'web', image: 'nginx:2.0', env: [{ name: 'ENV', value: 'dev' }] }] } } },
  });
  const cache = find(result, 'Service', 'shop-cache');
  assert.deepEqual((cache?.['metadata'] as Record<string, unknown>)['labels'], { env: 'dev', zone: 'eu' });
  assert.equal(result.notes, 'Visit web.example.com');
  const hook = result.manifests.find((m) => m.hook);
  assert.equal(hook?.path, 'web/templates/hook.yaml');
  assert.equal(result.manifests.find((m) => m.object['kind'] === 'Deployment')?.path, 'web/templates/deployment.yaml');
});

test('value precedence: parameters > valuesObject > values > valueFiles > chart values', () => {
  const files = { ...WEB_CHART, 'values-prod.yaml': 'replicaCount: 3\nimage:\n  tag: "1.0"\n', 'values-eu.yaml': 'replicaCount: 4\n' };
  const spec = (r: ReturnType<typeof renderHelmChart>): Record<string, unknown> => find(r, 'Deployment', 'shop-web')?.['spec'] as Record<string, unknown>;
  assert.equal(spec(render({ valueFiles: ['values-prod.yaml', 'values-eu.yaml'] }, files))['replicas'], 4);
  assert.equal(spec(render({ valueFiles: ['values-prod.yaml'], values: 'replicaCount: 5' }, files))['replicas'], 5);
  assert.equal(spec(render({ values: 'replicaCount: 5', valuesObject: { replicaCount: 6 } }, files))['replicas'], 6);
  const withParams = render({ valuesObject: { replicaCount: 6 }, parameters: [{ name: 'replicaCount', value: '7' }, { name: 'image.tag', value: '010', forceString: true }] }, files);
  assert.equal(spec(withParams)['replicas'], 7);
  assert.match(JSON.stringify(spec(withParams)), /nginx:010/);
});

test('null deletes a default key; conditions, tags, aliases and import-values apply', () => {
  const result = render({ values: 'config:\n  removeMe: null\ncache:\n  enabled: false\ntags:\n  observability: true\n' });
  const cm = find(result, 'ConfigMap', 'shop-web-config') as Record<string, Record<string, string>>;
  assert.deepEqual(Object.keys(cm['data'] ?? {}).sort(), ['LOG_LEVEL', 'imported', 'kube']);
  assert.equal(cm['data']?.['imported'], 'debug');
  assert.equal(cm['data']?.['kube'], 'v1.31.0');
  assert.equal(find(result, 'Service', 'shop-cache'), undefined);
  assert.ok(find(result, 'ConfigMap', 'monitor-shop'), 'the aliased subchart renders under its alias');
  const defaults = find(render(), 'ConfigMap', 'shop-web-config') as Record<string, Record<string, unknown>>;
  assert.equal(defaults['data']?.['removeMe'], true, 'yaml.v2 reads yes as a boolean');
  assert.equal(defaults['data']?.['imported'], 'none');
});

test('capabilities come from the target cluster; skipCrds drops crds/', () => {
  const result = render({ values: 'ingress:\n  enabled: true\n', apiVersions: ['v1', 'apps/v1'], kubeVersion: '1.20', skipCrds: true });
  assert.equal(find(result, 'Ingress', 'shop-web')?.['apiVersion'], 'networking.k8s.io/v1beta1');
  assert.equal(result.manifests.some((m) => m.object['kind'] === 'CustomResourceDefinition'), false);
  const cm = find(result, 'ConfigMap', 'shop-web-config') as Record<string, Record<string, string>>;
  assert.equal(cm['data']?.['kube'], 'v1.20.0');
});

test('values.schema.json violations name the chart, the key and the problem', () => {
  const schema = JSON.stringify({
    type: 'object',
    required: ['image'],
    properties: { replicaCount: { type: 'integer', minimum: 1 }, image: { type: 'object', required: ['repository'] } },
  });
  const files = { ...WEB_CHART, 'values.schema.json': schema };
  assert.throws(
    () => render({ values: 'replicaCount: zero\n' }, files),
    /render Helm chart web: values don't meet the specifications of the schema\(s\) in the following chart\(s\):\nweb:\n- replicaCount: Invalid type. Expected: integer, given: string/,
  );
  assert.throws(() => render({ values: 'replicaCount: 0\n' }, files), /replicaCount: Must be greater than or equal to 1/);
  assert.doesNotThrow(() => render({}, files));
});

test('template errors name file, line and column; required reports its message', () => {
  const bad = { ...WEB_CHART, 'templates/bad.yaml': 'x: {{ required "image.digest is required" .Values.image.digest }}\n' };
  assert.throws(() => render({}, bad), (error: unknown) => {
    assert.ok(error instanceof TemplateError);
    assert.match(error.message, /execution error at \(web\/templates\/bad\.yaml:1:6\): image\.digest is required/);
    return true;
  });
  const parse = { ...WEB_CHART, 'templates/bad.yaml': 'x: {{ .Values.a | nosuch }}\n' };
  assert.throws(() => render({}, parse), /parse error at \(web\/templates\/bad\.yaml:1\): function "nosuch" not defined/);
});

test('a bad values file names the file and the line', () => {
  const files = { ...WEB_CHART, 'values-bad.yaml': 'replicaCount: 2\n  image: [\n' };
  assert.throws(() => render({ valueFiles: ['values-bad.yaml'] }, files), /failed to parse values-bad\.yaml: yaml: line \d+/);
  assert.throws(() => render({ valueFiles: ['missing.yaml'] }), /values file "missing.yaml" not found/);
  assert.doesNotThrow(() => render({ valueFiles: ['missing.yaml'], ignoreMissingValueFiles: true }));
});

function tarEntry(name: string, data: string): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0);
  header.write('0000644\0', 100);
  header.write(`${Buffer.byteLength(data).toString(8).padStart(11, '0')}\0`, 124);
  header.write('0', 156);
  const body = Buffer.alloc(Math.ceil(Buffer.byteLength(data) / 512) * 512);
  body.write(data);
  return Buffer.concat([header, body]);
}

test('packaged subcharts (.tgz) load like directories', () => {
  const tgz = gzipSync(
    Buffer.concat([
      tarEntry('tiny/Chart.yaml', 'apiVersion: v2\nname: tiny\nversion: 1.0.0\n'),
      tarEntry('tiny/templates/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tiny-{{ .Values.suffix }}\n'),
      tarEntry('tiny/values.yaml', 'suffix: packed\n'),
      Buffer.alloc(1024),
    ]),
  );
  const files = tree({ 'Chart.yaml': 'apiVersion: v2\nname: parent\nversion: 0.1.0\n' });
  files.set('charts/tiny-1.0.0.tgz', tgz);
  const result = renderHelmChart(files, { releaseName: 'r' });
  assert.deepEqual(result.manifests.map((m) => m.path), ['parent/charts/tiny/templates/cm.yaml']);
  assert.equal(find(result, 'ConfigMap', 'tiny-packed')?.['kind'], 'ConfigMap');
});

test('charts must declare apiVersion, name and version', () => {
  assert.throws(() => renderHelmChart(tree({ 'Chart.yaml': 'name: x\n' }), { releaseName: 'r' }), /apiVersion is required/);
  assert.throws(() => renderHelmChart(tree({ 'README.md': 'x' }), { releaseName: 'r' }), /Chart.yaml file is missing/);
});
