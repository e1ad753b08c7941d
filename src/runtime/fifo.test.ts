import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFifo } from './fifo.js';

test('fifo keeps order across compaction', () => {
  const fifo = createFifo<number>();
  const out: number[] = [];
  for (let i = 0; i < 5000; i++) {
    fifo.push(i);
    if (i % 3 === 0) out.push(fifo.shift() ?? -1);
  }
  assert.equal(fifo.size(), 5000 - out.length);
  for (let item = fifo.shift(); item !== undefined; item = fifo.shift()) out.push(item);
  assert.deepEqual(out, Array.from({ length: 5000 }, (_, i) => i));
  assert.equal(fifo.size(), 0);
  assert.equal(fifo.shift(), undefined);
});
