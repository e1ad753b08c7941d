/** A JSON-shaped value: what every Kubernetes object in the renderer is made of. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;

/** A JSON object with string keys. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** True when the value is a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy of a JSON value (a plain walk: several times faster than structuredClone on small objects). */
export function cloneJson<T extends JsonValue>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  const out: JsonObject = {};
  for (const key of Object.keys(value)) {
    const copy = cloneJson((value as JsonObject)[key] as JsonValue);
    // A plain assignment to `__proto__` would set the prototype instead of adding a key.
    if (key === '__proto__') Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true });
    else out[key] = copy;
  }
  return out as T;
}

/** Freezes a JSON value and everything in it, so shared parsed data cannot be changed by mistake. */
export function freezeJson<T extends JsonValue>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  for (const child of Object.values(value)) freezeJson(child as JsonValue);
  return Object.freeze(value);
}

/** Deep equality of two JSON values, ignoring key order. */
export function jsonEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && jsonEqual(a[k], b[k]));
  }
  return false;
}

/** The value at a path of object keys, or undefined when a step is missing. */
export function getPath(value: JsonValue | undefined, path: readonly string[]): JsonValue | undefined {
  let current = value;
  for (const key of path) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** The string at a path, or '' when absent or not a string. */
export function getString(value: JsonValue | undefined, path: readonly string[]): string {
  const found = getPath(value, path);
  return typeof found === 'string' ? found : '';
}

/** The object at a path, created (as empty objects) along the way when missing. */
export function ensureObject(root: JsonObject, path: readonly string[]): JsonObject {
  let current = root;
  for (const key of path) {
    const next = current[key];
    if (isObject(next)) {
      current = next;
    } else {
      const created: JsonObject = {};
      current[key] = created;
      current = created;
    }
  }
  return current;
}
