import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../kube-object.js';
import { foldStringData, normalizeForDiff } from './normalize.js';

const live: KubeObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: 'c',
    namespace: 'n',
    uid: 'u',
    resourceVersion: '7',
    generation: 3,
    creationTimestamp: '2026-11-23T00:00:00Z',
    selfLink: '/api/v1/namespaces/n/configmaps/c',
    managedFields: [{ manager: 'gantry' }],
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
    labels: { app: 'c' },
  },
  data: { k: 'v' },
  status: { anything: true },
};

test('normalizeForDiff drops bookkeeping, last-applied and status, and keeps the rest', () => {
  assert.deepEqual(normalizeForDiff(live), {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'c', namespace: 'n', labels: { app: 'c' } },
    data: { k: 'v' },
  });
  assert.equal(live.metadata?.uid, 'u', 'the input is not mutated');
});

test('status can be compared on request, except for CustomResourceDefinitions', () => {
  assert.deepEqual(normalizeForDiff(live, { compareStatus: true }).status, { anything: true });
  const crd: KubeObject = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'x' }, status: { a: 1 } };
  assert.equal(normalizeForDiff(crd, { compareStatus: true }).status, undefined);
});

test('Secret stringData folds into base64 data; other kinds keep stringData as it is', () => {
  const secret: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { a: 'eA==', b: 'eQ==' }, stringData: { b: 'héllo', c: '' } };
  assert.deepEqual(normalizeForDiff(secret), {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 's' },
    data: { a: 'eA==', b: Buffer.from('héllo').toString('base64'), c: '' },
  });
  const onlyStringData: Record<string, unknown> = { stringData: { a: 'x' } };
  foldStringData(onlyStringData);
  assert.deepEqual(onlyStringData, { data: { a: 'eA==' } });
  const other: KubeObject = { apiVersion: 'example.com/v1', kind: 'Secret', metadata: { name: 's' }, stringData: { a: 'x' } };
  assert.deepEqual(normalizeForDiff(other).stringData, { a: 'x' });
});
