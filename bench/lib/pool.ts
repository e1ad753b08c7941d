import { performance } from 'node:perf_hooks';

/**
 * Runs `task(0) .. task(count - 1)` with at most `concurrency` in flight and resolves with the
 * elapsed milliseconds. The first failure stops new tasks from starting and is rethrown once the
 * tasks in flight have settled, so a failed round never reports a figure.
 */
export async function runPool(count: number, concurrency: number, task: (index: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (next < count && !failure) {
      const index = next++;
      try {
        await task(index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
  const elapsed = performance.now() - started;
  if (failure) throw failure.error;
  return elapsed;
}
