/**
 * JSON patch (RFC 6902): add, remove, replace, move, copy and test over JSON values.
 */
import { InputError } from '../../core/index.js';
import { cloneJson, isObject, jsonEqual, type JsonObject, type JsonValue } from './json-value.js';

/** One JSON patch operation. */
export interface JsonPatchOperation {
  op: string;
  path: string;
  value?: JsonValue;
  from?: string;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new InputError(`JSON patch path '${pointer}' must start with '/'`);
  return pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function arrayIndex(list: JsonValue[], token: string, forAdd: boolean, pointer: string): number {
  if (token === '-' && forAdd) return list.length;
  const index = /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : NaN;
  const limit = forAdd ? list.length : list.length - 1;
  if (Number.isNaN(index) || index > limit) throw new InputError(`JSON patch path '${pointer}': index ${token} out of range`);
  return index;
}

function parentOf(doc: JsonValue, tokens: string[], pointer: string): JsonValue {
  let current = doc;
  for (const token of tokens.slice(0, -1)) {
    const next: JsonValue | undefined = Array.isArray(current) ? current[arrayIndex(current, token, false, pointer)] : isObject(current) ? current[token] : undefined;
    if (next === undefined) throw new InputError(`JSON patch path '${pointer}' does not exist`);
    current = next;
  }
  return current;
}

function getAt(doc: JsonValue, pointer: string): JsonValue {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return doc;
  const parent = parentOf(doc, tokens, pointer);
  const last = tokens[tokens.length - 1] as string;
  const value = Array.isArray(parent) ? parent[arrayIndex(parent, last, false, pointer)] : isObject(parent) ? parent[last] : undefined;
  if (value === undefined) throw new InputError(`JSON patch path '${pointer}' does not exist`);
  return value;
}

function addAt(doc: JsonValue, pointer: string, value: JsonValue): JsonValue {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return value;
  const parent = parentOf(doc, tokens, pointer);
  const last = tokens[tokens.length - 1] as string;
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, true, pointer), 0, value);
  else if (isObject(parent)) parent[last] = value;
  else throw new InputError(`JSON patch path '${pointer}' does not exist`);
  return doc;
}

function removeAt(doc: JsonValue, pointer: string): JsonValue {
  const tokens = parsePointer(pointer);
  const parent = parentOf(doc, tokens, pointer);
  const last = tokens[tokens.length - 1] as string;
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, false, pointer), 1);
  else if (isObject(parent) && last in parent) delete parent[last];
  else throw new InputError(`JSON patch path '${pointer}' does not exist`);
  return doc;
}

function applyOne(doc: JsonValue, op: JsonPatchOperation): JsonValue {
  const value = op.value === undefined ? null : cloneJson(op.value);
  switch (op.op) {
    case 'add':
      return addAt(doc, op.path, value);
    case 'remove':
      return removeAt(doc, op.path);
    case 'replace':
      getAt(doc, op.path);
      return addAt(removeAt(doc, op.path), op.path, value);
    case 'move': {
      const moved = cloneJson(getAt(doc, op.from ?? ''));
      return addAt(removeAt(doc, op.from ?? ''), op.path, moved);
    }
    case 'copy':
      return addAt(doc, op.path, cloneJson(getAt(doc, op.from ?? '')));
    case 'test':
      if (!jsonEqual(getAt(doc, op.path), value)) throw new InputError(`JSON patch test failed at '${op.path}'`);
      return doc;
    default:
      throw new InputError(`unknown JSON patch operation '${op.op}'`);
  }
}

/** Applies the operations in order to a copy of the object. */
export function applyJsonPatch(obj: JsonObject, ops: readonly JsonPatchOperation[]): JsonObject {
  let doc: JsonValue = cloneJson(obj);
  for (const op of ops) doc = applyOne(doc, op);
  if (!isObject(doc)) throw new InputError('JSON patch turned the object into a non-object');
  return doc;
}

/** Reads a list of operations, checking each has an op and a path. */
export function toJsonPatch(value: JsonValue, where: string): JsonPatchOperation[] {
  if (!Array.isArray(value)) throw new InputError(`${where}: a JSON patch must be a list of operations`);
  return value.map((item) => {
    if (!isObject(item) || typeof item['op'] !== 'string' || typeof item['path'] !== 'string') {
      throw new InputError(`${where}: every JSON patch operation needs 'op' and 'path'`);
    }
    const op: JsonPatchOperation = { op: item['op'], path: item['path'] };
    if ('value' in item) op.value = item['value'] as JsonValue;
    if (typeof item['from'] === 'string') op.from = item['from'];
    return op;
  });
}
