import { InputError } from '../../core/index.js';
import { isJsonObject, jsonEqual, ownField, type JsonObject } from './json-value.js';
import type { ObjectPath, PathSegment } from './object-path.js';

/** One step of a managedFields (FieldsV1) path: a field, a keyed list item, a set value or an index. */
export type FieldElement =
  | { kind: 'field'; name: string }
  | { kind: 'key'; keys: JsonObject }
  | { kind: 'value'; value: unknown }
  | { kind: 'index'; index: number };

/**
 * A parsed FieldsV1 set: `member` when the location itself is owned (an empty `{}` entry or a `.`
 * child), and the owned locations below it.
 */
export interface FieldSet {
  member: boolean;
  children: { element: FieldElement; set: FieldSet }[];
}

/** What a field set owns in one object: leaf locations, and list items the manager owns as a whole. */
export interface OwnedLocations {
  leaves: ObjectPath[];
  items: { path: ObjectPath; keys: string[] }[];
}

/**
 * Parses a managedFields entry's fieldsV1 (`f:name`, `k:{"name":"x"}`, `v:"value"`, `i:3`, `.`)
 * into a tree; a malformed entry is an InputError.
 */
export function parseFieldsV1(raw: unknown): FieldSet {
  if (!isJsonObject(raw)) throw new InputError('managedFields fieldsV1 must be an object');
  const entries = Object.entries(raw);
  const set: FieldSet = { member: entries.length === 0 || '.' in raw, children: [] };
  for (const [key, value] of entries) {
    if (key !== '.') set.children.push({ element: parseElement(key), set: parseFieldsV1(value) });
  }
  return set;
}

function parseElement(key: string): FieldElement {
  const body = key.slice(2);
  try {
    if (key.startsWith('f:')) return { kind: 'field', name: body };
    if (key.startsWith('k:')) return keyElement(JSON.parse(body));
    if (key.startsWith('v:')) return { kind: 'value', value: JSON.parse(body) };
    if (key.startsWith('i:') && /^\d+$/.test(body)) return { kind: 'index', index: Number(body) };
  } catch {
    // reported below with the offending key
  }
  throw new InputError(`managedFields fieldsV1 has an unreadable key ${JSON.stringify(key)}`);
}

function keyElement(keys: unknown): FieldElement {
  if (!isJsonObject(keys)) throw new InputError('managedFields fieldsV1 k: key is not an object');
  return { kind: 'key', keys };
}

/**
 * The locations a field set owns in `root`. Leaves are owned fields and wholly owned items; the key
 * fields of a keyed item are never leaves (they identify the item, whoever else owns it). `items`
 * are keyed items the manager created (a `.` entry), to remove once nothing but their keys is left.
 */
export function ownedLocations(set: FieldSet, root: unknown): OwnedLocations {
  const owned: OwnedLocations = { leaves: [], items: [] };
  collect(set, { value: root, path: [], keys: undefined }, owned);
  return owned;
}

interface Position {
  value: unknown;
  path: PathSegment[];
  /** The key fields when this position is a keyed list item. */
  keys: JsonObject | undefined;
}

function collect(set: FieldSet, at: Position, owned: OwnedLocations): void {
  for (const { element, set: sub } of set.children) {
    if (element.kind === 'field' && at.keys !== undefined && Object.prototype.hasOwnProperty.call(at.keys, element.name)) continue;
    const segment = locate(element, at.value);
    if (segment === undefined) continue;
    const path = [...at.path, segment];
    if (sub.children.length === 0) {
      owned.leaves.push(path);
      continue;
    }
    const keys = element.kind === 'key' ? element.keys : undefined;
    if (keys !== undefined && sub.member) owned.items.push({ path, keys: Object.keys(keys) });
    collect(sub, { value: (at.value as Record<PathSegment, unknown>)[segment], path, keys }, owned);
  }
}

function locate(element: FieldElement, value: unknown): PathSegment | undefined {
  if (element.kind === 'field') return isJsonObject(value) && Object.prototype.hasOwnProperty.call(value, element.name) ? element.name : undefined;
  if (!Array.isArray(value)) return undefined;
  if (element.kind === 'index') return element.index < value.length ? element.index : undefined;
  const index = value.findIndex((item) => (element.kind === 'key' ? matchesKeys(item, element.keys) : jsonEqual(item, element.value)));
  return index < 0 ? undefined : index;
}

/** Whether a list item carries every key field with the given value. */
export function matchesKeys(item: unknown, keys: JsonObject): boolean {
  return isJsonObject(item) && Object.entries(keys).every(([field, value]) => jsonEqual(ownField(item, field), value));
}

/** The union of the field sets of every managedFields entry whose manager is listed, parsed. */
export function managerFieldSets(live: unknown, managers: readonly string[]): FieldSet[] {
  if (managers.length === 0 || !isJsonObject(live) || !isJsonObject(live.metadata)) return [];
  const entries = live.metadata.managedFields;
  if (!Array.isArray(entries)) return [];
  return entries
    .filter((entry): entry is JsonObject => isJsonObject(entry) && managers.includes(String(entry.manager)))
    .filter((entry) => entry.fieldsType === undefined || entry.fieldsType === 'FieldsV1')
    .map((entry) => parseFieldsV1(entry.fieldsV1 ?? {}));
}
