/**
 * Strategic merge patch as kustomize applies it: maps merge, null deletes, lists of objects merge
 * by their merge key (containers by name, ports by containerPort or port, volumeMounts by
 * mountPath, ...), other lists are replaced, and the `$patch`, `$setElementOrder`, `$retainKeys`
 * and `$deleteFromPrimitiveList` directives are honoured.
 */
import { isObject, jsonEqual, type JsonObject, type JsonValue } from './json-value.js';

/** Keys kustomize's YAML library treats as identifying list elements, in its order of preference. */
const ASSOCIATIVE_KEYS = ['mountPath', 'devicePath', 'ip', 'type', 'topologyKey', 'name', 'containerPort'];

/** Merge keys of the built-in Kubernetes types, by list field name. */
const FIELD_MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  imagePullSecrets: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
  schedulingGates: 'name',
  conditions: 'type',
};

const DIRECTIVE = '$patch';
const ORDER_PREFIX = '$setElementOrder/';
const DELETE_PRIMITIVE_PREFIX = '$deleteFromPrimitiveList/';
const RETAIN_KEYS = '$retainKeys';

function mergeKeyFor(field: string, items: readonly JsonValue[], keyed = true): string | undefined {
  if (!keyed || items.length === 0 || !items.every(isObject)) return undefined;
  const objects = items as JsonObject[];
  if (field === 'ports') return objects.every((o) => 'containerPort' in o) ? 'containerPort' : 'port';
  const known = FIELD_MERGE_KEYS[field];
  if (known !== undefined) return known;
  return ASSOCIATIVE_KEYS.find((k) => objects.every((o) => k in o));
}

/** Removes patch directives from a value that is being added as is. */
export function stripDirectives(value: JsonValue): JsonValue {
  if (Array.isArray(value)) {
    return value.filter((v) => !(isObject(v) && v[DIRECTIVE] === 'delete')).map(stripDirectives);
  }
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === DIRECTIVE || k === RETAIN_KEYS || k.startsWith(ORDER_PREFIX) || k.startsWith(DELETE_PRIMITIVE_PREFIX)) continue;
    if (v === null) continue;
    out[k] = stripDirectives(v);
  }
  return out;
}

function applyOrder(list: JsonValue[], order: JsonValue, key: string | undefined): JsonValue[] {
  if (!Array.isArray(order)) return list;
  const identity = (v: JsonValue): JsonValue => (key !== undefined && isObject(v) ? (v[key] ?? null) : v);
  const wanted = order.map(identity);
  const rank = (v: JsonValue): number => wanted.findIndex((w) => jsonEqual(w, identity(v)));
  const ordered = list.filter((v) => rank(v) >= 0).sort((a, b) => rank(a) - rank(b));
  const rest = list.filter((v) => rank(v) < 0);
  return [...ordered, ...rest];
}

function mergeList(field: string, original: JsonValue[], patch: JsonValue[], keyed: boolean): JsonValue[] {
  const key = mergeKeyFor(field, [...original, ...patch], keyed);
  if (key === undefined) {
    if (patch.some((p) => isObject(p) && p[DIRECTIVE] === 'replace')) return patch.filter((p) => !isObject(p) || p[DIRECTIVE] !== 'replace').map(stripDirectives);
    return patch.map(stripDirectives);
  }
  // kustomize puts the patch's elements first (in patch order), then the untouched originals.
  const used = new Set<number>();
  const head: JsonValue[] = [];
  for (const item of patch) {
    const element = item as JsonObject;
    if (element[DIRECTIVE] === 'replace' && Object.keys(element).length === 1) return patch.filter((p) => p !== item).map(stripDirectives);
    const index = original.findIndex((o, i) => !used.has(i) && isObject(o) && key in element && jsonEqual(o[key], element[key]));
    if (index >= 0) used.add(index);
    if (element[DIRECTIVE] === 'delete') continue;
    const merged = index >= 0 ? mergeValue(field, original[index] as JsonValue, element, keyed) : stripDirectives(element);
    if (merged !== undefined) head.push(merged);
  }
  return [...head, ...original.filter((_, i) => !used.has(i))];
}

function deleteFromPrimitives(list: JsonValue | undefined, remove: JsonValue): JsonValue | undefined {
  if (!Array.isArray(list) || !Array.isArray(remove)) return list;
  return list.filter((v) => !remove.some((r) => jsonEqual(r, v)));
}

function mergeObject(original: JsonObject, patch: JsonObject, keyed: boolean): JsonObject | undefined {
  if (patch[DIRECTIVE] === 'delete') return undefined;
  if (patch[DIRECTIVE] === 'replace') return stripDirectives(patch) as JsonObject;
  const result: JsonObject = { ...original };
  const retain = patch[RETAIN_KEYS];
  if (Array.isArray(retain)) {
    for (const k of Object.keys(result)) if (!retain.includes(k) && !(k in patch)) delete result[k];
  }
  for (const [key, value] of Object.entries(patch)) {
    if (key === DIRECTIVE || key === RETAIN_KEYS || key.startsWith(ORDER_PREFIX)) continue;
    if (key.startsWith(DELETE_PRIMITIVE_PREFIX)) {
      const field = key.slice(DELETE_PRIMITIVE_PREFIX.length);
      const kept = deleteFromPrimitives(result[field], value);
      if (kept !== undefined) result[field] = kept;
      continue;
    }
    if (value === null) {
      delete result[key];
      continue;
    }
    const merged = key in result ? mergeValue(key, result[key] as JsonValue, value, keyed) : stripDirectives(value);
    if (merged === undefined) delete result[key];
    else result[key] = merged;
  }
  applyElementOrders(result, patch, keyed);
  return result;
}

function applyElementOrders(result: JsonObject, patch: JsonObject, keyed: boolean): void {
  for (const [key, order] of Object.entries(patch)) {
    if (!key.startsWith(ORDER_PREFIX)) continue;
    const field = key.slice(ORDER_PREFIX.length);
    const list = result[field];
    if (Array.isArray(list)) result[field] = applyOrder(list, order, mergeKeyFor(field, list, keyed));
  }
}

function mergeValue(field: string, original: JsonValue, patch: JsonValue, keyed: boolean): JsonValue | undefined {
  if (isObject(original) && isObject(patch)) return mergeObject(original, patch, keyed);
  if (Array.isArray(original) && Array.isArray(patch)) return mergeList(field, original, patch, keyed);
  if (isObject(patch) && patch[DIRECTIVE] === 'delete') return undefined;
  return stripDirectives(patch);
}

/**
 * Applies a strategic merge patch to an object. Returns undefined when the patch deletes the
 * whole object (`$patch: delete` at the top). `keyed` is false for a kind the schema in effect does
 * not know (a custom resource without a schema): kustomize then replaces its lists whole.
 */
export function strategicMerge(original: JsonObject, patch: JsonObject, keyed = true): JsonObject | undefined {
  return mergeObject(original, patch, keyed);
}
