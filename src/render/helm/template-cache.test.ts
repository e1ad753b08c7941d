import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHelmChart } from './render-helm-chart.js';
import type { HelmRenderOptions } from './render-helm-chart.js';
import { contentKey, createHelmTemplateCache } from './template-cache.js';

function tree(files: Record<string, string>): Map<string, Buffer> {
  return new Map(Object.entries(files).map(([k, v]) => [k, Buffer.from(v)]));
}

const CHART: Record<string, string> = {
  'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.1.0\n',
  'values.yaml': 'name: one\nextra: "{{ .Values.name }}-tpl"\n',
  'templates/_helpers.tpl': '{{- define "app.name" -}}{{ .Release.Name }}-{{ .Values.name }}{{- end -}}',
  'templates/cm.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "app.name" . }}
data:
  tpl: {{ tpl .Values.extra . | quote }}
  year: {{ now | date "2006" | quote }}
`,
};

function render(options: Partial<HelmRenderOptions>, files = CHART): Record<string, unknown> {
  const result = renderHelmChart(tree(files), { releaseName: 'r', sprig: { now: () => new Date('2021-06-01T00:00:00Z') }, ...options });
  return result.manifests[0]?.object as Record<string, unknown>;
}

test('a cached render equals an uncached one, and the second render is a hit', () => {
  const cache = createHelmTemplateCache();
  const plain = render({});
  assert.deepEqual(render({ cache }), plain);
  assert.deepEqual(render({ cache }), plain);
  const counters = { entries: 1, hits: 1, misses: 1 };
  assert.deepEqual(cache.stats().charts, counters);
  assert.deepEqual(cache.stats().templateSets, counters);
  assert.deepEqual(cache.stats().manifests, counters);
});

test('each render uses its own values and function sources with a cached set', () => {
  const cache = createHelmTemplateCache();
  render({ cache });
  const other = render({ cache, values: 'name: two\n', sprig: { now: () => new Date('2030-01-01T00:00:00Z') } });
  assert.deepEqual(other['data'], { tpl: 'two-tpl', year: '2030' });
  assert.deepEqual((other['metadata'] as Record<string, unknown>)['name'], 'r-two');
  assert.equal(cache.stats().templateSets.hits, 1);
  assert.equal(cache.stats().charts.hits, 1, 'the same files load once; values come per render');
});

test('a changed template misses; the least recently used set is evicted', () => {
  const cache = createHelmTemplateCache({ maxEntries: 1 });
  render({ cache });
  const changed = { ...CHART, 'templates/_helpers.tpl': '{{- define "app.name" -}}x-{{ .Values.name }}{{- end -}}' };
  assert.equal((render({ cache }, changed)['metadata'] as Record<string, unknown>)['name'], 'x-one');
  assert.deepEqual(cache.stats().templateSets, { entries: 1, hits: 0, misses: 2 });
  render({ cache });
  assert.equal(cache.stats().templateSets.misses, 3);
});

test('parse errors are not cached and keys depend on names and texts', () => {
  const cache = createHelmTemplateCache();
  const bad = { ...CHART, 'templates/bad.yaml': '{{ nosuch }}' };
  assert.throws(() => render({ cache }, bad), /function "nosuch" not defined/);
  assert.equal(cache.stats().templateSets.entries, 0);
  assert.notEqual(contentKey([['a', 'bc']]), contentKey([['ab', 'c']]));
  assert.notEqual(contentKey([['a', 'b\0c']]), contentKey([['a', 'b'], ['c', '']]));
});

test('a template that changes its values with set leaves the cached chart intact', () => {
  const cache = createHelmTemplateCache();
  const files = { ...CHART, 'templates/cm.yaml': '{{- $_ := set .Values "name" (printf "%s-x" .Values.name) -}}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n' };
  const names = [1, 2, 3].map(() => (render({ cache }, files)['metadata'] as Record<string, unknown>)['name']);
  assert.deepEqual(names, ['one-x', 'one-x', 'one-x']);
});

test('objects handed out are copies: changing one does not change the next render', () => {
  const cache = createHelmTemplateCache();
  const first = render({ cache });
  (first['metadata'] as Record<string, unknown>)['name'] = 'changed';
  assert.equal((render({ cache })['metadata'] as Record<string, unknown>)['name'], 'r-one');
  assert.equal(cache.stats().manifests.hits, 1);
});
