import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSizedCache } from './file-cache.js';

test('sized cache evicts least recently used entries past its byte bound', () => {
  const cache = createSizedCache<string>(10, (v) => v.length);
  cache.set('a', 'aaaa');
  cache.set('b', 'bbbb');
  assert.equal(cache.get('a'), 'aaaa'); // a is now the most recent
  cache.set('c', 'cccc'); // 12 > 10: b goes
  assert.equal(cache.get('b'), undefined);
  assert.equal(cache.get('a'), 'aaaa');
  assert.equal(cache.get('c'), 'cccc');
  assert.equal(cache.size, 8);
  cache.set('a', 'a'); // replacing frees the old size
  assert.equal(cache.size, 5);
  cache.set('huge', 'x'.repeat(11)); // bigger than the bound: not kept, nothing evicted
  assert.equal(cache.get('huge'), undefined);
  assert.equal(cache.size, 5);
});
