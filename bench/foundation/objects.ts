import { randomBytes } from 'node:crypto';
import type { Cluster, KubeObject } from '../../src/kube/index.js';

/** The ConfigMaps every apply figure uses: small, distinct names, the same shape in every round. */
export function benchConfigMap(namespace: string, index: number): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `cm-${index}`, namespace, labels: { 'gantry.io/bench': 'foundation' } },
    data: { index: String(index), payload: 'x'.repeat(64) },
  };
}

/** Applies a namespace with a unique name for one round; it stays until the control plane is thrown away. */
export async function createRoundNamespace(cluster: Cluster, prefix: string): Promise<string> {
  const name = `${prefix}-${randomBytes(3).toString('hex')}`;
  await cluster.api.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'gantry.io/bench': 'foundation' } } });
  return name;
}

/** Fails unless the namespace holds exactly `expected` bench ConfigMaps, so a figure is never reported for work not done. */
export async function assertConfigMapCount(cluster: Cluster, namespace: string, expected: number): Promise<void> {
  const list = await cluster.api.list('v1', 'ConfigMap', { namespace, labelSelector: 'gantry.io/bench=foundation' });
  if (list.items.length !== expected) {
    throw new Error(`namespace ${namespace} holds ${list.items.length} bench ConfigMaps, expected ${expected}`);
  }
}
