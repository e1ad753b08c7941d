/**
 * runtime: the machinery every controller runs on, in the shape of controller-runtime. A keyed
 * work queue that deduplicates keys, never hands one key to two workers, and retries failures with
 * per-key backoff under an overall rate limit; a controller that drains it through the one
 * reconcile contract (`reconcile(key) -> { requeueAfterMs? }`, a `TerminalError` stops retries);
 * and a manager that starts and stops a process's runnables together. Time comes from a `Clock`
 * and delayed work from a `Scheduler` port, so tests drive both by hand. The decisions (backoff,
 * token bucket) are pure functions.
 */
export { computeBackoffMs, DEFAULT_BACKOFF_LIMITS } from './backoff.js';
export type { BackoffLimits } from './backoff.js';
export { reserveToken, fullTokenBucket, DEFAULT_TOKEN_BUCKET_LIMITS } from './token-bucket.js';
export type { TokenBucketLimits, TokenBucketState } from './token-bucket.js';
export { createDefaultRateLimiter } from './rate-limiter.js';
export type { RateLimiter, RateLimiterOptions } from './rate-limiter.js';
export { systemScheduler, createManualScheduler } from './scheduler.js';
export type { Scheduler, ManualScheduler, CancelTimer } from './scheduler.js';
export { createWorkQueue } from './work-queue.js';
export type { WorkQueue, WorkQueueOptions } from './work-queue.js';
export { createController } from './controller.js';
export type {
  Controller,
  ControllerOptions,
  ControllerMetrics,
  Reconciler,
  ReconcileContext,
  ReconcileResult,
} from './controller.js';
export type { Runnable } from './runnable.js';
export { createManager } from './manager.js';
export type { Manager, ManagerOptions } from './manager.js';
