import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseGoYaml } from './go-yaml-read.js';
import { renderHelmChart } from './render-helm-chart.js';
import type { HelmRenderOptions } from './render-helm-chart.js';

const testdata = fileURLToPath(new URL('../../../../src/render/helm/testdata/', import.meta.url));

function readTree(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(path.relative(root, full).split(path.sep).join('/'), readFileSync(full));
    }
  };
  walk(root);
  return files;
}

/** The documents of a `helm template` stream, each with the file its `# Source:` line names. */
function readStream(text: string): Array<{ path: string; object: unknown }> {
  return text
    .split(/^---$/m)
    .slice(1)
    .map((doc) => ({ path: /^# Source: (.+)$/m.exec(doc)?.[1] ?? '', object: parseGoYaml(doc) }));
}

const PROD: HelmRenderOptions = { releaseName: 'prod', namespace: 'shop', valueFiles: ['values-prod.yaml'], parameters: [{ name: 'replicaCount', value: '3' }] };

function render(extra: Partial<HelmRenderOptions> = {}, files = readTree(path.join(testdata, 'storefront'))): ReturnType<typeof renderHelmChart> {
  return renderHelmChart(files, { ...PROD, ...extra });
}

test('the storefront chart renders to what helm template prints, object by object and in order', () => {
  const result = render();
  const want = readStream(readFileSync(path.join(testdata, 'storefront.expected.yaml'), 'utf8'));
  assert.deepEqual(result.manifests.map((m) => ({ path: m.path, object: m.object })), want);
  assert.equal(result.manifests.some((m) => m.hook), false);
  assert.equal(result.notes, 'Open https://shop.example.com\n');
});

test('the subchart condition turns the subchart and the env block off', () => {
  const result = render({ valuesObject: { redis: { enabled: false } } });
  assert.deepEqual(result.manifests.map((m) => `${String(m.object['kind'])}/${String((m.object['metadata'] as Record<string, unknown>)['name'])}`), [
    'ConfigMap/prod-storefront',
    'Service/prod-storefront',
    'Deployment/prod-storefront',
    'Ingress/prod-storefront',
  ]);
  assert.doesNotMatch(JSON.stringify(result.manifests), /REDIS_HOST/);
});

test('a values file with a YAML syntax error names the file and the line', () => {
  const files = readTree(path.join(testdata, 'storefront'));
  files.set('values-bad.yaml', Buffer.from('image:\n  tag: "1.0"\n   pullPolicy: Always\n'));
  assert.throws(() => render({ valueFiles: ['values-bad.yaml'] }, files), /^InputError: render Helm chart storefront: failed to parse values-bad\.yaml: yaml: line \d+: /);
});

test('a schema violation names the chart, the key and the values file that set it', () => {
  const files = readTree(path.join(testdata, 'storefront'));
  files.set('values-bad.yaml', Buffer.from('replicaCount: three\nimage:\n  tag: 3.3\nredis:\n  port: 70000\n'));
  assert.throws(() => render({ valueFiles: ['values-prod.yaml', 'values-bad.yaml'], parameters: [] }, files), (error: Error) => {
    assert.equal(error.name, 'InputError');
    assert.equal(
      error.message,
      [
        "render Helm chart storefront: values don't meet the specifications of the schema(s) in the following chart(s):",
        'storefront:',
        '- image.tag: Invalid type. Expected: string, given: number (set in values-bad.yaml)',
        '- replicaCount: Invalid type. Expected: integer, given: string (set in values-bad.yaml)',
        'redis:',
        '- port: Must be less than or equal to 65535 (set in values-bad.yaml)',
        '',
      ].join('\n'),
    );
    return true;
  });
  assert.throws(() => render({ parameters: [{ name: 'service.port', value: 'http', forceString: true }] }), /- service\.port: Invalid type\. Expected: integer, given: string \(set in parameter service\.port\)/);
  assert.throws(() => render({ valuesObject: { replicaCount: 0 }, parameters: [] }), /- replicaCount: Must be greater than or equal to 1 \(set in valuesObject\)/);
});
