import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createManualClock, InputError } from '../core/index.js';
import { createDefaultRateLimiter } from './rate-limiter.js';

test('per-key backoff grows per key and forget resets it', () => {
  const limiter = createDefaultRateLimiter({ clock: createManualClock(), maxDelayMs: 40 });
  assert.deepEqual([1, 2, 3, 4, 5].map(() => limiter.when('a')), [5, 10, 20, 40, 40]);
  assert.equal(limiter.when('b'), 5);
  assert.equal(limiter.numRequeues('a'), 5);
  assert.equal(limiter.numRequeues('b'), 1);
  limiter.forget('a');
  assert.equal(limiter.numRequeues('a'), 0);
  assert.equal(limiter.when('a'), 5);
  assert.equal(limiter.numRequeues('b'), 1);
});

test('the overall bucket delays fresh keys once the burst is spent, taking the max of both', () => {
  const clock = createManualClock();
  const limiter = createDefaultRateLimiter({ clock, qps: 1, burst: 2, baseDelayMs: 5 });
  assert.deepEqual(['a', 'b', 'c', 'd'].map((k) => limiter.when(k)), [5, 5, 1000, 2000]);
  clock.advance(10_000);
  assert.equal(limiter.when('e'), 5, 'bucket refilled: per-key backoff is the longer delay');
  assert.equal(limiter.when('e'), 10);
});

test('createDefaultRateLimiter rejects impossible limits with every problem named', () => {
  assert.throws(
    () => createDefaultRateLimiter({ clock: createManualClock(), qps: 0, burst: 0 }),
    (error: unknown) =>
      error instanceof InputError && /qps must be > 0/.test(error.message) && /burst must be >= 1/.test(error.message),
  );
  assert.throws(() => createDefaultRateLimiter({ clock: createManualClock(), baseDelayMs: 10, maxDelayMs: 5 }), InputError);
});
