import assert from 'node:assert/strict';
import { test } from 'node:test';
import { storedEqual } from './json-value.js';

test('storedEqual compares values as JSON would store them', () => {
  assert.ok(storedEqual({ a: 1, b: undefined }, { a: 1 }), 'a field holding undefined is absent');
  assert.ok(storedEqual({ a: { x: [1, { y: 'z' }] }, b: 2 }, { b: 2, a: { x: [1, { y: 'z' }] } }), 'key order does not matter');
  assert.ok(storedEqual([undefined, 1], [null, 1]), 'an undefined array item is stored as null');
  assert.ok(!storedEqual({ a: 1 }, { a: 1, b: 2 }));
  assert.ok(!storedEqual({ a: null }, {}), 'null is stored, undefined is not');
  assert.ok(!storedEqual({ a: [1, 2] }, { a: [2, 1] }), 'list order matters');
  assert.ok(!storedEqual({ a: '1' }, { a: 1 }));
  assert.ok(!storedEqual([], {}));
});
