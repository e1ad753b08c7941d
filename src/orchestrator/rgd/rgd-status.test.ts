import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../kube/index.js';
import { sampleGraph } from '../instance/testdata.js';
import { crdConflict } from './register-kind.js';
import { buildRgdStatus, comparableStatus } from './rgd-status.js';
import { matchesSelector } from './rgd-controller.js';

const at = { kind: 'App', now: 't1', generation: 3 };
const types = (s: Record<string, unknown>): string[] => (s.conditions as { type: string; status: string }[]).map((c) => `${c.type}=${c.status}`);

test('an accepted graph with its kind and controller ready is Active, with the order and dependencies', () => {
  const s = buildRgdStatus({ graph: sampleGraph(), kind: { ready: true, message: 'ok' }, controller: { running: true, message: 'running' } }, at);
  assert.equal(s.state, 'Active');
  assert.deepEqual(types(s), ['GraphAccepted=True', 'KindReady=True', 'ControllerReady=True', 'Ready=True']);
  assert.deepEqual(s.topologicalOrder, ['config', 'deploy', 'service']);
  assert.deepEqual(s.resources, [{ id: 'config' }, { id: 'deploy', dependencies: [{ id: 'config' }] }, { id: 'service', dependencies: [{ id: 'deploy' }] }]);
});

test('a rejected graph is Inactive; Ready carries the builder message; later conditions say what they wait for', () => {
  const s = buildRgdStatus({ graphError: 'resource deploy: expression ${nope.x}: unknown resource nope' }, at);
  assert.equal(s.state, 'Inactive');
  assert.deepEqual(types(s), ['GraphAccepted=False', 'KindReady=Unknown', 'ControllerReady=Unknown', 'Ready=False']);
  const ready = (s.conditions as { type: string; message: string }[]).find((c) => c.type === 'Ready');
  assert.match(ready?.message ?? '', /GraphAccepted: resource deploy: expression \$\{nope\.x\}/);
  assert.equal(s.topologicalOrder, undefined);
});

test('comparing statuses ignores transition times and key order, not generations', () => {
  const a = { state: 'Active', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: 'x', observedGeneration: 1 }] };
  const b = { conditions: [{ observedGeneration: 1, status: 'True', type: 'Ready', lastTransitionTime: 'y' }], state: 'Active' };
  assert.equal(comparableStatus(a), comparableStatus(b));
  assert.notEqual(comparableStatus(a), comparableStatus({ ...b, conditions: [{ ...b.conditions[0], observedGeneration: 2 }] }));
});

test('a CRD owned by another RGD, or by nobody, is not taken over', () => {
  const crd = (labels: Record<string, string>): KubeObject => ({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'apps.x.io', labels } });
  assert.equal(crdConflict(undefined, 'a'), undefined);
  assert.equal(crdConflict(crd({ 'kro.run/owned': 'true', 'kro.run/resource-graph-definition-name': 'a' }), 'a'), undefined);
  assert.match(crdConflict(crd({ 'kro.run/owned': 'true', 'kro.run/resource-graph-definition-name': 'b' }), 'a') ?? '', /already served by ResourceGraphDefinition b/);
  assert.match(crdConflict(crd({}), 'a') ?? '', /was not created by a ResourceGraphDefinition/);
});

test('the RGD selector matches every key=value it lists', () => {
  const rgd: KubeObject = { apiVersion: 'kro.run/v1alpha1', kind: 'ResourceGraphDefinition', metadata: { name: 'x', labels: { a: '1', b: '2' } } };
  assert.ok(matchesSelector(rgd, undefined));
  assert.ok(matchesSelector(rgd, 'a=1,b=2'));
  assert.ok(!matchesSelector(rgd, 'a=1,c=3'));
});
