/** Time as a port, so that nothing below the composition root reads the wall clock directly. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`, or rejects early when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason as Error);
      const timer = setTimeout(done, ms);
      function done(): void {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }
      function onAbort(): void {
        clearTimeout(timer);
        reject(signal?.reason as Error);
      }
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** A clock that only moves when told to, for tests of time-based decisions. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
}

/** Creates a manual clock starting at `start` ms; `sleep` resolves when `advance` passes its deadline. */
export function createManualClock(start = 0): ManualClock {
  let current = start;
  const sleepers: { at: number; resolve: () => void }[] = [];
  return {
    now: () => current,
    sleep: (ms) => new Promise<void>((resolve) => sleepers.push({ at: current + ms, resolve })),
    advance(ms: number): void {
      current += ms;
      for (const s of sleepers.filter((x) => x.at <= current)) {
        sleepers.splice(sleepers.indexOf(s), 1);
        s.resolve();
      }
    },
  };
}
