import { GantryError, isRetryable, messageOf, type Clock, type Logger } from '../core/index.js';
import type { Runnable } from './runnable.js';
import { createWorkQueue, type WorkQueue } from './work-queue.js';

/** What a reconcile may ask for: to be looked at again after a delay even though it succeeded. */
export interface ReconcileResult {
  requeueAfterMs?: number;
}

/** What a reconcile gets besides its key: a logger carrying `{ controller, key }`, and a signal that aborts on stop. */
export interface ReconcileContext {
  log: Logger;
  signal: AbortSignal;
}

/**
 * The one contract of every controller: bring the world in line with the desired state of `key`,
 * reading the full state each time. Throwing a retryable error retries with backoff; a
 * `TerminalError` (or any non-retryable error) stops retrying until the key is enqueued again.
 */
export type Reconciler = (key: string, ctx: ReconcileContext) => Promise<ReconcileResult>;

/** Counters of one controller, for status pages and tests. */
export interface ControllerMetrics {
  /** Reconciles finished, successful or not. */
  reconciles: number;
  /** Reconciles that threw, terminal ones included. */
  errors: number;
  /** Reconciles that threw a non-retryable error. */
  terminalErrors: number;
  /** Reconciles running now. */
  inFlight: number;
  /** The message of each key's latest error, cleared when the key next succeeds. */
  lastErrors: Record<string, string>;
}

/** A controller: a work queue of keys and workers that reconcile them. */
export interface Controller extends Runnable {
  /** Queues `key` for reconciling (deduplicated with any pending add). */
  enqueue(key: string): void;
  /** Starts the workers; resolves once they run. Aborting `signal` stops the controller. */
  start(signal?: AbortSignal): Promise<void>;
  /** Shuts the queue, aborts the reconcile signal, and resolves when in-flight reconciles have finished. */
  stop(): Promise<void>;
  /** A snapshot of the counters. */
  metrics(): ControllerMetrics;
}

/** Dependencies and settings of a controller. */
export interface ControllerOptions {
  name: string;
  reconcile: Reconciler;
  /** Defaults to `createWorkQueue({ clock })` on real timers. */
  queue?: WorkQueue;
  /** How many keys are reconciled at once (never the same key twice); defaults to 1. */
  workers?: number;
  clock: Clock;
  log: Logger;
}

interface Counters {
  reconciles: number;
  errors: number;
  terminalErrors: number;
  inFlight: number;
  lastErrors: Map<string, string>;
}

/** Creates a controller that runs `reconcile` for each queued key on `workers` workers. */
export function createController(options: ControllerOptions): Controller {
  const queue = options.queue ?? createWorkQueue({ clock: options.clock });
  const workers = options.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1) {
    throw new GantryError(`controller ${options.name}: workers must be a positive integer, got ${workers}`);
  }
  const counters: Counters = { reconciles: 0, errors: 0, terminalErrors: 0, inFlight: 0, lastErrors: new Map() };
  const abort = new AbortController();
  const processKey = createKeyProcessor({ ...options, queue, counters, signal: abort.signal });
  let running: Promise<void>[] | undefined;
  let stopping: Promise<void> | undefined;

  const runWorker = async (): Promise<void> => {
    for (let key = await queue.get(); key !== undefined; key = await queue.get()) await processKey(key);
  };
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      queue.shutDown();
      abort.abort(new GantryError(`controller ${options.name} stopping`));
      await Promise.all(running ?? []);
    })();
    return stopping;
  };

  return {
    name: options.name,
    enqueue: (key) => queue.add(key),
    async start(signal) {
      if (running || stopping) throw new GantryError(`controller ${options.name} was already started or stopped`);
      running = Array.from({ length: workers }, () => runWorker());
      options.log.info('controller started', { controller: options.name, workers });
      if (signal?.aborted) void stop();
      else signal?.addEventListener('abort', () => void stop(), { once: true });
    },
    stop,
    metrics: () => ({ ...counters, lastErrors: Object.fromEntries(counters.lastErrors) }),
  };
}

interface ProcessorOptions {
  name: string;
  reconcile: Reconciler;
  queue: WorkQueue;
  clock: Clock;
  log: Logger;
  counters: Counters;
  signal: AbortSignal;
}

/** Returns the function a worker runs per key: reconcile, then forget, requeue or back off. */
function createKeyProcessor(options: ProcessorOptions): (key: string) => Promise<void> {
  const { queue, counters, clock } = options;
  return async (key) => {
    const log = options.log.child({ controller: options.name, key });
    const startedAt = clock.now();
    counters.inFlight++;
    try {
      const result = await options.reconcile(key, { log, signal: options.signal });
      counters.lastErrors.delete(key);
      queue.forget(key);
      if (result.requeueAfterMs !== undefined) queue.addAfter(key, result.requeueAfterMs);
      log.debug('reconciled', { durationMs: clock.now() - startedAt, requeueAfterMs: result.requeueAfterMs });
    } catch (error) {
      handleFailure({ key, error, log, queue, counters, stopping: options.signal.aborted });
    } finally {
      counters.inFlight--;
      counters.reconciles++;
      queue.done(key);
    }
  };
}

interface Failure {
  key: string;
  error: unknown;
  log: Logger;
  queue: WorkQueue;
  counters: Counters;
  stopping: boolean;
}

/** A retryable error backs off and retries; a terminal one is logged and forgotten. */
function handleFailure(failure: Failure): void {
  const { key, error, log, queue, counters } = failure;
  const fields = { error: messageOf(error), errorName: error instanceof Error ? error.name : typeof error };
  counters.errors++;
  counters.lastErrors.set(key, fields.error);
  if (isRetryable(error) && failure.stopping) {
    log.info('reconcile ended by stop', fields);
  } else if (isRetryable(error)) {
    queue.addRateLimited(key);
    log.warn('reconcile failed, will retry', { ...fields, requeues: queue.numRequeues(key) });
  } else {
    counters.terminalErrors++;
    queue.forget(key);
    log.error('reconcile failed, not retrying', fields);
  }
}
