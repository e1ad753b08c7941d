import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/index.js';
import { planDeletion } from './plan-deletion.js';
import { sampleGraph } from './testdata.js';

const obj = (kind: string, name: string, deleting = false): KubeObject => ({ apiVersion: 'v1', kind, metadata: { name, namespace: 'a', ...(deleting ? { deletionTimestamp: 'now' } : {}) } });

test('deletes in reverse topological order: dependants first, dependencies once they are gone', () => {
  const graph = sampleGraph();
  const all = new Map([['config', [obj('ConfigMap', 'c')]], ['deploy', [obj('Deployment', 'd')]], ['service', [obj('Service', 's')]]]);
  const first = planDeletion(graph, all);
  assert.deepEqual(first.delete.map((o) => o.kind), ['Service']);
  assert.deepEqual(first.remaining, ['service', 'deploy', 'config']);
  const second = planDeletion(graph, new Map([['config', [obj('ConfigMap', 'c')]], ['deploy', [obj('Deployment', 'd')]]]));
  assert.deepEqual(second.delete.map((o) => o.kind), ['Deployment']);
  const third = planDeletion(graph, new Map([['config', [obj('ConfigMap', 'c')]], ['deploy', [obj('Deployment', 'd', true)]]]));
  assert.deepEqual(third.delete, [], 'a dependency waits while its dependant is still terminating');
  const last = planDeletion(graph, new Map([['config', [obj('ConfigMap', 'c')]]]));
  assert.deepEqual(last.delete.map((o) => o.kind), ['ConfigMap']);
  assert.deepEqual(planDeletion(graph, new Map()).remaining, []);
});

test('a dependency waits for a transitive dependant even when the direct one is gone', () => {
  const graph = sampleGraph();
  const step = planDeletion(graph, new Map([['config', [obj('ConfigMap', 'c')]], ['service', [obj('Service', 's')]]]));
  assert.deepEqual(step.delete.map((o) => o.kind), ['Service']);
});
