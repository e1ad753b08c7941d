import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRenderCache, renderKey } from './render-cache.js';

test('a kept render is handed out as a copy, and the least recently used goes first', () => {
  const cache = createRenderCache(2);
  const objects = [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { x: '1' } }];
  const a = renderKey({ repoURL: 'http://git/x.git' }, 'c1');
  cache.set(a, { sourceType: 'Directory', objects });
  objects[0]!.data.x = 'changed by the caller';
  const copy = cache.get(a);
  assert.equal((copy?.objects[0]?.data as { x: string }).x, '1');
  (copy?.objects[0]?.data as { x: string }).x = 'changed again';
  assert.equal((cache.get(a)?.objects[0]?.data as { x: string }).x, '1');
  const b = renderKey({ repoURL: 'http://git/x.git' }, 'c2');
  const c = renderKey({ repoURL: 'http://git/x.git' }, 'c3');
  cache.set(b, { sourceType: 'Directory', objects: [] });
  cache.get(a);
  cache.set(c, { sourceType: 'Directory', objects: [] });
  assert.ok(cache.get(a) && cache.get(c));
  assert.equal(cache.get(b), undefined);
});
