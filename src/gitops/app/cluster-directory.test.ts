import { test } from 'node:test';
import assert from 'node:assert/strict';
import { silentLogger, systemClock } from '../../core/index.js';
import type { Cluster, KubeObject } from '../../kube/index.js';
import { createClusterDirectory } from './cluster-directory.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const clusterSecret = (name: string, server: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: `cluster-${name}`, namespace: 'argocd', resourceVersion: '1', labels: { 'argocd.argoproj.io/secret-type': 'cluster' } },
  data: { name: b64(name), server: b64(server), config: b64('{"tlsClientConfig":{"insecure":false}}') },
});

/** A hub whose only behaviour is a cache of the given cluster secrets: the directory reads nothing else before it dials. */
function hubWith(secrets: KubeObject[]): Cluster {
  const informer = { list: (): KubeObject[] => secrets };
  return { name: 'hub', cache: { informer: (): Promise<unknown> => Promise.resolve(informer) } } as unknown as Cluster;
}

test('a cluster secret registering the hub by its in-cluster address resolves to the hub connection, by name or server', async () => {
  const hub = hubWith([clusterSecret('hub', 'https://kubernetes.default.svc/'), clusterSecret('dev', 'https://127.0.0.1:1')]);
  const directory = createClusterDirectory({ hub, controlNamespace: 'argocd', clock: systemClock, log: silentLogger });
  try {
    assert.equal(await directory.resolve({ name: 'hub' }), hub);
    assert.equal(await directory.resolve({ server: 'https://kubernetes.default.svc' }), hub);
    assert.equal(await directory.resolve({ name: 'in-cluster' }), hub);
    await assert.rejects(directory.resolve({ name: 'staging' }), /destination cluster with name staging is not registered/);
  } finally {
    directory.close();
  }
});
