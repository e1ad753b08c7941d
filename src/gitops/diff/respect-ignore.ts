import { objectGroup, objectKind, type KubeObject } from '../kube-object.js';
import { toCompiled, type DiffOptions } from './diff-objects.js';
import { ownedLocations, type FieldSet } from './fields-v1.js';
import { ignoredExpressionPaths, ignoredFieldSets, ignoreRulesFor, type IgnoreRule } from './ignore-differences.js';
import { cloneJson, isJsonObject, jsonEqual, type JsonObject } from './json-value.js';
import { defaultMergeKeys, mergeKeyOf, type MergeKeyResolver } from './merge-keys.js';
import { deletePaths, getAtPath, hasPath, type ObjectPath } from './object-path.js';

/** Options for applyIgnoredFromLive: the same ignoreDifferences and merge keys the diff used. */
export type RespectIgnoreOptions = Pick<DiffOptions, 'mergeKeys'>;

/**
 * The RespectIgnoreDifferences sync option: a copy of the desired object in which every ignored
 * location carries the live value instead (or is absent when live has none), so applying it
 * leaves what ignoreDifferences hides untouched. List items are placed by merge key. With no live
 * object (a create) or no matching rule, the desired object is returned as it is (a copy).
 */
export function applyIgnoredFromLive(
  desired: KubeObject,
  live: KubeObject | undefined,
  ignore: DiffOptions['ignoreDifferences'],
  options: RespectIgnoreOptions = {},
): KubeObject {
  const result = cloneJson(desired) as JsonObject;
  const rules = ignoreRulesFor(toCompiled(ignore), desired);
  if (live === undefined || rules.length === 0) return result as KubeObject;
  const fieldSets = ignoredFieldSets(rules, live);
  deletePaths(result, ignoredLocations(rules, fieldSets, result));
  const place: Placement = { group: objectGroup(desired), kind: objectKind(desired), mergeKeys: options.mergeKeys ?? defaultMergeKeys };
  for (const path of ignoredLocations(rules, fieldSets, live)) {
    if (hasPath(live, path)) copyFromLive(result, live as JsonObject, path, place);
  }
  return result as KubeObject;
}

function ignoredLocations(rules: readonly IgnoreRule[], fieldSets: readonly FieldSet[], obj: unknown): ObjectPath[] {
  const paths = ignoredExpressionPaths(rules, obj);
  for (const set of fieldSets) {
    const owned = ownedLocations(set, obj);
    paths.push(...owned.leaves, ...owned.items.map((item) => item.path));
  }
  return paths;
}

interface Placement {
  group: string;
  kind: string;
  mergeKeys: MergeKeyResolver;
}

function copyFromLive(target: JsonObject, live: JsonObject, path: ObjectPath, place: Placement): void {
  let into: unknown = target;
  const fields: string[] = [];
  for (let i = 0; i < path.length && into !== undefined; i++) {
    const segment = path[i] as string | number;
    const liveChild = getAtPath(live, path.slice(0, i + 1));
    const last = i === path.length - 1;
    if (typeof segment === 'string') {
      into = stepIntoField(into, segment, liveChild, last);
      fields.push(segment);
    } else {
      const keys = place.mergeKeys({ group: place.group, kind: place.kind, fieldPath: fields });
      into = stepIntoItem(into, { liveItem: liveChild, position: segment, last }, keys);
    }
  }
}

function stepIntoField(into: unknown, field: string, liveChild: unknown, last: boolean): unknown {
  if (!isJsonObject(into)) return undefined;
  if (last) into[field] = cloneJson(liveChild);
  else if (!isJsonObject(into[field]) && !Array.isArray(into[field])) into[field] = Array.isArray(liveChild) ? [] : {};
  return into[field];
}

interface LiveStep {
  liveItem: unknown;
  position: number;
  last: boolean;
}

function stepIntoItem(into: unknown, step: LiveStep, keys: readonly string[] | undefined): unknown {
  if (!Array.isArray(into)) return undefined;
  const index = matchingIndex(into, step, keys);
  if (step.last) into[index] = cloneJson(step.liveItem);
  else if (index === into.length) into.push(skeletonOf(step.liveItem, keys));
  return into[index];
}

/**
 * Where a live list item belongs in the desired list: its merge-key twin; else, for a whole item,
 * an equal one or the end (never over a different item); else, on the way to a field inside it,
 * the same position.
 */
function matchingIndex(list: unknown[], step: LiveStep, keys: readonly string[] | undefined): number {
  const key = keys === undefined ? undefined : mergeKeyOf(step.liveItem, keys);
  let found: number;
  if (keys !== undefined && key !== undefined) found = list.findIndex((item) => mergeKeyOf(item, keys) === key);
  else if (step.last || !isJsonObject(step.liveItem)) found = list.findIndex((item) => jsonEqual(item, step.liveItem));
  else found = Math.min(step.position, list.length);
  return found < 0 ? list.length : found;
}

function skeletonOf(liveItem: unknown, keys: readonly string[] | undefined): unknown {
  if (Array.isArray(liveItem)) return [];
  if (!isJsonObject(liveItem)) return cloneJson(liveItem);
  const skeleton: JsonObject = {};
  for (const field of keys ?? []) if (field in liveItem) skeleton[field] = cloneJson(liveItem[field]);
  return skeleton;
}
