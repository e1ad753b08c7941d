import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../../kube/index.js';
import { isClusterSecretCurrent } from './cluster-secret-current.js';

const desired = (): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'cluster-dev', namespace: 'argocd', labels: { environment: 'dev' }, annotations: { tenant: 't' } },
  type: 'Opaque',
  data: { name: 'ZGV2', server: 'aHR0cHM6Ly94' },
});
const live = (change: (o: KubeObject & { data: Record<string, string> }) => void = () => undefined): KubeObject => {
  const o = { ...desired(), metadata: { ...desired().metadata, resourceVersion: '7', uid: 'u' } } as KubeObject & { data: Record<string, string> };
  o.metadata.labels = { ...o.metadata.labels };
  o.metadata.annotations = { ...o.metadata.annotations };
  change(o);
  return o;
};

test('a live cluster secret saying what the desired one says is current, whatever its server-set metadata', () => {
  assert.equal(isClusterSecretCurrent(live(), desired()), true);
});

test('a missing cluster secret, or one that differs in data, labels, annotations or type, is not current', () => {
  assert.equal(isClusterSecretCurrent(undefined, desired()), false);
  assert.equal(isClusterSecretCurrent(live((o) => (o.data = { ...o.data, server: 'eA==' })), desired()), false);
  assert.equal(isClusterSecretCurrent(live((o) => (o.metadata.labels = { environment: 'prod' })), desired()), false);
  assert.equal(isClusterSecretCurrent(live((o) => (o.metadata.annotations = {})), desired()), false);
  assert.equal(isClusterSecretCurrent(live((o) => ((o as { type?: string }).type = 'kubernetes.io/tls')), desired()), false);
});

test('a label the registration no longer has makes the live cluster secret not current, so apply removes it', () => {
  assert.equal(isClusterSecretCurrent(live((o) => (o.metadata.labels = { environment: 'dev', enable_x: 'true' })), desired()), false);
});
