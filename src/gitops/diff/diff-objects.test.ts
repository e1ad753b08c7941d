import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { KubeObject } from '../kube-object.js';
import { diffObjects, diffResources } from './diff-objects.js';
import type { MergeKeyResolver } from './merge-keys.js';

// Compiled, this file runs from dist/src/gitops/diff/; the golden inputs stay in the source tree.
const testdata = fileURLToPath(new URL('../../../../src/gitops/diff/testdata/', import.meta.url));
const golden = (name: string): KubeObject => JSON.parse(readFileSync(testdata + name, 'utf8')) as KubeObject;

const deployment = (spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', ...metadata },
  spec,
});

const podSpec = (containers: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  replicas: 1,
  template: { spec: { containers, ...extra } },
});

const paths = (predicted: KubeObject | undefined, live: KubeObject | undefined): string[] =>
  diffObjects(predicted, live).changes.map((c) => `${c.op} ${c.path}`);

test('comparison table: what is and is not a difference', () => {
  const cases: { name: string; predicted: KubeObject; live: KubeObject; want: string[] }[] = [
    {
      name: 'defaulted fields present on both sides (the dry run defaults too) are no diff',
      predicted: deployment({ replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600 }),
      live: deployment({ replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600 }),
      want: [],
    },
    {
      name: 'a field removed from desired is gone from the prediction: a remove',
      predicted: deployment({ replicas: 1 }),
      live: deployment({ replicas: 1, paused: true }),
      want: ['remove spec.paused'],
    },
    {
      name: 'a new field is an add, a changed one a replace',
      predicted: deployment({ replicas: 3, minReadySeconds: 5 }),
      live: deployment({ replicas: 1 }),
      want: ['replace spec.replicas', 'add spec.minReadySeconds'],
    },
    {
      name: 'server bookkeeping and status never differ',
      predicted: deployment({ replicas: 1 }, { resourceVersion: '2', generation: 2, uid: 'a', managedFields: [{ manager: 'gantry' }] }),
      live: { ...deployment({ replicas: 1 }, { resourceVersion: '1', generation: 1, uid: 'a', creationTimestamp: 'x' }), status: { replicas: 9 } },
      want: [],
    },
    {
      name: 'null and absent are the same',
      predicted: deployment({ replicas: 1, template: { metadata: { creationTimestamp: null } } }),
      live: deployment({ replicas: 1, template: { metadata: {} } }),
      want: [],
    },
    {
      name: 'an empty list and an absent one are the same; an empty object is not (emptyDir: {} means something)',
      predicted: deployment(podSpec([{ name: 'a', args: [] }], { volumes: [{ name: 'v', emptyDir: {} }] })),
      live: deployment(podSpec([{ name: 'a' }], { volumes: [{ name: 'v' }] })),
      want: ['add spec.template.spec.volumes[name=v].emptyDir'],
    },
    {
      name: 'containers reordered by name are no diff',
      predicted: deployment(podSpec([{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }])),
      live: deployment(podSpec([{ name: 'b', image: 'b:1' }, { name: 'a', image: 'a:1' }])),
      want: [],
    },
    {
      name: 'env, volumes, volumeMounts and ports reordered by merge key are no diff',
      predicted: deployment(
        podSpec(
          [
            {
              name: 'a',
              env: [{ name: 'X', value: '1' }, { name: 'Y', value: '2' }],
              volumeMounts: [{ mountPath: '/a', name: 'v1' }, { mountPath: '/b', name: 'v2' }],
              ports: [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 53, protocol: 'UDP' }, { containerPort: 53, protocol: 'TCP' }],
            },
          ],
          { volumes: [{ name: 'v1', emptyDir: {} }, { name: 'v2', emptyDir: {} }] },
        ),
      ),
      live: deployment(
        podSpec(
          [
            {
              name: 'a',
              env: [{ name: 'Y', value: '2' }, { name: 'X', value: '1' }],
              volumeMounts: [{ mountPath: '/b', name: 'v2' }, { mountPath: '/a', name: 'v1' }],
              ports: [{ containerPort: 53, protocol: 'TCP' }, { containerPort: 53, protocol: 'UDP' }, { containerPort: 80, protocol: 'TCP' }],
            },
          ],
          { volumes: [{ name: 'v2', emptyDir: {} }, { name: 'v1', emptyDir: {} }] },
        ),
      ),
      want: [],
    },
    {
      name: 'a port without protocol matches its TCP-defaulted twin',
      predicted: deployment(podSpec([{ name: 'a', ports: [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 81, protocol: 'TCP' }] }])),
      live: deployment(podSpec([{ name: 'a', ports: [{ containerPort: 81, protocol: 'TCP' }, { containerPort: 80 }] }])),
      want: ['add spec.template.spec.containers[name=a].ports[containerPort=80,protocol=TCP].protocol'],
    },
    {
      name: 'a changed image is reported at the keyed path',
      predicted: deployment(podSpec([{ name: 'sidecar', image: 's:1' }, { name: 'web', image: 'web:2' }])),
      live: deployment(podSpec([{ name: 'web', image: 'web:1' }, { name: 'sidecar', image: 's:1' }])),
      want: ['replace spec.template.spec.containers[name=web].image'],
    },
    {
      name: 'keyed items added and removed',
      predicted: deployment(podSpec([{ name: 'web', env: [{ name: 'NEW', value: '1' }] }])),
      live: deployment(podSpec([{ name: 'web', env: [{ name: 'OLD', value: '1' }] }, { name: 'gone' }])),
      want: [
        'add spec.template.spec.containers[name=web].env[name=NEW]',
        'remove spec.template.spec.containers[name=web].env[name=OLD]',
        'remove spec.template.spec.containers[name=gone]',
      ],
    },
    {
      name: 'lists without merge keys compare by position',
      predicted: deployment(podSpec([{ name: 'web', args: ['a', 'b'] }])),
      live: deployment(podSpec([{ name: 'web', args: ['b', 'a', 'c'] }])),
      want: [
        'replace spec.template.spec.containers[name=web].args[0]',
        'replace spec.template.spec.containers[name=web].args[1]',
        'remove spec.template.spec.containers[name=web].args[2]',
      ],
    },
    {
      name: 'duplicate merge keys fall back to position',
      predicted: deployment(podSpec([{ name: 'x', image: '1' }, { name: 'x', image: '2' }])),
      live: deployment(podSpec([{ name: 'x', image: '2' }, { name: 'x', image: '1' }])),
      want: ['replace spec.template.spec.containers[0].image', 'replace spec.template.spec.containers[1].image'],
    },
    {
      name: 'fields named like Object.prototype members are plain fields',
      predicted: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { toString: 'a' }, spec: { constructor: [{ name: 'x' }] } },
      live: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { constructor: 'b' } },
      want: ['add data.toString', 'remove data.constructor', 'add spec'],
    },
    {
      name: 'keys that are not identifiers are bracketed',
      predicted: deployment({}, { labels: { 'app.kubernetes.io/name': 'web' } }),
      live: deployment({}, { labels: { 'app.kubernetes.io/name': 'api' } }),
      want: ['replace metadata.labels["app.kubernetes.io/name"]'],
    },
  ];
  for (const c of cases) assert.deepEqual(paths(c.predicted, c.live), c.want, c.name);
});

