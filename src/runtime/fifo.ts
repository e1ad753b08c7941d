/** A first-in, first-out list with constant-time removal from the front, for queues that grow large. */
export interface Fifo<T> {
  push(item: T): void;
  /** Removes and returns the oldest item, or undefined when empty. */
  shift(): T | undefined;
  size(): number;
}

/** Creates an empty FIFO; `Array.prototype.shift` is linear, this one compacts only now and then. */
export function createFifo<T>(): Fifo<T> {
  let items: T[] = [];
  let head = 0;
  return {
    push: (item) => {
      items.push(item);
    },
    shift: () => {
      if (head >= items.length) return undefined;
      const item = items[head];
      head++;
      if (head > 1024 && head * 2 > items.length) {
        items = items.slice(head);
        head = 0;
      }
      return item;
    },
    size: () => items.length - head,
  };
}
