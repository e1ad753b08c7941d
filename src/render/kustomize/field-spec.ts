/**
 * Field specs: kustomize's way of naming "this path in objects of that kind", used by the
 * namespace, label, annotation, name-reference, image and replica transformers.
 */
import { isObject, type JsonValue } from './json-value.js';
import { gvkSelected, type Gvk } from './resource.js';

/** A path (slash-separated; `\/` escapes a slash in a key) in objects matching the GVK. */
export interface FieldSpec extends Partial<Gvk> {
  path: string;
  create?: boolean;
}

/** Called with the object holding the field and the field's key (the field may be absent when creating). */
export type FieldVisitor = (holder: Record<string, JsonValue>, key: string) => void;

/** Splits a field path into keys, honouring `\/` escapes and dropping `[]` markers. */
export function splitFieldPath(path: string): string[] {
  if (!path.includes('\\') && !path.includes('[]')) return path.split('/').filter((p) => p !== '');
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '\\' && path[i + 1] === '/') {
      current += '/';
      i++;
    } else if (c === '/') {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts.map((p) => (p.endsWith('[]') ? p.slice(0, -2) : p)).filter((p) => p !== '');
}

/** True when the spec applies to objects of this GVK. */
export function fieldSpecApplies(spec: FieldSpec, gvk: Gvk): boolean {
  return gvkSelected(gvk, spec);
}

/** Which keys of a path are marked `[]` (lists): kustomize never creates those when absent. */
function listKeys(path: string): ReadonlySet<number> {
  if (!path.includes('[]')) return NO_LISTS;
  const out = new Set<number>();
  path.split('/').filter((p) => p !== '').forEach((p, i) => (p.endsWith('[]') ? out.add(i) : undefined));
  return out;
}

const NO_LISTS: ReadonlySet<number> = new Set();

interface Walk {
  keys: string[];
  lists: ReadonlySet<number>;
  create: boolean;
  visit: FieldVisitor;
}

function walk(node: JsonValue | undefined, index: number, w: Walk): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, index, w);
    return;
  }
  if (!isObject(node)) return;
  const key = w.keys[index] as string;
  if (index === w.keys.length - 1) {
    if (key in node || w.create) w.visit(node, key);
    return;
  }
  let next = node[key];
  if (next === undefined || next === null) {
    if (!w.create || w.lists.has(index)) return;
    next = {};
    node[key] = next;
  }
  walk(next, index + 1, w);
}

/** Visits every field the spec selects in the object (after checking its GVK). */
export function visitFieldSpec(obj: JsonValue, gvk: Gvk, spec: FieldSpec, visit: FieldVisitor): void {
  if (!fieldSpecApplies(spec, gvk)) return;
  const keys = splitFieldPath(spec.path);
  if (keys.length === 0) return;
  walk(obj, 0, { keys, lists: listKeys(spec.path), create: spec.create === true, visit });
}

/** Visits the fields of a path without any GVK check. */
export function visitPath(obj: JsonValue, path: string, create: boolean, visit: FieldVisitor): void {
  const keys = splitFieldPath(path);
  if (keys.length > 0) walk(obj, 0, { keys, lists: listKeys(path), create, visit });
}
