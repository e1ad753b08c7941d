import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * This process's memory after a full garbage collection, so the figure is what is kept rather
 * than what happens not to be collected yet. Uses V8's gc() through --expose-gc set at run time;
 * `collected` is false (and the figure is the raw one) if that is not possible.
 */
export function settledMemory(): { memory: NodeJS.MemoryUsage; collected: boolean } {
  let collected = false;
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as (() => void) | undefined;
    if (typeof gc === 'function') {
      gc();
      collected = true;
    }
  } catch {
    collected = false;
  }
  return { memory: process.memoryUsage(), collected };
}
