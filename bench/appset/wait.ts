import { performance } from 'node:perf_hooks';
import { createLogger, type LogRecord, type Logger } from '../../src/core/index.js';
import type { Cleanup } from '../lib/cleanup.js';

/** Polls `check` every 10 ms; resolves with the time it first held. */
export async function until(what: string, check: () => boolean, timeoutMs = 600_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return performance.now();
}

/** What `settle` watches: a controller's reconcile counters. */
export interface Busy {
  metrics(): { reconciles: number; inFlight: number };
}

const activity = (controllers: Busy[]): number => controllers.reduce((sum, c) => sum + c.metrics().reconciles + c.metrics().inFlight * 1e9, 0);

/** Waits until every controller has had nothing to do for `quietMs`. */
export async function settle(controllers: Busy[], quietMs = 1500): Promise<void> {
  let last = activity(controllers);
  let quietSince = performance.now();
  while (performance.now() - quietSince < quietMs) {
    await new Promise((r) => setTimeout(r, 100));
    const now = activity(controllers);
    if (now !== last) {
      last = now;
      quietSince = performance.now();
    }
  }
}

/** A controller to run in the bench process. */
export interface Startable {
  start(signal: AbortSignal): void | Promise<void>;
  stop?(): void | Promise<void>;
}

/** Starts a controller and returns an idempotent stop, also registered with the clean-up stack. */
export async function runController(cleanup: Cleanup, name: string, controller: Startable): Promise<() => Promise<void>> {
  const abort = new AbortController();
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopped ??= (async () => (abort.abort(), await controller.stop?.()))());
  cleanup.add(`stop the ${name} controller`, stop);
  await controller.start(abort.signal);
  return stop;
}

/**
 * A logger for a controller that records which keys it reconciled while armed (from the runtime's
 * debug `reconciled` line) and forwards warnings and errors to `forward`.
 */
export interface ReconcileRecorder {
  log: Logger;
  arm(): void;
  keys(): Set<string>;
}

/** Creates a ReconcileRecorder; keys are recorded only between `arm()` calls (each clears them). */
export function createReconcileRecorder(forward: Logger): ReconcileRecorder {
  let keys = new Set<string>();
  let armed = false;
  const sink = (r: LogRecord): void => {
    if (armed && r.msg === 'reconciled') keys.add(String(r.fields['key']));
    if (r.level === 'warn' || r.level === 'error') forward[r.level](r.msg, r.fields);
  };
  return {
    log: createLogger({ level: 'debug', sink }),
    arm() {
      keys = new Set();
      armed = true;
    },
    keys: () => keys,
  };
}
