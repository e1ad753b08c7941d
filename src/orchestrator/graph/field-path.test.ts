import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deleteAtPath, getAtPath, parseFieldPath, setAtPath } from './field-path.js';

test('parseFieldPath splits keys, indexes and quoted keys (kro quotes keys holding dots)', () => {
  assert.deepEqual(parseFieldPath('spec.containers[0].image'), ['spec', 'containers', 0, 'image']);
  assert.deepEqual(parseFieldPath('metadata.labels["app.kubernetes.io/name"]'), ['metadata', 'labels', 'app.kubernetes.io/name']);
  assert.deepEqual(parseFieldPath('spec.nodeSelector["nvidia.com/gpu"]'), ['spec', 'nodeSelector', 'nvidia.com/gpu']);
  assert.deepEqual(parseFieldPath('data.key-with/slash'), ['data', 'key-with/slash']);
  assert.deepEqual(parseFieldPath('.name'), ['name']);
  assert.throws(() => parseFieldPath('spec.[x'), /malformed/);
  assert.throws(() => parseFieldPath('spec..x'), /malformed/);
});

test('setAtPath creates parents (lists for indexes); getAtPath and deleteAtPath read and remove', () => {
  const o: Record<string, unknown> = { spec: { containers: [{ name: 'x' }] } };
  setAtPath(o, parseFieldPath('spec.containers[0].image'), 'nginx');
  setAtPath(o, parseFieldPath('metadata.annotations["a.b/c"]'), 'v');
  setAtPath(o, parseFieldPath('spec.list[0]'), 'z');
  deleteAtPath(o, parseFieldPath('spec.containers[0].name'));
  assert.deepEqual(o, { spec: { containers: [{ image: 'nginx' }], list: ['z'] }, metadata: { annotations: { 'a.b/c': 'v' } } });
  assert.equal(getAtPath(o, parseFieldPath('spec.containers[0].image')), 'nginx');
  assert.equal(getAtPath(o, parseFieldPath('spec.missing.deeper')), undefined);
  deleteAtPath(o, parseFieldPath('spec.list[0]'));
  assert.deepEqual(o.spec, { containers: [{ image: 'nginx' }], list: [] });
});
