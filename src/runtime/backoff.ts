/** Limits of per-key exponential backoff. */
export interface BackoffLimits {
  /** Delay after the first failure. */
  baseDelayMs: number;
  /** The delay never grows past this. */
  maxDelayMs: number;
}

/** controller-runtime's defaults: 5 ms doubling up to 1000 s. */
export const DEFAULT_BACKOFF_LIMITS: BackoffLimits = { baseDelayMs: 5, maxDelayMs: 1_000_000 };

/** The delay before retrying a key that has already failed `failures` times: base * 2^failures, capped. */
export function computeBackoffMs(failures: number, limits: BackoffLimits): number {
  const delay = limits.baseDelayMs * 2 ** Math.max(0, failures);
  return Number.isFinite(delay) && delay < limits.maxDelayMs ? delay : limits.maxDelayMs;
}
