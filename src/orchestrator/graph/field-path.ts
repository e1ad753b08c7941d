/**
 * Field paths in kro's notation (`spec.template.spec.containers[0].image`,
 * `metadata.labels["app.kubernetes.io/name"]`): parsed into segments, and used to write an
 * evaluated value into a copy of a template.
 */
import { InputError } from '../../core/index.js';

/** One step of a path: an object key or a list index. */
export type PathSegment = string | number;

const BRACKET = /^\[(?:(\d+)|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\]/;
const NAME = /^[^.[\]]+/;

/**
 * Splits a kro field path into keys and indexes (a relative suffix such as `.name` or `[0].x` is
 * accepted); throws an InputError naming the path when malformed.
 */
export function parseFieldPath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  let rest = path;
  while (rest.length > 0) {
    if (rest.startsWith('.')) rest = rest.slice(1);
    const bracket = BRACKET.exec(rest);
    if (bracket) {
      out.push(bracket[1] !== undefined ? Number(bracket[1]) : unescape(bracket[2] ?? bracket[3] ?? ''));
      rest = rest.slice(bracket[0].length);
      continue;
    }
    const name = NAME.exec(rest);
    if (!name) throw new InputError(`field path ${JSON.stringify(path)} is malformed at ${JSON.stringify(rest)}`);
    out.push(name[0]);
    rest = rest.slice(name[0].length);
  }
  return out;
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

/** Writes `value` at `path` inside `target` (mutating it), creating objects and list slots on the way. */
export function setAtPath(target: Record<string, unknown>, path: PathSegment[], value: unknown): void {
  let node: unknown = target;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i] as PathSegment;
    const container = node as Record<string | number, unknown>;
    if (container[key] === undefined || container[key] === null || typeof container[key] !== 'object') {
      container[key] = typeof path[i + 1] === 'number' ? [] : {};
    }
    node = container[key];
  }
  (node as Record<string | number, unknown>)[path[path.length - 1] as PathSegment] = value;
}

/** Reads the value at `path`, or undefined when any step is missing. */
export function getAtPath(source: unknown, path: PathSegment[]): unknown {
  let node = source;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** Removes the value at `path` (a list element is spliced out), when it is there. */
export function deleteAtPath(target: Record<string, unknown>, path: PathSegment[]): void {
  const parent = getAtPath(target, path.slice(0, -1));
  const last = path[path.length - 1];
  if (parent === null || typeof parent !== 'object' || last === undefined) return;
  if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
  else delete (parent as Record<string | number, unknown>)[last];
}
