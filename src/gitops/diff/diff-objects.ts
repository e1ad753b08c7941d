import { objectGroup, objectKind, objectName, objectNamespace, type KubeObject } from '../kube-object.js';
import { compareObjects, appendField, type CompareContext, type DiffChange } from './compare-values.js';
import type { FieldSet } from './fields-v1.js';
import {
  compileIgnoreDifferences,
  ignoredFieldSets,
  ignoreRulesFor,
  removeIgnored,
  type IgnoreDifferences,
  type IgnoreRule,
  type ResourceIgnoreDifferences,
} from './ignore-differences.js';
import type { JsonObject } from './json-value.js';
import { defaultMergeKeys, type MergeKeyResolver } from './merge-keys.js';
import { normalizeForDiff, type NormalizeOptions } from './normalize.js';
import { maskSecretPair } from './secret-mask.js';

/** The outcome of comparing one resource: whether it is out of sync, and every change (secrets masked). */
export interface DiffResult {
  modified: boolean;
  changes: DiffChange[];
}

/** How to compare: what to ignore, how to match list items, and normalization switches. */
export interface DiffOptions {
  /** The Application's ignoreDifferences (plus system-level ones), raw or compiled once with compileIgnoreDifferences. */
  ignoreDifferences?: IgnoreDifferences | readonly ResourceIgnoreDifferences[];
  /** Merge keys of lists (from the cluster's OpenAPI); defaults to the core types' keys. */
  mergeKeys?: MergeKeyResolver;
  normalize?: NormalizeOptions;
}

/**
 * Compares the predicted object (the server-side apply dry run of the desired manifest, so
 * defaults and other managers' fields are already in it) with the live object. Noise is
 * normalized away, ignoreDifferences are removed from both sides, and Secret values are masked
 * before comparing, so no change ever carries a secret. A missing live object means every
 * top-level field is an `add` (the resource must be created); a missing predicted one, a `remove`.
 */
export function diffObjects(predicted: KubeObject | undefined, live: KubeObject | undefined, options: DiffOptions = {}): DiffResult {
  const identity = predicted ?? live;
  if (identity === undefined) return { modified: false, changes: [] };
  const rules = ignoreRulesFor(toCompiled(options.ignoreDifferences), identity);
  const fieldSets = ignoredFieldSets(rules, live);
  const prepare = (obj: KubeObject | undefined): KubeObject | undefined => obj && prepareSide(obj, rules, fieldSets, options.normalize);
  const [desired, current] = maskSecretPair(prepare(predicted), prepare(live));
  const context: CompareContext = { group: objectGroup(identity), kind: objectKind(identity), mergeKeys: options.mergeKeys ?? defaultMergeKeys };
  const changes = compareSides(desired, current, context);
  return { modified: changes.length > 0, changes };
}

function prepareSide(obj: KubeObject, rules: readonly IgnoreRule[], fieldSets: readonly FieldSet[], options?: NormalizeOptions): KubeObject {
  const normalized = normalizeForDiff(obj, options);
  removeIgnored(normalized as JsonObject, rules, fieldSets);
  return normalized;
}

function compareSides(desired: KubeObject | undefined, live: KubeObject | undefined, context: CompareContext): DiffChange[] {
  if (desired !== undefined && live !== undefined) return compareObjects(desired as JsonObject, live as JsonObject, context);
  if (desired !== undefined) return Object.entries(desired).map(([key, value]) => ({ path: appendField('', key), op: 'add', desired: value }));
  if (live !== undefined) return Object.entries(live).map(([key, value]) => ({ path: appendField('', key), op: 'remove', live: value }));
  return [];
}

/** Compiles raw ignoreDifferences once; compiled ones pass through. */
export function toCompiled(ignore: DiffOptions['ignoreDifferences']): IgnoreDifferences | undefined {
  if (ignore === undefined) return undefined;
  return 'rules' in ignore ? ignore : compileIgnoreDifferences(ignore);
}

/** A desired/live pair for diffResources; either side may be missing (create or prune). */
export interface ResourcePair {
  predicted?: KubeObject;
  live?: KubeObject;
}

/** One resource's diff, with the identity it was matched by. */
export interface ResourceDiff {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  result: DiffResult;
}

/** Diffs many resources with the same options, compiling ignoreDifferences once. */
export function diffResources(pairs: readonly ResourcePair[], options: DiffOptions = {}): ResourceDiff[] {
  const shared: DiffOptions = { ...options, ignoreDifferences: toCompiled(options.ignoreDifferences) };
  return pairs.flatMap(({ predicted, live }) => {
    const identity = predicted ?? live;
    if (identity === undefined) return [];
    return [
      {
        group: objectGroup(identity),
        kind: objectKind(identity),
        namespace: objectNamespace(identity),
        name: objectName(identity),
        result: diffObjects(predicted, live, shared),
      },
    ];
  });
}
