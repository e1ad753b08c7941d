/** A least-recently-used cache bounded by the total size of its values, for immutable data. */
export interface SizedCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  /** The summed size of the values held now. */
  readonly size: number;
}

/**
 * Creates a cache that drops least-recently-used entries once the sizes (from `sizeOf`) sum past
 * `maxSize`; a value larger than `maxSize` on its own is not kept.
 */
export function createSizedCache<V>(maxSize: number, sizeOf: (value: V) => number): SizedCache<V> {
  const entries = new Map<string, { value: V; size: number }>();
  let total = 0;
  const evict = (key: string): void => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    total -= entry.size;
  };
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      entries.set(key, entry);
      return entry.value;
    },
    set(key, value) {
      evict(key);
      const size = sizeOf(value);
      if (size > maxSize) return;
      entries.set(key, { value, size });
      total += size;
      for (const oldest of entries.keys()) {
        if (total <= maxSize) break;
        evict(oldest);
      }
    },
    get size() {
      return total;
    },
  };
}
