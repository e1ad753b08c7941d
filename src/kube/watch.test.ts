import assert from 'node:assert/strict';
import { test } from 'node:test';
import { takeLines } from './watch.js';

test('watch lines are put together across chunks, blank lines skipped', () => {
  const seen: string[] = [];
  let rest = '';
  for (const chunk of ['{"a":', '1}\n{"b":2}\n', '\n  \n{"c"', ':3}\n{"d":4']) rest = takeLines(rest, chunk, (l) => seen.push(l));
  assert.deepEqual(seen, ['{"a":1}', '{"b":2}', '{"c":3}']);
  assert.equal(rest, '{"d":4', 'an unfinished line waits for the next chunk');
  assert.deepEqual(seen.map((l) => JSON.parse(l) as unknown), [{ a: 1 }, { b: 2 }, { c: 3 }]);
});
