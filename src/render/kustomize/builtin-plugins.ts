/**
 * Builtin plugins configured through the `transformers:` and `generators:` fields: objects of
 * `apiVersion: builtin` whose kind names one of kustomize's builtin transformers or generators
 * and whose fields configure it. Other plugins (Go, exec, KRM functions) are disabled, as in
 * kustomize's default build.
 */
import { InputError } from '../../core/index.js';
import type { FieldSpec } from './field-spec.js';
import type { Loader } from './file-system.js';
import { generateResource } from './generators.js';
import { applyImages, toImageOverride } from './images.js';
import { isObject, type JsonObject, type JsonValue } from './json-value.js';
import { addPairs } from './metadata-maps.js';
import { applyNamePrefix, applyNameSuffix } from './name-affixes.js';
import { applyNamespace } from './namespace.js';
import { applyPatches, applyPatchesJson6902, applyPatchesStrategicMerge } from './patches.js';
import { applyReplacements } from './replacements.js';
import { applyReplicas } from './replicas.js';
import { Resource } from './resource.js';
import { toFieldSpec, type TransformerConfig } from './transformer-config.js';
import { parseYamlDocuments } from './yaml-read.js';

/** What a plugin runs against: the kustomization's loader and file, and its transformer configuration. */
export interface PluginHost {
  loader: Loader;
  file: string;
  config: TransformerConfig;
}

type Transform = (cfg: JsonObject, resources: Resource[], host: PluginHost) => void;
type Generate = (cfg: JsonObject, host: PluginHost) => Resource[];

function text(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

function stringMap(value: JsonValue | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObject(value)) for (const [k, v] of Object.entries(value)) out[k] = v === null ? '' : String(v);
  return out;
}

function fieldSpecs(cfg: JsonObject, fallback: readonly FieldSpec[] = []): FieldSpec[] {
  const list = cfg['fieldSpecs'];
  return Array.isArray(list) ? list.map((v, i) => toFieldSpec(v, `fieldSpecs[${i}]`)) : [...fallback];
}

function metadataField(cfg: JsonObject, key: string): string {
  return isObject(cfg['metadata']) ? text(cfg['metadata'][key]) : '';
}

function where(cfg: JsonObject, host: PluginHost): string {
  return `${host.file}: ${text(cfg['kind'])} ${metadataField(cfg, 'name')}`;
}

function patchEntry(cfg: JsonObject, patchKey: string): JsonObject {
  const entry: JsonObject = {};
  for (const key of ['path', 'target', 'options'] as const) if (cfg[key] !== undefined) entry[key] = cfg[key] as JsonValue;
  if (typeof cfg[patchKey] === 'string') entry['patch'] = cfg[patchKey];
  return entry;
}

const TRANSFORMERS: Record<string, Transform> = {
  AnnotationsTransformer: (cfg, list) => addPairs(list, stringMap(cfg['annotations']), fieldSpecs(cfg)),
  LabelTransformer: (cfg, list) => addPairs(list, stringMap(cfg['labels']), fieldSpecs(cfg)),
  NamespaceTransformer: (cfg, list) => {
    const namespace = metadataField(cfg, 'namespace');
    if (namespace !== '') applyNamespace(list, namespace, fieldSpecs(cfg));
  },
  PrefixSuffixTransformer: (cfg, list) => {
    applyNamePrefix(list, text(cfg['prefix']), fieldSpecs(cfg));
    applyNameSuffix(list, text(cfg['suffix']), fieldSpecs(cfg));
  },
  PrefixTransformer: (cfg, list) => applyNamePrefix(list, text(cfg['prefix']), fieldSpecs(cfg)),
  SuffixTransformer: (cfg, list) => applyNameSuffix(list, text(cfg['suffix']), fieldSpecs(cfg)),
  PatchTransformer: (cfg, list, host) => applyPatches(list, [patchEntry(cfg, 'patch')], host.loader, where(cfg, host)),
  PatchJson6902Transformer: (cfg, list, host) => applyPatchesJson6902(list, [patchEntry(cfg, 'jsonOp')], host.loader, where(cfg, host)),
  PatchStrategicMergeTransformer: (cfg, list, host) => {
    const entries = Array.isArray(cfg['paths']) ? cfg['paths'].map(String) : [];
    if (typeof cfg['patches'] === 'string') entries.push(cfg['patches']);
    applyPatchesStrategicMerge(list, entries, host.loader, where(cfg, host));
  },
  ImageTagTransformer: (cfg, list, host) => {
    const image = isObject(cfg['imageTag']) ? cfg['imageTag'] : {};
    applyImages(list, [toImageOverride(image)], fieldSpecs(cfg, host.config.images));
  },
  ReplicaCountTransformer: (cfg, list, host) => {
    const replica = isObject(cfg['replica']) ? cfg['replica'] : {};
    applyReplicas(list, replica, { where: where(cfg, host), specs: fieldSpecs(cfg, host.config.replicas) });
  },
  ReplacementTransformer: (cfg, list, host) => {
    const replacements = Array.isArray(cfg['replacements']) ? cfg['replacements'].filter(isObject) : [];
    applyReplacements(list, replacements, host.loader, where(cfg, host));
  },
};

