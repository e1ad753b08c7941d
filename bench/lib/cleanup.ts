/**
 * A stack of clean-up steps (stop a process, remove a folder) run last-in first-out exactly once:
 * at the end of a run, after a failure, or on SIGINT/SIGTERM. A failing step is reported and the
 * rest still run.
 */
export interface Cleanup {
  /** Adds a step and returns a function that runs it early (and removes it from the stack). */
  add(what: string, step: () => Promise<void> | void): () => Promise<void>;
  /** Runs every remaining step, newest first; a call while a run is under way joins that run. */
  runAll(): Promise<void>;
}

interface Step {
  what: string;
  step: () => Promise<void> | void;
}

/** Creates a clean-up stack that reports failing steps through `warn`. */
export function createCleanup(warn: (line: string) => void): Cleanup {
  const steps: Step[] = [];
  let draining: Promise<void> | undefined;
  const run = async (entry: Step): Promise<void> => {
    try {
      await entry.step();
    } catch (error) {
      warn(`clean-up step failed: ${entry.what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  return {
    add(what, step) {
      const entry = { what, step };
      steps.push(entry);
      return async () => {
        const at = steps.indexOf(entry);
        if (at < 0) return;
        steps.splice(at, 1);
        await run(entry);
      };
    },
    runAll() {
      draining ??= (async () => {
        while (steps.length > 0) await run(steps.pop() as Step);
      })().finally(() => {
        draining = undefined;
      });
      return draining;
    },
  };
}

/**
 * Runs the clean-up, then exits, when the process is interrupted (Ctrl-C, a kill). Returns whether
 * that has begun, so work failing because its resources were just removed is not reported as a failure.
 */
export function cleanUpOnSignals(cleanup: Cleanup, warn: (line: string) => void): () => boolean {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    warn(`${signal}: cleaning up before exit`);
    void cleanup.runAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => stopping;
}
