/**
 * Accumulating one kustomization: its resources (files and nested kustomizations), generators,
 * components, then its transformers in kustomize's order.
 */
import { InputError, messageOf } from '../../core/index.js';
import { COMMON_ANNOTATION_SPECS, COMMON_LABEL_SPECS, TEMPLATE_LABEL_SPECS } from './builtin-field-specs.js';
import { isWithin, type Loader } from './file-system.js';
import type { FieldSpec } from './field-spec.js';
import { runGenerators } from './generators.js';
import { applyImages, toImageOverride } from './images.js';
import { isObject, type JsonObject } from './json-value.js';
import { loadKustomization, objectListField, stringField, stringListField, stringMapField, type Kustomization } from './kustomization.js';
import { addPairs } from './metadata-maps.js';
import { applyNamePrefix, applyNameSuffix } from './name-affixes.js';
import { applyNamespace } from './namespace.js';
import { applyPatches, applyPatchesJson6902, applyPatchesStrategicMerge } from './patches.js';
import { applyReplacements } from './replacements.js';
import { applyReplicas } from './replicas.js';
import { absorbGenerated, appendResource } from './res-map.js';
import { Resource } from './resource.js';
import { parseObjects } from './yaml-read.js';

/** Fetches remote (git) resources; gantry's git layer implements it. */
export interface RemoteResources {
  /** The files of the repository at the URL's ref, keyed by path, and the subpath to build. */
  fetch(url: string): { files: ReadonlyMap<string, Buffer>; path: string } | undefined;
}

/** What every level of a build shares. */
export interface BuildContext {
  remote?: RemoteResources;
}

const REMOTE = /^(https?:\/\/|git@|ssh:\/\/|github\.com\/)/;

function accumulateFile(loader: Loader, path: string, list: Resource[]): boolean {
  const abs = loader.resolve(path);
  if (!loader.fs.isFile(abs)) return false;
  const text = loader.load(path).toString('utf8');
  for (const obj of parseObjects(text, abs)) {
    const resource = new Resource(obj);
    resource.origin = abs;
    appendResource(list, resource);
  }
  return true;
}

function childLoader(loader: Loader, path: string): Loader {
  const abs = loader.resolve(path);
  if (!loader.fs.isDir(abs)) throw new InputError(`must build at directory: '${abs}'`);
  if (isWithin(loader.root, abs)) throw new InputError(`cycle detected: candidate root '${abs}' contains visited root '${loader.root}'`);
  return loader.forDirectory(abs);
}

function accumulateResources(k: Kustomization, loader: Loader, list: Resource[], ctx: BuildContext): void {
  for (const path of [...stringListField(k, 'resources'), ...stringListField(k, 'bases')]) {
    if (REMOTE.test(path)) throw new InputError(`${k.file}: resources: remote resource '${path}' needs a git fetcher, which this build was not given`);
    try {
      if (accumulateFile(loader, path, list)) continue;
      const child = childLoader(loader, path);
      const sub = loadKustomization(loader.fs, child.root);
      if (sub.kind === 'Component') throw new InputError(`expected kind != 'Component' for path '${child.root}'`);
      for (const r of accumulateTarget(sub, child, [], ctx)) appendResource(list, r);
    } catch (error) {
      throw new InputError(`accumulating resources: ${k.file}: resources: '${path}': ${messageOf(error)}`, { cause: error });
    }
  }
}

function accumulateComponents(k: Kustomization, loader: Loader, list: Resource[], ctx: BuildContext): Resource[] {
  let current = list;
  for (const path of stringListField(k, 'components')) {
    try {
      const child = childLoader(loader, path);
      const sub = loadKustomization(loader.fs, child.root);
      if (sub.kind !== 'Component') throw new InputError(`expected kind 'Component' for path '${child.root}' but got '${sub.kind}'`);
      current = accumulateTarget(sub, child, current, ctx);
    } catch (error) {
      throw new InputError(`accumulating components: accumulateDirectory: "${messageOf(error)}" (${k.file}: components: '${path}')`, { cause: error });
    }
  }
  return current;
}

function labelEntries(k: Kustomization): Array<{ pairs: Record<string, string>; specs: FieldSpec[] }> {
  return objectListField(k, 'labels').map((entry, i) => {
    const pairs = stringMapField(k, `labels[${i}].pairs`, entry['pairs']);
    const custom = Array.isArray(entry['fields']) ? (entry['fields'].filter(isObject) as unknown as FieldSpec[]) : [];
    if (entry['includeSelectors'] === true) return { pairs, specs: [...custom, ...COMMON_LABEL_SPECS] };
    const specs: FieldSpec[] = [...custom, { path: 'metadata/labels', create: true }];
    if (entry['includeTemplates'] === true) specs.push(...TEMPLATE_LABEL_SPECS);
    return { pairs, specs };
  });
}

function runTransformers(k: Kustomization, loader: Loader, list: Resource[]): void {
  applyPatchesStrategicMerge(list, stringListField(k, 'patchesStrategicMerge'), loader, k.file);
  applyPatches(list, objectListField(k, 'patches'), loader, k.file);
  const namespace = stringField(k, 'namespace');
  if (namespace !== '') applyNamespace(list, namespace);
  applyNamePrefix(list, stringField(k, 'namePrefix'));
  applyNameSuffix(list, stringField(k, 'nameSuffix'));
  for (const { pairs, specs } of labelEntries(k)) addPairs(list, pairs, specs);
  addPairs(list, stringMapField(k, 'commonLabels'), COMMON_LABEL_SPECS);
  addPairs(list, stringMapField(k, 'commonAnnotations'), COMMON_ANNOTATION_SPECS);
  applyPatchesJson6902(list, objectListField(k, 'patchesJson6902'), loader, k.file);
  objectListField(k, 'replicas').forEach((entry, i) => applyReplicas(list, entry, `${k.file}: replicas[${i}]`));
  applyImages(list, [...objectListField(k, 'images'), ...objectListField(k, 'imageTags')].map(toImageOverride));
  applyReplacements(list, objectListField(k, 'replacements'), loader, k.file);
}

/**
 * Accumulates a kustomization into `list` (empty for a kustomization, the parent's list for a
 * component) and returns the resulting list.
 */
export function accumulateTarget(k: Kustomization, loader: Loader, list: Resource[], ctx: BuildContext): Resource[] {
  accumulateResources(k, loader, list, ctx);
  for (const generated of runGenerators(k, loader)) {
    try {
      absorbGenerated(list, generated);
    } catch (error) {
      throw new InputError(`${k.file}: generators: ${messageOf(error)}`, { cause: error });
    }
  }
  const current = accumulateComponents(k, loader, list, ctx);
  runTransformers(k, loader, current);
  return current;
}

/** Reads a kustomization's sortOptions, if any. */
export function sortOptionsOf(k: Kustomization): JsonObject | undefined {
  const v = k.doc['sortOptions'];
  return isObject(v) ? v : undefined;
}
