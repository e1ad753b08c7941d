import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fullTokenBucket, reserveToken, type TokenBucketLimits } from './token-bucket.js';

function delaysOf(limits: TokenBucketLimits, times: number[]): number[] {
  let state = fullTokenBucket(limits, 0);
  return times.map((now) => {
    const reserved = reserveToken(state, now, limits);
    state = reserved.state;
    return reserved.delayMs;
  });
}

test('reserveToken spends the burst, then queues reservations at the steady rate', () => {
  const cases = [
    { name: 'burst then 100 ms steps at 10 qps', limits: { qps: 10, burst: 2 }, times: [0, 0, 0, 0], want: [0, 0, 100, 200] },
    { name: 'refill over time', limits: { qps: 10, burst: 1 }, times: [0, 0, 100, 300], want: [0, 100, 100, 0] },
    { name: 'refill never exceeds burst', limits: { qps: 10, burst: 2 }, times: [0, 10_000, 10_000, 10_000], want: [0, 0, 0, 100] },
    { name: 'fractional rate', limits: { qps: 0.5, burst: 1 }, times: [0, 0, 1000], want: [0, 2000, 3000] },
    { name: 'default limits allow 100 at once', limits: { qps: 10, burst: 100 }, times: Array<number>(101).fill(0), want: [...Array<number>(100).fill(0), 100] },
    { name: 'unlimited rate', limits: { qps: Infinity, burst: 1 }, times: [0, 0, 0], want: [0, 0, 0] },
    { name: 'clock going backwards does not refill', limits: { qps: 10, burst: 1 }, times: [1000, 0], want: [0, 100] },
  ];
  for (const c of cases) assert.deepEqual(delaysOf(c.limits, c.times), c.want, c.name);
});
