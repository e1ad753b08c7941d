import { GantryError, InputError, messageOf, withContext, type Logger } from '../core/index.js';
import type { Runnable } from './runnable.js';

/** Starts and stops the process's runnables together. */
export interface Manager {
  /** Registers a runnable; names must be unique, and nothing can be added once started. */
  add(runnable: Runnable): void;
  /**
   * Starts the runnables in registration order. If one fails, stops those already started and
   * rejects with an error naming it. Aborting `signal` later stops the manager.
   */
  start(signal?: AbortSignal): Promise<void>;
  /** Aborts the shared signal and stops started runnables in reverse order; rejects if any failed to stop. */
  stop(): Promise<void>;
}

/** Dependencies of a manager. */
export interface ManagerOptions {
  log: Logger;
}

/** Creates a manager: the one place a process's controllers and servers are started and stopped. */
export function createManager(options: ManagerOptions): Manager {
  const { log } = options;
  const runnables: Runnable[] = [];
  const started: Runnable[] = [];
  const abort = new AbortController();
  let state: 'new' | 'starting' | 'started' = 'new';
  let stopping: Promise<void> | undefined;

  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      abort.abort(new GantryError('manager stopping'));
      const failures = await stopInReverse(started.splice(0), log);
      if (failures.length > 0) throw stopError(failures);
    })();
    return stopping;
  };

  return {
    add(runnable) {
      if (state !== 'new') throw new GantryError(`manager: cannot add ${runnable.name} after start`);
      if (runnables.some((r) => r.name === runnable.name)) throw new InputError(`manager: a runnable named ${runnable.name} is already registered`);
      runnables.push(runnable);
    },
    async start(signal) {
      if (state !== 'new') throw new GantryError('manager was already started');
      state = 'starting';
      for (const runnable of runnables) {
        if (abort.signal.aborted) return;
        await startRunnable({ runnable, abort, started, log });
      }
      state = 'started';
      log.info('manager started', { runnables: runnables.map((r) => r.name) });
      if (signal?.aborted) void stop().catch(() => undefined);
      else signal?.addEventListener('abort', () => void stop().catch(() => undefined), { once: true });
    },
    stop,
  };
}

interface StartStep {
  runnable: Runnable;
  abort: AbortController;
  started: Runnable[];
  log: Logger;
}

/** Starts one runnable; on failure stops those already started, in reverse, and rethrows naming it. */
async function startRunnable(step: StartStep): Promise<void> {
  const { runnable, abort, started, log } = step;
  try {
    await runnable.start(abort.signal);
    // stop() was called while this one was starting: it missed it, so stop it here.
    if (abort.signal.aborted) await stopInReverse([runnable], log);
    else started.push(runnable);
  } catch (error) {
    log.error('runnable failed to start', { runnable: runnable.name, error: messageOf(error) });
    abort.abort(new GantryError('manager stopping'));
    await stopInReverse(started.splice(0), log);
    throw withContext(`start ${runnable.name}`, error);
  }
}

interface StopFailure {
  name: string;
  error: unknown;
}

/** Stops each runnable, last started first, carrying on past failures and returning them. */
async function stopInReverse(runnables: Runnable[], log: Logger): Promise<StopFailure[]> {
  const failures: StopFailure[] = [];
  for (const runnable of runnables.reverse()) {
    try {
      await runnable.stop?.();
      log.debug('runnable stopped', { runnable: runnable.name });
    } catch (error) {
      log.error('runnable failed to stop', { runnable: runnable.name, error: messageOf(error) });
      failures.push({ name: runnable.name, error });
    }
  }
  return failures;
}

function stopError(failures: StopFailure[]): Error {
  const first = failures[0];
  if (failures.length === 1 && first) return withContext(`stop ${first.name}`, first.error);
  const summary = failures.map((f) => `${f.name}: ${messageOf(f.error)}`).join('; ');
  return new GantryError(`stop runnables: ${summary}`, { cause: new AggregateError(failures.map((f) => f.error)) });
}
