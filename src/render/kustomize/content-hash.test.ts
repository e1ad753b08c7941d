import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { JsonObject } from './json-value.js';
import { contentHash, encodeHashSuffix, goJson } from './content-hash.js';

// Expected suffixes were produced by `kubectl kustomize` (Kustomize v5.5.0).
const cases: Array<{ name: string; obj: JsonObject; want: string }> = [
  { name: 'one literal', obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'test' }, data: { a: 'b' } }, want: '4h2mbtbbt6' },
  { name: 'no data', obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }, want: '6ct58987ht' },
];

for (const c of cases) {
  test(`content hash: ${c.name}`, () => {
    assert.equal(contentHash(c.obj), c.want);
  });
}

test('content hash: the name does not change the hash', () => {
  const a = contentHash({ kind: 'ConfigMap', metadata: { name: 'a' }, data: { k: 'v' } });
  const b = contentHash({ kind: 'ConfigMap', metadata: { name: 'b' }, data: { k: 'v' } });
  assert.equal(a, b);
});

test('goJson escapes HTML characters and sorts keys as Go does', () => {
  assert.equal(goJson({ b: '<&>', a: 1 }), '{"a":1,"b":"\\u003c\\u0026\\u003e"}');
});

test('encodeHashSuffix swaps 0, 1, 3, a and e', () => {
  assert.equal(encodeHashSuffix('013ae45678ff'), 'ghkmt45678');
});
