/** A plain JSON object, as parsed Kubernetes objects are made of. */
export type JsonObject = Record<string, unknown>;

/** Whether a value is a plain object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality of two JSON values (object key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  if (!isJsonObject(a) || !isJsonObject(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && jsonEqual(a[key], b[key]));
}

/**
 * Whether two values are equal once stored as JSON: object fields holding undefined count as
 * absent (JSON.stringify drops them) and key order does not matter; an undefined array item is
 * stored as null.
 */
export function storedEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => storedEqual(item ?? null, b[i] ?? null));
  if (!isJsonObject(a) || !isJsonObject(b)) return false;
  const keys = definedKeys(a);
  if (keys.length !== definedKeys(b).length) return false;
  return keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && storedEqual(a[key], b[key]));
}

function definedKeys(obj: JsonObject): string[] {
  return Object.keys(obj).filter((key) => obj[key] !== undefined);
}

/** A deep copy of a JSON value, so callers' objects are never mutated. */
export function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => cloneJson(item)) as T;
  if (!isJsonObject(value)) return value;
  const copy: JsonObject = {};
  for (const [key, item] of Object.entries(value)) copy[key] = cloneJson(item);
  return copy as T;
}

/** An object's own field (never one inherited from Object.prototype, such as `constructor`). */
export function ownField(obj: JsonObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}
