import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/index.js';
import { changeMatters, observedIds } from './children.js';
import { NODE_ANNOTATION } from './labels.js';
import { sampleGraph } from './testdata.js';

const child = (id: string, status: unknown, extra: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'X', metadata: { name: id, resourceVersion: String(Math.random()), annotations: { [NODE_ANNOTATION]: id } }, status, ...extra });

test('status churn of a child nothing reads wakes nobody; of one that is read, or any spec change, does', () => {
  const graph = sampleGraph();
  const read = observedIds(graph);
  assert.deepEqual([...read].sort(), ['config', 'deploy', 'service']);
  const ids = [...graph.resources.map((r) => r.id), 'hpa'];
  assert.equal(changeMatters({ type: 'updated', old: child('hpa', { a: 1 }), object: child('hpa', { a: 2 }) }, read, ids), false);
  assert.equal(changeMatters({ type: 'updated', old: child('hpa', {}), object: child('hpa', {}, { spec: { x: 1 } }) }, read, ids), true);
  assert.equal(changeMatters({ type: 'updated', old: child('deploy', { a: 1 }), object: child('deploy', { a: 2 }) }, read, ids), true);
  assert.equal(changeMatters({ type: 'deleted', object: child('hpa', {}) }, read, ids), true);
});
