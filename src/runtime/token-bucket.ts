/** Limits of an overall token bucket: a steady rate with room for bursts. */
export interface TokenBucketLimits {
  /** Tokens added per second. */
  qps: number;
  /** Most tokens the bucket holds. */
  burst: number;
}

/** controller-runtime's defaults: 10 per second, bursts of 100. */
export const DEFAULT_TOKEN_BUCKET_LIMITS: TokenBucketLimits = { qps: 10, burst: 100 };

/** A bucket's tokens at a moment; tokens go negative when callers reserve ahead of the refill. */
export interface TokenBucketState {
  tokens: number;
  updatedAtMs: number;
}

/** A full bucket at `nowMs`. */
export function fullTokenBucket(limits: TokenBucketLimits, nowMs: number): TokenBucketState {
  return { tokens: limits.burst, updatedAtMs: nowMs };
}

/**
 * Reserves one token at `nowMs` and says how long the caller must wait for it, as
 * golang.org/x/time/rate's `Reserve().Delay()` does: reservations queue up behind each other.
 */
export function reserveToken(
  state: TokenBucketState,
  nowMs: number,
  limits: TokenBucketLimits,
): { state: TokenBucketState; delayMs: number } {
  if (!Number.isFinite(limits.qps)) return { state, delayMs: 0 };
  const elapsedMs = Math.max(0, nowMs - state.updatedAtMs);
  const refilled = Math.min(limits.burst, state.tokens + (elapsedMs * limits.qps) / 1000);
  const tokens = refilled - 1;
  const delayMs = tokens < 0 ? (-tokens * 1000) / limits.qps : 0;
  return { state: { tokens, updatedAtMs: Math.max(nowMs, state.updatedAtMs) }, delayMs };
}
