import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCelEvaluator, evaluateExpression } from './evaluate.js';

const schema = { metadata: { name: 'web', namespace: 'apps', uid: 'u-1' }, spec: { replicas: 3, image: 'nginx', ports: [80, 443], tier: 'gold' } };

test('values keep their JSON types; integers stay integers', () => {
  assert.deepEqual(evaluateExpression('schema.spec.replicas + 1', { schema }), { kind: 'value', value: 4 });
  assert.deepEqual(evaluateExpression('schema.spec.ports', { schema }), { kind: 'value', value: [80, 443] });
  assert.deepEqual(evaluateExpression('{"a": schema.spec.image}', { schema }), { kind: 'value', value: { a: 'nginx' } });
  assert.deepEqual(evaluateExpression('"x-" + schema.metadata.name', { schema }), { kind: 'value', value: 'x-web' });
});

test('a missing field or resource is pending, not an error', () => {
  const r = evaluateExpression('deployment.status.availableReplicas', { schema, deployment: { spec: {} } });
  assert.equal(r.kind, 'pending');
  assert.equal(evaluateExpression('deployment.status.readyReplicas > 0', { schema }).kind, 'pending');
});

test('a type error at run time is an error', () => {
  assert.equal(evaluateExpression('schema.spec.image + 1', { schema }).kind, 'error');
  assert.equal(evaluateExpression('1 +', { schema }).kind, 'error');
});

test('optional selects: orValue, hasValue, value, and omission when absent', () => {
  assert.deepEqual(evaluateExpression('schema.spec.?missing.orValue("dflt")', { schema }), { kind: 'value', value: 'dflt' });
  assert.deepEqual(evaluateExpression('schema.spec.?tier.orValue("dflt")', { schema }), { kind: 'value', value: 'gold' });
  assert.deepEqual(evaluateExpression('schema.spec.?tier.hasValue()', { schema }), { kind: 'value', value: true });
  assert.deepEqual(evaluateExpression('schema.?status.?ip.hasValue()', { schema }), { kind: 'value', value: false });
  assert.deepEqual(evaluateExpression('schema.spec.?nothing', { schema }), { kind: 'value', value: undefined });
  assert.deepEqual(evaluateExpression('schema.spec.?image', { schema }), { kind: 'value', value: 'nginx' });
});

test('Kubernetes quantities compare by value', () => {
  assert.deepEqual(evaluateExpression('quantity("500Mi").isLessThan(quantity("1Gi"))', {}), { kind: 'value', value: true });
  assert.deepEqual(evaluateExpression('quantity("1.5k").compareTo(quantity("1500"))', {}), { kind: 'value', value: 0 });
  assert.deepEqual(evaluateExpression('isQuantity("12x")', {}), { kind: 'value', value: false });
});

test('omit() leaves the field out', () => {
  assert.deepEqual(evaluateExpression("schema.spec.image == 'x' ? 'y' : omit()", { schema }), { kind: 'value', value: undefined });
});

test('macros and kro library functions', () => {
  assert.deepEqual(evaluateExpression('schema.spec.ports.map(p, p * 2)', { schema }), { kind: 'value', value: [160, 886] });
  assert.deepEqual(evaluateExpression('"a.b.c".split(".")[1]', {}), { kind: 'value', value: 'b' });
  assert.deepEqual(evaluateExpression('json.marshal({"n": 1})', {}), { kind: 'value', value: '{"n":1}' });
  assert.deepEqual(evaluateExpression('json.unmarshal(\'{"k": 2}\').k', {}), { kind: 'value', value: 2 });
  assert.deepEqual(evaluateExpression('base64.encode(b"hi")', {}), { kind: 'value', value: 'aGk=' });
  assert.deepEqual(evaluateExpression('"a.b.c".split(".").slice(0, 2).join(".")', {}), { kind: 'value', value: 'a.b' });
  assert.deepEqual(evaluateExpression('[[1, 2], [2]].flatten().distinct().reverse()', {}), { kind: 'value', value: [2, 1] });
  const r1 = evaluateExpression('random.seededString(10, schema.metadata.uid)', { schema });
  const r2 = evaluateExpression('random.seededString(10, schema.metadata.uid)', { schema });
  assert.equal(r1.kind, 'value');
  assert.deepEqual(r1, r2);
  assert.match(String((r1 as { value: unknown }).value), /^[a-z0-9]{10}$/);
});

test('forEach iterators and collections bind like resources', () => {
  const ev = createCelEvaluator();
  assert.deepEqual(ev.evaluate('name + "-" + region', { name: 'a', region: 'eu' }), { kind: 'value', value: 'a-eu' });
  const pods = [{ status: { phase: 'Running' } }, { status: { phase: 'Pending' } }];
  assert.deepEqual(ev.evaluate('pods.filter(p, p.status.phase == "Running").size()', { pods }), { kind: 'value', value: 1 });
  assert.deepEqual(ev.evaluate('each.status.phase == "Running"', { each: pods[0] }), { kind: 'value', value: true });
});
