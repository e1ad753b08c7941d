import { isJsonObject, jsonEqual, ownField, type JsonObject } from './json-value.js';
import { formatMergeKey, indexByMergeKey, type MergeKeyResolver } from './merge-keys.js';

/** How one field differs: added by the desired state, removed from it, or replaced. */
export type DiffOp = 'add' | 'remove' | 'replace';

/** One difference, at a readable path such as `spec.template.spec.containers[name=web].image`. */
export interface DiffChange {
  path: string;
  op: DiffOp;
  live?: unknown;
  desired?: unknown;
}

/** What the comparison needs to know about the object whose values it compares. */
export interface CompareContext {
  group: string;
  kind: string;
  mergeKeys: MergeKeyResolver;
}

interface Location {
  display: string;
  fields: readonly string[];
}

const ROOT: Location = { display: '', fields: [] };

/**
 * Compares two normalized objects field by field and returns every difference. Lists with merge
 * keys are matched by key, so a reordering is not a difference; other lists by position. A field
 * that is null or an empty list on one side and absent on the other is no difference (Kubernetes
 * treats them alike); an empty object is kept, since `emptyDir: {}` means something.
 */
export function compareObjects(desired: JsonObject, live: JsonObject, context: CompareContext): DiffChange[] {
  const changes: DiffChange[] = [];
  compareValues(desired, live, ROOT, { context, changes });
  return changes;
}

interface Walk {
  context: CompareContext;
  changes: DiffChange[];
}

function compareValues(desired: unknown, live: unknown, at: Location, walk: Walk): void {
  if (isJsonObject(desired) && isJsonObject(live)) compareFields(desired, live, at, walk);
  else if (Array.isArray(desired) && Array.isArray(live)) compareLists(desired, live, at, walk);
  else if (!jsonEqual(desired, live)) walk.changes.push({ path: at.display, op: 'replace', live, desired });
}

function compareFields(desired: JsonObject, live: JsonObject, at: Location, walk: Walk): void {
  const keys = new Set([...Object.keys(desired), ...Object.keys(live)]);
  for (const key of keys) {
    const child = fieldLocation(at, key);
    const [mine, theirs] = [ownField(desired, key), ownField(live, key)];
    const bothLists = Array.isArray(mine) && Array.isArray(theirs);
    if (bothLists || (isPresent(mine) && isPresent(theirs))) compareValues(mine, theirs, child, walk);
    else if (isPresent(mine)) walk.changes.push({ path: child.display, op: 'add', desired: mine });
    else if (isPresent(theirs)) walk.changes.push({ path: child.display, op: 'remove', live: theirs });
  }
}

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
}

function compareLists(desired: unknown[], live: unknown[], at: Location, walk: Walk): void {
  const { group, kind, mergeKeys } = walk.context;
  const keys = mergeKeys({ group, kind, fieldPath: at.fields });
  const desiredIndex = keys && indexByMergeKey(desired, keys);
  const liveIndex = keys && indexByMergeKey(live, keys);
  if (keys && desiredIndex && liveIndex) compareKeyedLists({ desired, live, desiredIndex, liveIndex, keys }, at, walk);
  else comparePositionalLists(desired, live, at, walk);
}

interface KeyedLists {
  desired: unknown[];
  live: unknown[];
  desiredIndex: Map<string, number>;
  liveIndex: Map<string, number>;
  keys: readonly string[];
}

function compareKeyedLists(lists: KeyedLists, at: Location, walk: Walk): void {
  for (const [key, i] of lists.desiredIndex) {
    const item = lists.desired[i];
    const child = itemLocation(at, formatMergeKey(item, lists.keys));
    const liveAt = lists.liveIndex.get(key);
    if (liveAt === undefined) walk.changes.push({ path: child.display, op: 'add', desired: item });
    else compareValues(item, lists.live[liveAt], child, walk);
  }
  for (const [key, i] of lists.liveIndex) {
    if (lists.desiredIndex.has(key)) continue;
    const item = lists.live[i];
    walk.changes.push({ path: itemLocation(at, formatMergeKey(item, lists.keys)).display, op: 'remove', live: item });
  }
}

function comparePositionalLists(desired: unknown[], live: unknown[], at: Location, walk: Walk): void {
  for (let i = 0; i < Math.max(desired.length, live.length); i++) {
    const child = itemLocation(at, String(i));
    if (i >= live.length) walk.changes.push({ path: child.display, op: 'add', desired: desired[i] });
    else if (i >= desired.length) walk.changes.push({ path: child.display, op: 'remove', live: live[i] });
    else compareValues(desired[i], live[i], child, walk);
  }
}

function fieldLocation(at: Location, key: string): Location {
  return { display: appendField(at.display, key), fields: [...at.fields, key] };
}

function itemLocation(at: Location, label: string): Location {
  return { display: `${at.display}[${label}]`, fields: at.fields };
}

/** Appends a field to a readable path: `.name` when it reads as an identifier, else `["a/b"]`. */
export function appendField(path: string, key: string): string {
  if (!/^[A-Za-z_$][\w$-]*$/.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}
