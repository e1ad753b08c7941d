import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCelEvaluator } from '../cel/evaluate.js';
import { evaluateConditions, expandForEach, renderTemplate, setAtPath } from './render.js';

const evaluator = createCelEvaluator();
const schema = { metadata: { name: 'web', namespace: 'apps' }, spec: { replicas: 2, regions: ['eu', 'us'], tiers: ['a', 'b'] } };

test('setAtPath creates parents, handles indexes and quoted keys, and removes on undefined', () => {
  const o: Record<string, unknown> = { spec: { containers: [{ name: 'x' }] } };
  setAtPath(o, 'spec.containers[0].image', 'nginx');
  setAtPath(o, 'metadata.annotations["a.b/c"]', 'v');
  setAtPath(o, 'spec.list[0]', 'z');
  setAtPath(o, 'spec.containers[0].name', undefined);
  assert.deepEqual(o, { spec: { containers: [{ image: 'nginx' }], list: ['z'] }, metadata: { annotations: { 'a.b/c': 'v' } } });
});

test('renderTemplate fills standalone and template fields, keeps types, leaves absent optionals out', () => {
  const template = { metadata: { name: '${schema.metadata.name}-svc', labels: { tier: '${schema.spec.?tier}' } }, spec: { replicas: '${schema.spec.replicas}' } };
  const fields = [
    { path: 'metadata.name', expression: '(schema.metadata.name) + "-svc"', standalone: false, dependencies: ['schema'] },
    { path: 'metadata.labels.tier', expression: 'schema.spec.?tier', standalone: true, dependencies: ['schema'] },
    { path: 'spec.replicas', expression: 'schema.spec.replicas', standalone: true, dependencies: ['schema'] },
  ];
  const r = renderTemplate(template, fields, evaluator, { schema });
  assert.deepEqual(r, { kind: 'value', value: { metadata: { name: 'web-svc', labels: {} }, spec: { replicas: 2 } } });
  const pending = renderTemplate(template, [{ path: 'spec.x', expression: 'db.status.endpoint', standalone: true, dependencies: ['db'] }], evaluator, { schema });
  assert.equal(pending.kind, 'pending');
});

test('conditions: all must hold; missing data is pending', () => {
  assert.deepEqual(evaluateConditions(['schema.spec.replicas > 1', 'true'], evaluator, { schema }), { kind: 'value', value: true });
  assert.deepEqual(evaluateConditions(['schema.spec.replicas > 5'], evaluator, { schema }), { kind: 'value', value: false });
  assert.equal(evaluateConditions(['web.status.ready'], evaluator, { schema }).kind, 'pending');
  assert.deepEqual(evaluateConditions([], evaluator, {}), { kind: 'value', value: true });
});

test('forEach expands to the cartesian product, first dimension outermost', () => {
  const dims = [
    { name: 'region', expression: 'schema.spec.regions' },
    { name: 'tier', expression: 'schema.spec.tiers' },
  ];
  assert.deepEqual(expandForEach(dims, evaluator, { schema }), {
    kind: 'value',
    value: [
      { region: 'eu', tier: 'a' },
      { region: 'eu', tier: 'b' },
      { region: 'us', tier: 'a' },
      { region: 'us', tier: 'b' },
    ],
  });
  assert.equal(expandForEach([{ name: 'x', expression: 'schema.metadata.name' }], evaluator, { schema }).kind, 'error');
});
