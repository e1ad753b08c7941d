/**
 * vars (deprecated in kustomize, still supported): each var names a field of one resource, and
 * `$(NAME)` references in the varReference fields of every resource are replaced with its value
 * once the whole build is done (after name references were fixed).
 */
import { InputError } from '../../core/index.js';
import { visitFieldSpec, type FieldSpec } from './field-spec.js';
import { isObject, type JsonObject, type JsonValue } from './json-value.js';
import type { Kustomization } from './kustomization.js';
import { isClusterScoped, parseApiVersion, sameResId, type ResId, type Resource } from './resource.js';
import { expandVarReferences, type VarMapping } from './var-expansion.js';

/** One entry of a kustomization's `vars`. */
export interface Var {
  name: string;
  objref: ResId;
  fieldPath: string;
}

function str(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

function toVar(value: JsonValue, where: string): Var {
  if (!isObject(value) || typeof value['name'] !== 'string') throw new InputError(`${where}: a var needs a name`);
  const ref = isObject(value['objref']) ? value['objref'] : {};
  const fromApiVersion = parseApiVersion(str(ref['apiVersion']));
  const group = str(ref['apiVersion']) === '' ? str(ref['group']) : fromApiVersion.group;
  const version = str(ref['apiVersion']) === '' ? str(ref['version']) : fromApiVersion.version;
  const objref: ResId = { group, version, kind: str(ref['kind']), name: str(ref['name']), namespace: str(ref['namespace']) };
  const fieldref = isObject(value['fieldref']) ? value['fieldref'] : {};
  const fieldPath = str(fieldref['fieldpath']) || str(fieldref['fieldPath']) || 'metadata.name';
  return { name: value['name'], objref, fieldPath };
}

/** Reads a kustomization's `vars`. */
export function parseVars(k: Kustomization): Var[] {
  const list = k.doc['vars'];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new InputError(`${k.file}: field vars: expected a list`);
  return list.map((v, i) => toVar(v, `${k.file}: vars[${i}]`));
}

/** Adds vars to a set, refusing a name seen before. */
export function mergeVars(base: readonly Var[], incoming: readonly Var[]): Var[] {
  const out = [...base];
  for (const v of incoming) {
    if (out.some((o) => o.name === v.name)) throw new InputError(`var '${v.name}' already encountered`);
    out.push(v);
  }
  return out;
}

function gvknEquals(a: ResId, b: ResId): boolean {
  return a.group === b.group && a.version === b.version && a.kind === b.kind && a.name === b.name;
}

/**
 * Declares a kustomization's vars: each is pinned to the one resource its objref names (by any
 * id it had); the namespace counts only when given or when the kind has none.
 */
export function declareVars(resources: readonly Resource[], declared: readonly Var[], file: string): void {
  for (const v of declared) {
    const strict = v.objref.namespace !== '' || isClusterScoped(v.objref.kind);
    const matcher = (id: ResId): boolean => (strict ? sameResId(id, v.objref) : gvknEquals(id, v.objref));
    const matched = resources.filter((r) => matcher(r.id()) || r.prevIds.some(matcher));
    if (matched.length > 1) {
      throw new InputError(`${file}: vars: found ${matched.length} resId matches for var ${v.name} (unable to disambiguate)`);
    }
    matched[0]?.refVarNames.push(v.name);
  }
}

/** Splits a var's field path (`spec.ports[0].port`) into lookup steps. */
function splitVarPath(path: string): string[] {
  return path.split('.').flatMap((part) => {
    const m = /^(.*)\[(\d+)\]$/.exec(part);
    if (!m) return [part];
    return m[1] === '' ? [m[2] as string] : [m[1] as string, m[2] as string];
  });
}

function lookup(node: JsonValue | undefined, step: string): JsonValue | undefined {
  if (Array.isArray(node)) {
    if (/^\d+$/.test(step)) return node[Number(step)];
    const m = /^\[(.*?)=(.*)\]$/.exec(step);
    return m ? node.find((item) => isObject(item) && String(item[m[1] as string]) === m[2]) : undefined;
  }
  return isObject(node) ? node[step] : undefined;
}

function varValue(resources: readonly Resource[], v: Var): JsonValue {
  const holder = resources.find((r) => r.refVarNames.includes(v.name));
  if (holder === undefined) throw new InputError(`var '${v.name}' cannot be mapped to a field in the set of known resources`);
  let node: JsonValue | undefined = holder.obj;
  for (const step of splitVarPath(v.fieldPath)) node = lookup(node, step);
  if (node === undefined || node === null) throw new InputError(`field specified in var '${v.name}' (${v.fieldPath}) not found in corresponding resource`);
  return node;
}

function expandAt(holder: Record<string, JsonValue>, key: string, mapping: VarMapping): void {
  const value = holder[key];
  if (typeof value === 'string') holder[key] = expandVarReferences(value, mapping);
  else if (Array.isArray(value)) holder[key] = value.map((item) => (typeof item === 'string' ? expandVarReferences(item, mapping) : item));
  else if (isObject(value)) expandMapValues(value, mapping);
}

function expandMapValues(map: JsonObject, mapping: VarMapping): void {
  for (const [k, v] of Object.entries(map)) if (typeof v === 'string') map[k] = expandVarReferences(v, mapping);
}

/** Replaces `$(NAME)` references in the varReference fields of every resource. */
export function resolveVars(resources: readonly Resource[], vars: readonly Var[], specs: readonly FieldSpec[]): void {
  if (vars.length === 0) return;
  const values = new Map<string, JsonValue>();
  for (const v of vars) values.set(v.name, varValue(resources, v));
  const mapping: VarMapping = (name) => values.get(name);
  for (const resource of resources) {
    const gvk = resource.id();
    for (const spec of specs) visitFieldSpec(resource.obj, gvk, spec, (holder, key) => expandAt(holder, key, mapping));
  }
}
