/**
 * The ordered list of resources a kustomization accumulates, with kustomize's rules for adding
 * (no duplicate ids) and for absorbing generated resources (create, merge, replace).
 */
import { InputError } from '../../core/index.js';
import { isObject, type JsonObject } from './json-value.js';
import { formatResId, sameResId, type ResId, type Resource } from './resource.js';

/** Adds a resource, refusing one whose current id is already present. */
export function appendResource(list: Resource[], resource: Resource): void {
  const id = resource.id();
  if (list.some((r) => r.name() === id.name && sameResId(r.id(), id))) {
    throw new InputError(`may not add resource with an already registered id: ${formatResId(id)}`);
  }
  list.push(resource);
}

/** Resources whose current id or any earlier id equals the given one. */
export function findByAnyId(list: readonly Resource[], id: ResId): Resource[] {
  return list.filter((r) => sameResId(r.id(), id) || r.prevIds.some((p) => sameResId(p, id)));
}

/** Resources whose current id equals the given one. */
export function findByCurrentId(list: readonly Resource[], id: ResId): Resource[] {
  return list.filter((r) => sameResId(r.id(), id));
}

function mergeStringMaps(base: Record<string, string>, over: Record<string, string>): Record<string, string> {
  return { ...base, ...over };
}

function setMetaMap(obj: JsonObject, field: string, map: Record<string, string>): void {
  const meta = isObject(obj['metadata']) ? obj['metadata'] : (obj['metadata'] = {});
  if (Object.keys(map).length === 0) delete meta[field];
  else meta[field] = map;
}

function copyMergeMetadata(target: Resource, old: Resource): void {
  setMetaMap(target.obj, 'labels', mergeStringMaps(old.stringMap('labels'), target.stringMap('labels')));
  setMetaMap(target.obj, 'annotations', mergeStringMaps(old.stringMap('annotations'), target.stringMap('annotations')));
  target.setName(old.name());
  if (old.namespace() !== '') target.setNamespace(old.namespace());
  else if (isObject(target.obj['metadata'])) delete target.obj['metadata']['namespace'];
  // A content hash only when both the resource merged into and the generator ask for one.
  target.needsHash = old.needsHash && target.needsHash;
  target.prevIds = old.prevIds.map((id) => ({ ...id }));
  target.prefixes = [...old.prefixes];
  target.suffixes = [...old.suffixes];
}

/** A merged resource keeps the build metadata of the one it merges into. */
function keepBuildMetadata(target: Resource, old: Resource): void {
  target.buildOrigin = old.buildOrigin;
  target.transformations = [...old.transformations];
}

function mergeDataField(target: Resource, old: Resource, field: 'data' | 'binaryData'): void {
  const before = old.obj[field];
  const after = target.obj[field];
  const merged = { ...(isObject(before) ? before : {}), ...(isObject(after) ? after : {}) };
  if (Object.keys(merged).length > 0) target.obj[field] = merged;
}

/**
 * Adds a generated resource: `create` appends it, `merge` folds its data into the existing one
 * (matched by any earlier id) and `replace` swaps it in, keeping the old name and metadata.
 */
export function absorbGenerated(list: Resource[], resource: Resource): void {
  const id = resource.id();
  const matches = findByAnyId(list, id);
  if (matches.length === 0) {
    if (resource.behavior !== 'create') {
      throw new InputError(`id ${formatResId(id)} does not exist; cannot merge or replace`);
    }
    appendResource(list, resource);
    return;
  }
  if (matches.length > 1) throw new InputError(`found multiple objects that could accept merge of ${formatResId(id)}`);
  const old = matches[0] as Resource;
  if (resource.behavior === 'create') throw new InputError(`id ${formatResId(id)} exists; behavior must be merge or replace`);
  copyMergeMetadata(resource, old);
  if (resource.behavior === 'merge') {
    mergeDataField(resource, old, 'data');
    mergeDataField(resource, old, 'binaryData');
    keepBuildMetadata(resource, old);
    resource.origin = old.origin;
  }
  list[list.indexOf(old)] = resource;
}
