import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createManualClock } from '../core/index.js';
import { createDefaultRateLimiter } from './rate-limiter.js';
import { createManualScheduler, type ManualScheduler } from './scheduler.js';
import { createWorkQueue, type WorkQueue } from './work-queue.js';

function manualQueue(limits: { qps?: number; burst?: number } = {}): { queue: WorkQueue; time: ManualScheduler } {
  const clock = createManualClock();
  const time = createManualScheduler(clock);
  const rateLimiter = createDefaultRateLimiter({ clock, ...limits });
  return { queue: createWorkQueue({ clock, scheduler: time, rateLimiter }), time };
}

/** True when `promise` has settled after pending callbacks ran. */
async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

test('add drops a key that is already waiting and keeps first-in order', async () => {
  const { queue } = manualQueue();
  for (const key of ['a', 'b', 'a', 'c', 'b', 'a']) queue.add(key);
  assert.equal(queue.len(), 3);
  assert.deepEqual([await queue.get(), await queue.get(), await queue.get()], ['a', 'b', 'c']);
  assert.equal(queue.len(), 0);
});

test('a key added while processing is held back, then queued once at done', async () => {
  const { queue } = manualQueue();
  queue.add('a');
  assert.equal(await queue.get(), 'a');
  queue.add('a');
  queue.add('a');
  queue.add('b');
  assert.equal(queue.len(), 1, 'a is dirty, not waiting, while it is processed');
  assert.equal(await queue.get(), 'b');
  const third = queue.get();
  assert.equal(await isSettled(third), false, 'a is not handed out while still processing');
  queue.done('a');
  assert.equal(await third, 'a');
  queue.done('a');
  queue.done('b');
  assert.equal(queue.len(), 0, 'the two re-adds of a became one');
  queue.done('never-got');
  assert.equal(queue.len(), 0);
});

test('a waiting get receives the next added key', async () => {
  const { queue } = manualQueue();
  const first = queue.get();
  const second = queue.get();
  queue.add('x');
  queue.add('y');
  assert.deepEqual(await Promise.all([first, second]), ['x', 'y']);
  queue.add('x');
  assert.equal(queue.len(), 0, 'x is processing, so the add only marks it dirty');
});

test('addRateLimited backs off per key, doubling, and forget resets it', async () => {
  const { queue, time } = manualQueue();
  const delays: number[] = [];
  for (let attempt = 0; attempt < 4; attempt++) {
    queue.addRateLimited('a');
    let waited = 0;
    while (queue.len() === 0) {
      time.advance(1);
      waited++;
    }
    delays.push(waited);
    assert.equal(await queue.get(), 'a');
    queue.done('a');
  }
  assert.deepEqual(delays, [5, 10, 20, 40]);
  assert.equal(queue.numRequeues('a'), 4);
  queue.forget('a');
  assert.equal(queue.numRequeues('a'), 0);
  queue.addRateLimited('a');
  time.advance(4);
  assert.equal(queue.len(), 0);
  time.advance(1);
  assert.equal(queue.len(), 1);
});

test('the overall rate limit spreads rate-limited adds of many keys', () => {
  const { queue, time } = manualQueue({ qps: 10, burst: 2 });
  for (const key of ['a', 'b', 'c', 'd']) queue.addRateLimited(key);
  time.advance(5);
  assert.equal(queue.len(), 2, 'the burst goes after the per-key 5 ms');
  time.advance(94);
  assert.equal(queue.len(), 2);
  time.advance(1);
  assert.equal(queue.len(), 3, 'c waits 100 ms for a token');
  time.advance(100);
  assert.equal(queue.len(), 4);
});

test('addAfter: the earliest pending add of a key wins', async () => {
  const cases = [
    { name: 'later then earlier', delays: [100, 50] },
    { name: 'earlier then later', delays: [50, 100] },
  ];
  for (const c of cases) {
    const { queue, time } = manualQueue();
    for (const ms of c.delays) queue.addAfter('a', ms);
    time.advance(49);
    assert.equal(queue.len(), 0, c.name);
    time.advance(1);
    assert.equal(queue.len(), 1, c.name);
    assert.equal(await queue.get(), 'a');
    queue.done('a');
    time.advance(1000);
    assert.equal(queue.len(), 0, `${c.name}: the later add was dropped`);
    assert.equal(time.pending(), 0, c.name);
  }
});

test('addAfter with no delay adds at once and a due delayed add dedups with a waiting key', () => {
  const { queue, time } = manualQueue();
  queue.addAfter('a', 0);
  assert.equal(queue.len(), 1);
  queue.addAfter('a', 10);
  time.advance(10);
  assert.equal(queue.len(), 1);
});

test('shutDown unblocks waiting gets, ignores adds and cancels delayed adds', async () => {
  const { queue, time } = manualQueue();
  const waiting = [queue.get(), queue.get()];
  queue.addAfter('later', 10);
  queue.shutDown();
  assert.deepEqual(await Promise.all(waiting), [undefined, undefined]);
  assert.equal(time.pending(), 0);
  queue.add('b');
  queue.addRateLimited('c');
  time.advance(1_000_000);
  assert.equal(queue.len(), 0);
  assert.equal(await queue.get(), undefined);
  assert.equal(queue.isShuttingDown(), true);
});
