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

function walk(node: JsonValue | undefined, keys: string[], index: number, create: boolean, visit: FieldVisitor): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, keys, index, create, visit);
    return;
  }
  if (!isObject(node)) return;
  const key = keys[index] as string;
  if (index === keys.length - 1) {
    if (key in node || create) visit(node, key);
    return;
  }
  let next = node[key];
  if (next === undefined || next === null) {
    if (!create) return;
    next = {};
    node[key] = next;
  }
  walk(next, keys, index + 1, create, visit);
}

/** Visits every field the spec selects in the object (after checking its GVK). */
export function visitFieldSpec(obj: JsonValue, gvk: Gvk, spec: FieldSpec, visit: FieldVisitor): void {
  if (!fieldSpecApplies(spec, gvk)) return;
  const keys = splitFieldPath(spec.path);
  if (keys.length === 0) return;
  walk(obj, keys, 0, spec.create === true, visit);
}

/** Visits the fields of a path without any GVK check. */
export function visitPath(obj: JsonValue, path: string, create: boolean, visit: FieldVisitor): void {
  const keys = splitFieldPath(path);
  if (keys.length > 0) walk(obj, keys, 0, create, visit);
}