test('Service ports match by port and protocol; container ports by containerPort and protocol', () => {
  const service = (ports: unknown[]): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports } });
  assert.deepEqual(
    paths(service([{ port: 443, targetPort: 8443, protocol: 'TCP' }, { port: 80, targetPort: 8080, protocol: 'TCP' }]), service([{ port: 80, targetPort: 8080, protocol: 'TCP' }, { port: 443, targetPort: 9443, protocol: 'TCP' }])),
    ['replace spec.ports[port=443,protocol=TCP].targetPort'],
  );
});

test('a missing live object is all adds; a missing prediction all removes', () => {
  const obj = deployment({ replicas: 2 }, { labels: { app: 'web' } });
  assert.deepEqual(paths(obj, undefined), ['add apiVersion', 'add kind', 'add metadata', 'add spec']);
  assert.deepEqual(paths(undefined, obj), ['remove apiVersion', 'remove kind', 'remove metadata', 'remove spec']);
  const created = diffObjects(obj, undefined);
  assert.equal(created.modified, true);
  assert.deepEqual(created.changes.find((c) => c.path === 'spec')?.desired, { replicas: 2 });
  assert.deepEqual(diffObjects(undefined, undefined), { modified: false, changes: [] });
});

test('the golden Deployment: defaults, status, sidecar and order are no diff; image and replicas are', () => {
  const live = golden('deployment-live.json');
  const predicted = golden('deployment-predicted.json');
  const result = diffObjects(predicted, live);
  assert.equal(result.modified, true);
  assert.deepEqual(result.changes, [
    { path: 'spec.replicas', op: 'replace', live: 5, desired: 2 },
    { path: 'spec.template.spec.containers[name=web].image', op: 'replace', live: 'registry.example.com/web:1.0', desired: 'registry.example.com/web:1.1' },
  ]);
  assert.deepEqual(diffObjects(live, live), { modified: false, changes: [] });
});

test('a custom merge-key resolver (from OpenAPI) decides how lists match', () => {
  const widget = (items: unknown[]): KubeObject => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { items } });
  const predicted = widget([{ id: 'a', v: 1 }, { id: 'b', v: 2 }]);
  const live = widget([{ id: 'b', v: 2 }, { id: 'a', v: 1 }]);
  const mergeKeys: MergeKeyResolver = ({ kind, fieldPath }) => (kind === 'Widget' && fieldPath.join('.') === 'spec.items' ? ['id'] : undefined);
  assert.equal(diffObjects(predicted, live).modified, true);
  assert.equal(diffObjects(predicted, live, { mergeKeys }).modified, false);
});

test('diffResources diffs every pair with its identity', () => {
  const a = deployment({ replicas: 1 });
  const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'shop' }, data: { k: 'v' } };
  const diffs = diffResources([{ predicted: a, live: a }, { predicted: cm }, {}]);
  assert.deepEqual(
    diffs.map((d) => [d.group, d.kind, d.namespace, d.name, d.result.modified]),
    [
      ['apps', 'Deployment', 'shop', 'web', false],
      ['', 'ConfigMap', 'shop', 'c', true],
    ],
  );
});

test('diffing never mutates its inputs', () => {
  const live = golden('deployment-live.json');
  const predicted = golden('deployment-predicted.json');
  const before = JSON.stringify([predicted, live]);
  diffObjects(predicted, live, { ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'], managedFieldsManagers: ['istio-sidecar-injector'] }] });
  assert.equal(JSON.stringify([predicted, live]), before);
});
