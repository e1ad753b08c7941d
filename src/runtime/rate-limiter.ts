import { InputError, type Clock } from '../core/index.js';
import { computeBackoffMs, DEFAULT_BACKOFF_LIMITS } from './backoff.js';
import { fullTokenBucket, reserveToken, DEFAULT_TOKEN_BUCKET_LIMITS, type TokenBucketState } from './token-bucket.js';

/** Decides how long a key waits before its next retry, and remembers failures per key. */
export interface RateLimiter {
  /** Records one more failure of `key` and returns the delay before retrying it. */
  when(key: string): number;
  /** Clears the failures of `key`, so its next retry starts from the base delay. */
  forget(key: string): void;
  /** How many times `key` has been retried since it was last forgotten. */
  numRequeues(key: string): number;
}

/** Options of the default limiter; each omitted limit takes controller-runtime's default. */
export interface RateLimiterOptions {
  clock: Clock;
  baseDelayMs?: number;
  maxDelayMs?: number;
  qps?: number;
  burst?: number;
}

/**
 * Creates controller-runtime's default limiter: per-key exponential backoff and an overall token
 * bucket, taking the longer of the two delays, so one failing key backs off on its own while a
 * storm of failures is held to the overall rate.
 */
export function createDefaultRateLimiter(options: RateLimiterOptions): RateLimiter {
  const backoff = {
    baseDelayMs: options.baseDelayMs ?? DEFAULT_BACKOFF_LIMITS.baseDelayMs,
    maxDelayMs: options.maxDelayMs ?? DEFAULT_BACKOFF_LIMITS.maxDelayMs,
  };
  const bucketLimits = { qps: options.qps ?? DEFAULT_TOKEN_BUCKET_LIMITS.qps, burst: options.burst ?? DEFAULT_TOKEN_BUCKET_LIMITS.burst };
  validateLimits({ ...backoff, ...bucketLimits });
  const failures = new Map<string, number>();
  let bucket: TokenBucketState = fullTokenBucket(bucketLimits, options.clock.now());
  return {
    when(key) {
      const count = failures.get(key) ?? 0;
      failures.set(key, count + 1);
      const reserved = reserveToken(bucket, options.clock.now(), bucketLimits);
      bucket = reserved.state;
      return Math.max(computeBackoffMs(count, backoff), reserved.delayMs);
    },
    forget: (key) => {
      failures.delete(key);
    },
    numRequeues: (key) => failures.get(key) ?? 0,
  };
}

function validateLimits(limits: { baseDelayMs: number; maxDelayMs: number; qps: number; burst: number }): void {
  const problems = [
    limits.baseDelayMs >= 0 ? '' : `baseDelayMs must be >= 0, got ${limits.baseDelayMs}`,
    limits.maxDelayMs >= limits.baseDelayMs ? '' : `maxDelayMs must be >= baseDelayMs, got ${limits.maxDelayMs}`,
    limits.qps > 0 ? '' : `qps must be > 0, got ${limits.qps}`,
    limits.burst >= 1 ? '' : `burst must be >= 1, got ${limits.burst}`,
  ].filter(Boolean);
  if (problems.length > 0) throw new InputError(`rate limiter: ${problems.join('; ')}`);
}
