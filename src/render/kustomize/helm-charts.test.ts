// helmCharts: charts from chartHome (or pulled through RemoteResources) rendered by gantry's Helm
// renderer, values as kustomize hands them to helm, and the output through the transformers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderKustomization } from './render-kustomization.js';

const CHART: Record<string, string> = {
  'Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.2.3\n',
  'values.yaml': 'replicas: 1\ncolor: blue\nextra:\n  a: "1"\n  b: "2"\n',
  'templates/deployment.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: {{ .Release.Name }}-web',
    '  namespace: {{ .Release.Namespace }}',
    'spec:',
    '  replicas: {{ .Values.replicas }}',
    '  selector:',
    '    matchLabels: {app: web}',
    '  template:',
    '    metadata:',
    '      labels: {app: web}',
    '    spec:',
    '      containers:',
    '      - name: web',
    '        image: nginx',
    '        env:',
    '        - {name: COLOR, value: {{ .Values.color | quote }}}',
    '        - {name: EXTRA, value: {{ .Values.extra | toJson | quote }}}',
    '        envFrom:',
    '        - configMapRef: {name: {{ .Release.Name }}-settings}',
    '',
  ].join('\n'),
  'templates/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-settings\ndata:\n  color: {{ .Values.color }}\n',
  'templates/tests/test.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-test\n  annotations:\n    helm.sh/hook: test\nspec:\n  containers: [{name: t, image: busybox}]\n',
  'crds/widget.yaml': 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\n',
};

function tree(kustomization: string, extra: Record<string, string> = {}, home = 'app/charts'): Map<string, Buffer> {
  const files: Record<string, string> = { 'app/kustomization.yaml': kustomization, ...extra };
  for (const [k, v] of Object.entries(CHART)) files[`${home}/web/${k}`] = v;
  return new Map(Object.entries(files).map(([k, v]) => [k, Buffer.from(v)]));
}

type Obj = { kind: string; metadata: { name: string; namespace?: string }; spec?: { replicas?: number; template?: { spec: { containers: Array<{ env: Array<{ value: string }> }> } } } };
const objects = (files: Map<string, Buffer>): Obj[] => renderKustomization(files, { path: 'app' }).objects as unknown as Obj[];
const env = (o: Obj | undefined): string[] => o?.spec?.template?.spec.containers[0]?.env.map((e) => e.value) ?? [];

test('helmCharts: a chart from chartHome, through namePrefix and namespace, name references renamed', () => {
  const out = objects(tree('namePrefix: p-\nnamespace: prod\nhelmCharts:\n- name: web\n  releaseName: shop\n  namespace: shop-ns\n'));
  assert.deepEqual(out.map((o) => `${o.kind}/${o.metadata.name}/${o.metadata.namespace ?? ''}`), ['ConfigMap/p-shop-settings/prod', 'Deployment/p-shop-web/prod', 'Pod/p-shop-test/prod']);
  const yaml = renderKustomization(tree('namePrefix: p-\nhelmCharts:\n- name: web\n  releaseName: shop\n'), { path: 'app' }).yaml;
  assert.match(yaml, /configMapRef:\n {12}name: p-shop-settings/);
  assert.match(yaml, /namespace: default/, 'without namespace, .Release.Namespace is default as with helm template');
});

