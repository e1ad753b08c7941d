import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { JsonObject } from './json-value.js';
import { strategicMerge } from './strategic-merge.js';

const cases: Array<{ name: string; original: JsonObject; patch: JsonObject; want: JsonObject | undefined }> = [
  { name: 'maps merge', original: { a: { b: 1, c: 2 } }, patch: { a: { c: 3, d: 4 } }, want: { a: { b: 1, c: 3, d: 4 } } },
  { name: 'null deletes a field', original: { a: 1, b: 2 }, patch: { b: null }, want: { a: 1 } },
  {
    name: 'containers merge by name, patch elements first',
    original: { containers: [{ name: 'a', image: 'a' }, { name: 'b', image: 'b' }] },
    patch: { containers: [{ name: 'c', image: 'c' }, { name: 'b', image: 'b2' }] },
    want: { containers: [{ name: 'c', image: 'c' }, { name: 'b', image: 'b2' }, { name: 'a', image: 'a' }] },
  },
  {
    name: '$patch: delete removes a list element',
    original: { volumes: [{ name: 'x' }, { name: 'y' }] },
    patch: { volumes: [{ name: 'x', $patch: 'delete' }] },
    want: { volumes: [{ name: 'y' }] },
  },
  { name: '$patch: replace replaces a map', original: { a: { b: 1, c: 2 } }, patch: { a: { $patch: 'replace', d: 1 } }, want: { a: { d: 1 } } },
  { name: 'primitive lists are replaced', original: { args: ['a', 'b'] }, patch: { args: ['c'] }, want: { args: ['c'] } },
  { name: '$patch: delete at the top deletes the object', original: { a: 1 }, patch: { $patch: 'delete' }, want: undefined },
  {
    name: 'volumeMounts merge by mountPath',
    original: { volumeMounts: [{ mountPath: '/a', name: 'x' }] },
    patch: { volumeMounts: [{ mountPath: '/a', name: 'y' }] },
    want: { volumeMounts: [{ mountPath: '/a', name: 'y' }] },
  },
  {
    name: '$setElementOrder orders the merged list',
    original: { env: [{ name: 'a' }, { name: 'b' }] },
    patch: { '$setElementOrder/env': [{ name: 'b' }, { name: 'a' }] },
    want: { env: [{ name: 'b' }, { name: 'a' }] },
  },
];

for (const c of cases) {
  test(`strategic merge: ${c.name}`, () => {
    assert.deepEqual(strategicMerge(c.original, c.patch), c.want);
  });
}
