import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeSchema } from './normalize.js';

test('int-or-string in its v2 and v3 spellings becomes x-kubernetes-int-or-string', () => {
  const got = normalizeSchema({
    type: 'object',
    properties: {
      v2: { type: 'string', format: 'int-or-string' },
      v3: { anyOf: [{ type: 'integer' }, { type: 'string' }] },
    },
  });
  assert.deepEqual(got.properties?.v2, { 'x-kubernetes-int-or-string': true });
  assert.deepEqual(got.properties?.v3, { 'x-kubernetes-int-or-string': true });
});

test('allOf members are merged; unresolved refs and recursion mean anything', () => {
  const recursive: Record<string, unknown> = { type: 'object' };
  recursive.properties = { self: recursive, name: { type: 'string' } };
  const got = normalizeSchema({
    type: 'object',
    properties: {
      meta: { allOf: [{ type: 'object', properties: { name: { type: 'string' } } }], description: 'd' },
      ref: { $ref: '#/definitions/x' },
      rec: recursive,
    },
  });
  assert.deepEqual(got.properties?.meta, { description: 'd', type: 'object', properties: { name: { type: 'string' } } });
  assert.deepEqual(got.properties?.ref, { 'x-kubernetes-preserve-unknown-fields': true });
  assert.deepEqual(got.properties?.rec?.properties?.self, { 'x-kubernetes-preserve-unknown-fields': true });
});