test('helmCharts: valuesInline overrides, merges under, or replaces the values file; additionalValuesFiles last', () => {
  const files = (merge: string): Map<string, Buffer> =>
    tree(`helmCharts:\n- name: web\n  valuesFile: my-values.yaml\n  valuesMerge: ${merge}\n  valuesInline:\n    replicas: 5\n    extra: {a: x}\n`, { 'app/my-values.yaml': 'replicas: 3\ncolor: red\nextra:\n  b: yy\n' });
  const dep = (merge: string): Obj | undefined => objects(files(merge)).find((o) => o.kind === 'Deployment');
  assert.equal(dep('override')?.spec?.replicas, 5);
  assert.deepEqual(env(dep('override')), ['red', '{"a":"x","b":"yy"}']);
  assert.equal(dep('merge')?.spec?.replicas, 3);
  assert.deepEqual(env(dep('merge')), ['red', '{"a":"x","b":"yy"}']);
  assert.equal(dep('replace')?.spec?.replicas, 5);
  assert.deepEqual(env(dep('replace')), ['blue', '{"a":"x","b":"2"}']);
  const more = tree('helmCharts:\n- name: web\n  releaseName: r\n  additionalValuesFiles: [more.yaml]\n  valuesInline: {replicas: 2}\n', { 'app/more.yaml': 'replicas: 9\n' });
  assert.equal(objects(more).find((o) => o.kind === 'Deployment')?.spec?.replicas, 9);
});

test('helmCharts: includeCRDs, skipTests, skipHooks, helmGlobals.chartHome and the default release name', () => {
  const kinds = (k: string, home?: string): string[] => objects(tree(k, {}, home)).map((o) => `${o.kind}/${o.metadata.name}`);
  assert.deepEqual(kinds('helmCharts:\n- name: web\n  includeCRDs: true\n  skipTests: true\n'), ['CustomResourceDefinition/widgets.example.com', 'ConfigMap/release-name-settings', 'Deployment/release-name-web']);
  assert.deepEqual(kinds('helmGlobals:\n  chartHome: ../shared\nhelmCharts:\n- name: web\n  releaseName: a\n  skipHooks: true\n', 'shared'), ['ConfigMap/a-settings', 'Deployment/a-web']);
});

test('helmCharts: a chart pulled from a Helm repository is read from the remote sources', () => {
  const files = new Map([['app/kustomization.yaml', Buffer.from('helmCharts:\n- name: web\n  repo: https://charts.example.com\n  version: 1.2.3\n  releaseName: r\n  skipTests: true\n')]]);
  const chart = new Map(Object.entries(CHART).map(([k, v]) => [`web/${k}`, Buffer.from(v)]));
  const remote = { repository: (): undefined => undefined, chart: (p: { repo: string; name: string; version: string }): Map<string, Buffer> | undefined => (p.repo === 'https://charts.example.com' && p.version === '1.2.3' ? chart : undefined) };
  const out = renderKustomization(files, { path: 'app', remote }).objects as unknown as Obj[];
  assert.deepEqual(out.map((o) => o.metadata.name), ['r-settings', 'r-web']);
  assert.throws(() => renderKustomization(files, { path: 'app' }), /\/app\/kustomization\.yaml: helmCharts\[0\]: chart web 1\.2\.3 from https:\/\/charts\.example\.com was not fetched/);
});

test('helmCharts: errors name the kustomization, the entry and the field', () => {
  assert.throws(() => objects(tree('helmCharts:\n- name: nope\n')), /\/app\/kustomization\.yaml: helmCharts\[0\]: no repo specified for pull, no chart found at '\/app\/charts\/nope'/);
  assert.throws(() => objects(tree('helmChartInflationGenerator:\n- chartName: web\n')), /\/app\/kustomization\.yaml: helmChartInflationGenerator: the deprecated form is not supported/);
  assert.throws(() => objects(tree('helmCharts:\n- name: web\n  valuesMerge: smash\n')), /helmCharts\[0\]\.valuesMerge: must be one of \[override replace merge\]/);
  assert.throws(() => objects(tree('helmCharts:\n- name: web\n  valuesFile: missing.yaml\n')), /helmCharts\[0\]\.valuesFile: file '\/app\/missing\.yaml' doesn't exist/);
  assert.throws(() => objects(tree('helmCharts:\n- name: web\n  additionalValuesFiles: [../outside.yaml]\n', { 'outside.yaml': 'a: 1\n' })), /helmCharts\[0\]\.additionalValuesFiles\[0\]: security; file '\/outside\.yaml' is not in or below '\/app'/);
});
