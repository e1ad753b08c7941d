import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileSelector, isEmptySelector } from './selector.js';

test('compileSelector evaluates matchLabels and every operator', () => {
  const labels = { env: 'prod', 'cluster-type': 'spoke', url: 'https://x.example.com/a' };
  const check = (selector: Parameters<typeof compileSelector>[0]): boolean => compileSelector(selector)(labels);
  assert.equal(check({ matchLabels: { env: 'prod' } }), true);
  assert.equal(check({ matchLabels: { env: 'dev' } }), false);
  assert.equal(check({ matchLabels: { url: 'https://x.example.com/a' } }), true, 'values are not restricted');
  assert.equal(check({ matchExpressions: [{ key: 'env', operator: 'In', values: ['dev', 'prod'] }] }), true);
  assert.equal(check({ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }), false);
  assert.equal(check({ matchExpressions: [{ key: 'missing', operator: 'NotIn', values: ['prod'] }] }), true);
  assert.equal(check({ matchExpressions: [{ key: 'env', operator: 'Exists' }] }), true);
  assert.equal(check({ matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] }), false);
  assert.equal(check({}), true);
  assert.equal(isEmptySelector({}), true);
  assert.equal(isEmptySelector({ matchLabels: { a: 'b' } }), false);
});

test('a bad operator or an In without values is refused by name', () => {
  assert.throws(() => compileSelector({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }), /"Gt" is not a valid label selector operator/);
  assert.throws(() => compileSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }), /In on a needs at least one value/);
});
