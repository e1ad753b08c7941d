/**
 * The transformers of one kustomization, in kustomize's order: the builtin ones its fields
 * configure, then the plugins of its `transformers:` field, recording each as a transformation
 * when the build tracks build metadata.
 */
import type { FieldSpec } from './field-spec.js';
import type { Loader } from './file-system.js';
import { runTransformerPlugin } from './builtin-plugins.js';
import { applyImages, toImageOverride } from './images.js';
import { isObject } from './json-value.js';
import { objectListField, stringField, stringListField, stringMapField, type Kustomization } from './kustomization.js';
import { addPairs } from './metadata-maps.js';
import { applyNamePrefix, applyNameSuffix } from './name-affixes.js';
import { applyNamespace } from './namespace.js';
import { builtinOrigin, pluginOrigin, recordTransformation, type OriginRepo } from './origin.js';
import { applyPatches, applyPatchesJson6902, applyPatchesStrategicMerge } from './patches.js';
import { applyReplacements } from './replacements.js';
import { applyReplicas } from './replicas.js';
import type { Resource } from './resource.js';
import type { TransformerConfig } from './transformer-config.js';

/** What the transformers of a kustomization run with. */
export interface TransformerScope {
  k: Kustomization;
  loader: Loader;
  config: TransformerConfig;
  /** The origin path of the kustomization when the build tracks build metadata. */
  origin: string | undefined;
  /** Inside a remote target: its repository and ref. */
  originRepo?: OriginRepo;
}

interface Step {
  kind: string;
  run: (list: Resource[]) => void;
}

/** Where `labels` entries with includeVolumeClaimTemplates also put their labels. */
const VOLUME_CLAIM_TEMPLATE_LABELS: FieldSpec = { group: 'apps', kind: 'StatefulSet', path: 'spec/volumeClaimTemplates[]/metadata/labels', create: true };

function labelSteps(scope: TransformerScope): Step[] {
  const { k, config } = scope;
  const steps = objectListField(k, 'labels').map((entry, i): Step => {
    const pairs = stringMapField(k, `labels[${i}].pairs`, entry['pairs']);
    const custom = Array.isArray(entry['fields']) ? (entry['fields'].filter(isObject) as unknown as FieldSpec[]) : [];
    let specs: FieldSpec[] = [...custom, ...config.commonLabels];
    if (entry['includeSelectors'] !== true) {
      specs = [...custom, { path: 'metadata/labels', create: true }, ...config.labels];
      if (entry['includeTemplates'] === true) specs.push(...config.templateLabels);
      if (entry['includeVolumeClaimTemplates'] === true) specs.push(VOLUME_CLAIM_TEMPLATE_LABELS);
    }
    return { kind: 'LabelTransformer', run: (list) => addPairs(list, pairs, specs) };
  });
  const common = stringMapField(k, 'commonLabels');
  if (Object.keys(common).length > 0) steps.push({ kind: 'LabelTransformer', run: (list) => addPairs(list, common, config.commonLabels) });
  return steps;
}

function patchSteps(scope: TransformerScope): { early: Step[]; json: Step[] } {
  const { k, loader } = scope;
  const early: Step[] = [];
  const merges = stringListField(k, 'patchesStrategicMerge');
  if (merges.length > 0) early.push({ kind: 'PatchStrategicMergeTransformer', run: (list) => applyPatchesStrategicMerge(list, merges, loader, k.file) });
  objectListField(k, 'patches').forEach((entry, i) => early.push({ kind: 'PatchTransformer', run: (list) => applyPatches(list, [entry], loader, `${k.file}: patches[${i}]`) }));
  const json = objectListField(k, 'patchesJson6902').map((entry, i): Step => ({ kind: 'PatchJson6902Transformer', run: (list) => applyPatchesJson6902(list, [entry], loader, `${k.file}: patchesJson6902[${i}]`) }));
  return { early, json };
}

function nameSteps(scope: TransformerScope): Step[] {
  const { k, config } = scope;
  const steps: Step[] = [];
  const namespace = stringField(k, 'namespace');
  if (namespace !== '') steps.push({ kind: 'NamespaceTransformer', run: (list) => applyNamespace(list, namespace, config.namespace) });
  const prefix = stringField(k, 'namePrefix');
  if (prefix !== '') steps.push({ kind: 'PrefixTransformer', run: (list) => applyNamePrefix(list, prefix, config.namePrefix) });
  const suffix = stringField(k, 'nameSuffix');
  if (suffix !== '') steps.push({ kind: 'SuffixTransformer', run: (list) => applyNameSuffix(list, suffix, config.nameSuffix) });
  return steps;
}

function valueSteps(scope: TransformerScope): Step[] {
  const { k, loader, config } = scope;
  const steps = objectListField(k, 'replicas').map((entry, i): Step => ({
    kind: 'ReplicaCountTransformer',
    run: (list) => applyReplicas(list, entry, { where: `${k.file}: replicas[${i}]`, specs: config.replicas }),
  }));
  for (const entry of [...objectListField(k, 'images'), ...objectListField(k, 'imageTags')]) {
    steps.push({ kind: 'ImageTagTransformer', run: (list) => applyImages(list, [toImageOverride(entry)], config.images) });
  }
  const replacements = objectListField(k, 'replacements');
  if (replacements.length > 0) steps.push({ kind: 'ReplacementTransformer', run: (list) => applyReplacements(list, replacements, loader, k.file) });
  return steps;
}

function builtinSteps(scope: TransformerScope): Step[] {
  const { early, json } = patchSteps(scope);
  const annotations = stringMapField(scope.k, 'commonAnnotations');
  const annotate: Step[] = Object.keys(annotations).length === 0 ? [] : [{ kind: 'AnnotationsTransformer', run: (list) => addPairs(list, annotations, scope.config.commonAnnotations) }];
  return [...early, ...nameSteps(scope), ...labelSteps(scope), ...annotate, ...json, ...valueSteps(scope)];
}

/** Runs a kustomization's builtin transformers, then its transformer plugins, over the list. */
export function runKustomizationTransformers(scope: TransformerScope, list: Resource[], plugins: readonly Resource[]): void {
  for (const step of builtinSteps(scope)) {
    step.run(list);
    if (scope.origin !== undefined) recordTransformation(list, builtinOrigin(scope.origin, scope.k.file, step.kind, scope.originRepo));
  }
  const host = { loader: scope.loader, file: scope.k.file, config: scope.config };
  for (const plugin of plugins) {
    runTransformerPlugin(plugin.obj, list, host);
    if (scope.origin !== undefined) recordTransformation(list, pluginOrigin(plugin));
  }
}
