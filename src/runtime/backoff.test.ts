import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeBackoffMs, DEFAULT_BACKOFF_LIMITS } from './backoff.js';

test('computeBackoffMs doubles from the base and stops at the cap', () => {
  const cases = [
    { failures: 0, limits: DEFAULT_BACKOFF_LIMITS, want: 5 },
    { failures: 1, limits: DEFAULT_BACKOFF_LIMITS, want: 10 },
    { failures: 4, limits: DEFAULT_BACKOFF_LIMITS, want: 80 },
    { failures: 17, limits: DEFAULT_BACKOFF_LIMITS, want: 655_360 },
    { failures: 18, limits: DEFAULT_BACKOFF_LIMITS, want: 1_000_000 },
    { failures: 5000, limits: DEFAULT_BACKOFF_LIMITS, want: 1_000_000 },
    { failures: 3, limits: { baseDelayMs: 100, maxDelayMs: 500 }, want: 500 },
    { failures: 2, limits: { baseDelayMs: 100, maxDelayMs: 500 }, want: 400 },
    { failures: -1, limits: { baseDelayMs: 100, maxDelayMs: 500 }, want: 100 },
    { failures: 3, limits: { baseDelayMs: 0, maxDelayMs: 500 }, want: 0 },
  ];
  for (const c of cases) {
    assert.equal(computeBackoffMs(c.failures, c.limits), c.want, `failures=${c.failures} ${JSON.stringify(c.limits)}`);
  }
});
