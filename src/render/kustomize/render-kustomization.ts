/**
 * The entry point: builds the kustomization at a path of an in-memory file tree into objects and
 * into YAML formatted byte for byte as `kustomize build` prints it.
 */
import { InputError, messageOf } from '../../core/index.js';
import { contentHash } from './content-hash.js';
import { Loader, MemoryFileSystem, toAbsolute, type LoadRestrictions } from './file-system.js';
import { isObject, type JsonObject } from './json-value.js';
import { accumulateTarget, emptyAccumulator, sortOptionsOf, type BuildContext } from './kust-target.js';
import type { RemoteResources } from './remote-sources.js';
import type { HelmTemplateCache } from '../helm/template-cache.js';
import { loadKustomization, type Kustomization } from './kustomization.js';
import type { KustomizeCache } from './kustomize-cache.js';
import { fixNameReferences } from './name-reference.js';
import { writeBuildAnnotations } from './origin.js';
import type { Resource } from './resource.js';
import { LEGACY_ORDER_FIRST, LEGACY_ORDER_LAST, sortLegacy } from './sort-order.js';
import { resolveVars } from './vars.js';
import { formatYamlDocuments } from './yaml-write.js';

/** `legacy` sorts by kind, `none` keeps input order, `unspecified` follows the kustomization's sortOptions (legacy when unset). */
export type ReorderOption = 'legacy' | 'none' | 'unspecified';

/** Options of a build. */
export interface KustomizeOptions {
  /** The kustomization directory, relative to the root of `files`. */
  path: string;
  /** kustomize's default is `rootOnly`. */
  loadRestrictions?: LoadRestrictions;
  /** Output order; defaults to `unspecified`, as `kubectl kustomize` behaves. */
  reorder?: ReorderOption;
  /** Remote repositories and Helm repository charts fetched beforehand (prefetchRemoteSources); without it, remote targets are an error. */
  remote?: RemoteResources;
  /** Parsed Helm templates of earlier builds (createHelmTemplateCache), for helmCharts. */
  helmCache?: HelmTemplateCache;
  /** Parsed YAML of earlier builds (createKustomizeCache); without one every build parses every file. */
  cache?: KustomizeCache;
}

/** The result of a build: the objects in output order and the YAML stream. */
export interface KustomizeResult {
  objects: JsonObject[];
  yaml: string;
}

/** Resources annotated as local configuration (inputs for other transformers) are not output. */
const LOCAL_CONFIG = 'config.kubernetes.io/local-config';

function addHashes(resources: readonly Resource[]): void {
  for (const r of resources) {
    if (!r.needsHash) continue;
    const hash = contentHash(r.obj);
    r.storePreviousId();
    r.setName(`${r.name()}-${hash}`);
  }
}

function listOf(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.map(String) : undefined;
}

function order(k: Kustomization, resources: Resource[], reorder: ReorderOption): Resource[] {
  const sort = sortOptionsOf(k);
  const kind = sort?.['order'];
  const legacyOptions = isObject(sort?.['legacySortOptions']) ? sort['legacySortOptions'] : undefined;
  if (kind !== undefined && kind !== 'fifo' && kind !== 'legacy') throw new InputError(`${k.file}: the field 'sortOptions.order' must be one of [fifo, legacy]`);
  if (kind === 'fifo' && legacyOptions) {
    throw new InputError(`${k.file}: the field 'sortOptions.legacySortOptions' is set but the selected sort order is 'fifo', not 'legacy'`);
  }
  if (kind === 'fifo' || (kind !== 'legacy' && reorder === 'none')) return resources;
  return sortLegacy(resources, listOf(legacyOptions?.['orderFirst']) ?? LEGACY_ORDER_FIRST, listOf(legacyOptions?.['orderLast']) ?? LEGACY_ORDER_LAST);
}

/**
 * Builds a kustomization in process from a map of files (paths relative to the repository root)
 * and returns the objects and YAML `kustomize build` would print. Throws InputError naming the
 * kustomization file and the field at fault.
 */
export function renderKustomization(files: ReadonlyMap<string, Buffer>, options: KustomizeOptions): KustomizeResult {
  const fs = new MemoryFileSystem(files, options.cache);
  const root = toAbsolute(options.path);
  try {
    const k = loadKustomization(fs, root);
    if (k.kind === 'Component') throw new InputError(`${k.file}: a Component cannot be built on its own`);
    const loader = new Loader(fs, root, options.loadRestrictions ?? 'rootOnly');
    const buildMetadata = listOf(k.doc['buildMetadata']) ?? [];
    const ctx: BuildContext = { ...(options.remote ? { remote: options.remote } : {}), ...(options.helmCache ? { helmCache: options.helmCache } : {}) };
    if (buildMetadata.length > 0) ctx.origin = '';
    const acc = accumulateTarget(k, loader, emptyAccumulator(), ctx);
    const resources = acc.resources;
    addHashes(resources);
    fixNameReferences(resources, acc.config.nameReference);
    resolveVars(resources, acc.vars, acc.config.varReference);
    writeBuildAnnotations(resources, buildMetadata);
    const kept = resources.filter((r) => r.stringMap('annotations')[LOCAL_CONFIG] !== 'true');
    const objects = order(k, kept, options.reorder ?? 'unspecified').map((r) => r.obj);
    return { objects, yaml: formatYamlDocuments(objects) };
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`kustomize build ${root}: ${messageOf(error)}`, { cause: error });
  }
}