function gkeServiceAccount(cfg: JsonObject): Resource {
  const service = isObject(cfg['kubernetesService']) ? cfg['kubernetesService'] : {};
  const account = isObject(cfg['serviceAccount']) ? cfg['serviceAccount'] : {};
  const metadata: JsonObject = {
    annotations: { 'iam.gke.io/gcp-service-account': `${text(account['name'])}@${text(account['projectId'])}.iam.gserviceaccount.com` },
    name: text(service['name']),
  };
  if (text(service['namespace']) !== '') metadata['namespace'] = text(service['namespace']);
  return new Resource({ apiVersion: 'v1', kind: 'ServiceAccount', metadata });
}

function generatorArgs(cfg: JsonObject): JsonObject {
  const args: JsonObject = { ...cfg };
  if (text(args['name']) === '') args['name'] = metadataField(cfg, 'name');
  if (text(args['namespace']) === '') args['namespace'] = metadataField(cfg, 'namespace');
  return args;
}

const GENERATORS: Record<string, Generate> = {
  ConfigMapGenerator: (cfg, host) => [generateResource('ConfigMap', generatorArgs(cfg), { loader: host.loader, file: host.file, field: where(cfg, host) })],
  SecretGenerator: (cfg, host) => [generateResource('Secret', generatorArgs(cfg), { loader: host.loader, file: host.file, field: where(cfg, host) })],
  IAMPolicyGenerator: (cfg) => {
    if (text(cfg['cloud']) !== 'gke') throw new InputError(`IAMPolicyGenerator: unsupported cloud '${text(cfg['cloud'])}'`);
    return [gkeServiceAccount(cfg)];
  },
};

function pluginError(cfg: JsonObject, host: PluginHost): InputError {
  const kind = text(cfg['kind']);
  if (cfg['apiVersion'] === 'builtin') return new InputError(`${host.file}: unable to load builtin ${kind}.builtin.[noGrp]`);
  return new InputError(`${host.file}: external plugins disabled; unable to load external plugin '${kind}'`);
}

function builtinOf<T>(table: Record<string, T>, cfg: JsonObject, host: PluginHost): T {
  const found = cfg['apiVersion'] === 'builtin' ? table[text(cfg['kind'])] : undefined;
  if (found === undefined) throw pluginError(cfg, host);
  return found;
}

/** Runs one configured transformer plugin over the resources. */
export function runTransformerPlugin(cfg: JsonObject, resources: Resource[], host: PluginHost): void {
  builtinOf(TRANSFORMERS, cfg, host)(cfg, resources, host);
}

/** Runs one configured generator plugin and returns what it generates. */
export function runGeneratorPlugin(cfg: JsonObject, host: PluginHost): Resource[] {
  return builtinOf(GENERATORS, cfg, host)(cfg, host);
}

/** The plugin configurations an entry holds inline, or undefined when the entry is a path. */
export function inlinePluginConfigs(entry: string, file: string): JsonObject[] | undefined {
  if (!entry.includes('\n') && !/^\s*\{/.test(entry)) return undefined;
  const docs = parseYamlDocuments(entry, `${file}: inline plugin configuration`);
  return docs.length > 0 && docs.every(isObject) ? (docs as JsonObject[]) : undefined;
}
