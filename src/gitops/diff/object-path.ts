import { isJsonObject, type JsonObject } from './json-value.js';

/** One step into a JSON value: a field name in an object or an index in an array. */
export type PathSegment = string | number;

/** A concrete location in a JSON value, from its root. */
export type ObjectPath = readonly PathSegment[];

/** The value at a path, or undefined when any step is missing. */
export function getAtPath(root: unknown, path: ObjectPath): unknown {
  let current = root;
  for (const segment of path) {
    current = childOf(current, segment);
    if (current === undefined) return undefined;
  }
  return current;
}

/** Whether a path exists in a value (a field present, an index in range). */
export function hasPath(root: unknown, path: ObjectPath): boolean {
  if (path.length === 0) return root !== undefined;
  const parent = getAtPath(root, path.slice(0, -1));
  const last = path[path.length - 1] as PathSegment;
  if (typeof last === 'number') return Array.isArray(parent) && last >= 0 && last < parent.length;
  return isJsonObject(parent) && Object.prototype.hasOwnProperty.call(parent, last);
}

function childOf(value: unknown, segment: PathSegment): unknown {
  if (typeof segment === 'number') return Array.isArray(value) ? value[segment] : undefined;
  return isJsonObject(value) && Object.prototype.hasOwnProperty.call(value, segment) ? value[segment] : undefined;
}

/** Orders paths so that deleting them in this order never shifts an index still to be deleted. */
export function compareForDeletion(a: ObjectPath, b: ObjectPath): number {
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i++) {
    const x = a[i] as PathSegment;
    const y = b[i] as PathSegment;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return y - x;
    return String(y) < String(x) ? -1 : 1;
  }
  return b.length - a.length;
}

/**
 * Deletes every path from `root` in place (missing ones are skipped). Objects and arrays that the
 * deletions leave empty are removed too, as Argo CD does after ignoring differences, so an
 * ignored annotation does not leave `annotations: {}` on one side only.
 */
export function deletePaths(root: JsonObject, paths: readonly ObjectPath[]): void {
  const sorted = [...paths].filter((p) => p.length > 0).sort(compareForDeletion);
  for (const path of sorted) {
    if (hasPath(root, path)) deleteAndPrune(root, path);
  }
}

function deleteAndPrune(root: JsonObject, path: ObjectPath): void {
  for (let depth = path.length; depth > 0; depth--) {
    const parent = getAtPath(root, path.slice(0, depth - 1));
    removeChild(parent, path[depth - 1] as PathSegment);
    if (depth === 1 || !isEmptyContainer(parent)) return;
  }
}

function removeChild(parent: unknown, segment: PathSegment): void {
  if (typeof segment === 'number' && Array.isArray(parent)) parent.splice(segment, 1);
  else if (typeof segment === 'string' && isJsonObject(parent)) delete parent[segment];
}

function isEmptyContainer(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return isJsonObject(value) && Object.keys(value).length === 0;
}
