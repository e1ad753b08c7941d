import type { Clock } from '../core/index.js';
import { createFifo } from './fifo.js';
import { createDefaultRateLimiter, type RateLimiter } from './rate-limiter.js';
import { systemScheduler, type CancelTimer, type Scheduler } from './scheduler.js';

/**
 * A queue of keys (not events) with controller-runtime's semantics: a waiting key is held once, a
 * key is never handed to two workers at once, and failed keys come back with per-key backoff.
 */
export interface WorkQueue {
  /** Queues `key` unless it is already waiting; a key being processed is re-queued once at `done`. */
  add(key: string): void;
  /** Queues `key` after `ms`; when a delayed add of the key is already pending, the earlier one wins. */
  addAfter(key: string, ms: number): void;
  /** Queues `key` after its rate-limited delay (per-key backoff and the overall rate, whichever is longer). */
  addRateLimited(key: string): void;
  /** Resets the backoff of `key`, after it succeeded or will not be retried. */
  forget(key: string): void;
  /** How many rate-limited adds `key` has had since it was last forgotten. */
  numRequeues(key: string): number;
  /** Waits for the next key and marks it processing; undefined once the queue is shut down. */
  get(): Promise<string | undefined>;
  /** Marks `key` finished; if it was added while processing, it is queued again now. */
  done(key: string): void;
  /** How many keys are waiting to be handed out (delayed adds not yet due are not counted). */
  len(): number;
  /** Stops the queue: pending and future `get` calls return undefined, adds are ignored, timers cancelled. */
  shutDown(): void;
  /** True after `shutDown`. */
  isShuttingDown(): boolean;
}

/** What a work queue needs: a clock, a scheduler for delayed adds, and optionally its own limiter. */
export interface WorkQueueOptions {
  clock: Clock;
  /** Defaults to real timers; pass a manual scheduler in tests. */
  scheduler?: Scheduler;
  /** Defaults to `createDefaultRateLimiter({ clock })`. */
  rateLimiter?: RateLimiter;
}

interface Delayed {
  at: number;
  cancel: CancelTimer;
}

/** Creates a keyed, rate-limited work queue. */
export function createWorkQueue(options: WorkQueueOptions): WorkQueue {
  const { clock } = options;
  const scheduler = options.scheduler ?? systemScheduler;
  const limiter = options.rateLimiter ?? createDefaultRateLimiter({ clock });
  const ready = createReadyQueue();
  const delayed = new Map<string, Delayed>();

  const addAfter = (key: string, ms: number): void => {
    if (ready.isShuttingDown()) return;
    if (ms <= 0) return ready.add(key);
    const at = clock.now() + ms;
    const existing = delayed.get(key);
    if (existing && existing.at <= at) return;
    existing?.cancel();
    const cancel = scheduler.setTimer(ms, () => {
      delayed.delete(key);
      ready.add(key);
    });
    delayed.set(key, { at, cancel });
  };

  return {
    ...ready,
    addAfter,
    addRateLimited: (key) => addAfter(key, limiter.when(key)),
    forget: (key) => limiter.forget(key),
    numRequeues: (key) => limiter.numRequeues(key),
    shutDown: () => {
      for (const entry of delayed.values()) entry.cancel();
      delayed.clear();
      ready.shutDown();
    },
  };
}

type ReadyQueue = Pick<WorkQueue, 'add' | 'get' | 'done' | 'len' | 'shutDown' | 'isShuttingDown'>;

/** The deduplicating core: keys waiting, keys processing, and keys dirtied while processing. */
function createReadyQueue(): ReadyQueue {
  const waiting = createFifo<string>();
  const dirty = new Set<string>();
  const processing = new Set<string>();
  const getters: ((key: string | undefined) => void)[] = [];
  let shuttingDown = false;

  const startProcessing = (key: string): string => {
    dirty.delete(key);
    processing.add(key);
    return key;
  };
  const makeReady = (key: string): void => {
    const getter = getters.shift();
    if (getter) getter(startProcessing(key));
    else waiting.push(key);
  };

  return {
    add(key) {
      if (shuttingDown || dirty.has(key)) return;
      dirty.add(key);
      if (!processing.has(key)) makeReady(key);
    },
    get() {
      if (shuttingDown) return Promise.resolve(undefined);
      const key = waiting.shift();
      if (key !== undefined) return Promise.resolve(startProcessing(key));
      return new Promise((resolve) => getters.push(resolve));
    },
    done(key) {
      if (!processing.delete(key)) return;
      if (dirty.has(key) && !shuttingDown) makeReady(key);
    },
    len: () => waiting.size(),
    shutDown() {
      shuttingDown = true;
      for (const getter of getters.splice(0)) getter(undefined);
    },
    isShuttingDown: () => shuttingDown,
  };
}
