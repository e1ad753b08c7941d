/** Runs tasks one at a time per key, in arrival order, while tasks for different keys run freely. */
export interface KeyedLock {
  /** Runs `task` after every earlier task for `key` has settled, and returns its result. */
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

/** Creates a lock made of one promise chain per key; a chain is dropped once it drains. */
export function createKeyedLock(): KeyedLock {
  const tails = new Map<string, Promise<void>>();
  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}
