import { InputError } from '../../core/index.js';
import { objectGroup, objectKind, objectName, objectNamespace, type KubeObject } from '../kube-object.js';
import { managerFieldSets, ownedLocations, type FieldSet } from './fields-v1.js';
import { compileJqPath, jqPaths, type JqPathExpression } from './jq-path.js';
import { parseJsonPointer, resolveJsonPointer } from './json-pointer.js';
import { getAtPath, deletePaths, type ObjectPath } from './object-path.js';
import { isJsonObject, type JsonObject } from './json-value.js';

/**
 * One entry of an Application's spec.ignoreDifferences (or a system-level customization), as Argo
 * CD defines it: group and kind (globs, `*` for any; group "" is the core group), optional exact
 * name and namespace, and what to ignore.
 */
export interface ResourceIgnoreDifferences {
  group?: string;
  kind: string;
  name?: string;
  namespace?: string;
  jsonPointers?: readonly string[];
  jqPathExpressions?: readonly string[];
  managedFieldsManagers?: readonly string[];
}

/** An ignoreDifferences entry with its pointers and jq expressions parsed once. */
export interface IgnoreRule {
  readonly group: RegExp;
  readonly kind: RegExp;
  readonly name: string;
  readonly namespace: string;
  readonly pointers: readonly (readonly string[])[];
  readonly jq: readonly JqPathExpression[];
  readonly managers: readonly string[];
}

/** Parsed ignoreDifferences, made by compileIgnoreDifferences and reused for every object. */
export interface IgnoreDifferences {
  readonly rules: readonly IgnoreRule[];
}

/**
 * Parses ignoreDifferences entries once per Application. Throws an InputError naming the entry
 * and the expression for a bad JSON pointer or jq expression (an InvalidSpecError for the app).
 */
export function compileIgnoreDifferences(entries: readonly ResourceIgnoreDifferences[]): IgnoreDifferences {
  return { rules: entries.map((entry, i) => compileRule(entry, i)) };
}

function compileRule(entry: ResourceIgnoreDifferences, index: number): IgnoreRule {
  try {
    return {
      group: globPattern(entry.group ?? ''),
      kind: globPattern(entry.kind ?? ''),
      name: entry.name ?? '',
      namespace: entry.namespace ?? '',
      pointers: (entry.jsonPointers ?? []).map(parseJsonPointer),
      jq: (entry.jqPathExpressions ?? []).map(compileJqPath),
      managers: [...(entry.managedFieldsManagers ?? [])],
    };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new InputError(`ignoreDifferences[${index}] (${entry.group ?? ''}/${entry.kind}): ${error.message}`, { cause: error });
  }
}

/** A glob as Argo CD matches group and kind: `*` any run, `?` one character, `{a,b}` alternatives. */
export function globPattern(glob: string): RegExp {
  let source = '';
  for (const char of glob) {
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else if (char === '{') source += '(?:';
    else if (char === '}') source += ')';
    else if (char === ',' && source.includes('(?:')) source += '|';
    else source += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** The rules that apply to an object: group and kind match as globs, name and namespace exactly when set. */
export function ignoreRulesFor(ignore: IgnoreDifferences | undefined, obj: KubeObject): IgnoreRule[] {
  if (ignore === undefined) return [];
  return ignore.rules.filter(
    (rule) =>
      rule.group.test(objectGroup(obj)) &&
      rule.kind.test(objectKind(obj)) &&
      (rule.name === '' || rule.name === objectName(obj)) &&
      (rule.namespace === '' || rule.namespace === objectNamespace(obj)),
  );
}

/** The field sets that the rules' managedFieldsManagers own in the live object's managedFields. */
export function ignoredFieldSets(rules: readonly IgnoreRule[], live: KubeObject | undefined): FieldSet[] {
  const managers = [...new Set(rules.flatMap((rule) => rule.managers))];
  return live === undefined ? [] : managerFieldSets(live, managers);
}

/** The locations that the rules' JSON pointers and jq expressions select in `obj`. */
export function ignoredExpressionPaths(rules: readonly IgnoreRule[], obj: unknown): ObjectPath[] {
  const paths: ObjectPath[] = [];
  for (const rule of rules) {
    for (const pointer of rule.pointers) {
      const path = resolveJsonPointer(obj, pointer);
      if (path !== undefined) paths.push(path);
    }
    for (const expression of rule.jq) paths.push(...jqPaths(expression, obj));
  }
  return paths;
}

/**
 * Removes, in place, every ignored location from an object about to be compared: first what the
 * pointers and jq expressions select, then the fields the trusted managers own. A keyed list item
 * a trusted manager created is removed once only its key fields are left.
 */
export function removeIgnored(obj: JsonObject, rules: readonly IgnoreRule[], fieldSets: readonly FieldSet[]): void {
  deletePaths(obj, ignoredExpressionPaths(rules, obj));
  for (const set of fieldSets) {
    const owned = ownedLocations(set, obj);
    deletePaths(obj, owned.leaves);
    const emptied = owned.items.filter(({ path, keys }) => onlyKeyFieldsLeft(getAtPath(obj, path), keys));
    deletePaths(obj, emptied.map((item) => item.path));
  }
}

function onlyKeyFieldsLeft(item: unknown, keys: readonly string[]): boolean {
  return isJsonObject(item) && Object.keys(item).every((field) => keys.includes(field));
}
