/**
 * Patch and replacement targets: group, version, kind, name and namespace (as anchored regular
 * expressions, matched against original or current values), label and annotation selectors.
 */
import { InputError } from '../../core/index.js';
import { isObject, type JsonValue } from './json-value.js';
import { effectiveNamespace, type ResId, type Resource } from './resource.js';

/** A target selector as written in a kustomization. */
export interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

/** Reads a selector object from a kustomization field. */
export function toSelector(value: JsonValue | undefined, where: string): Selector {
  if (!isObject(value)) throw new InputError(`${where}: expected a target selector`);
  const out: Selector = {};
  for (const key of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const) {
    const v = value[key];
    if (typeof v === 'string') out[key] = v;
  }
  return out;
}

function anchored(pattern: string | undefined): RegExp | undefined {
  if (pattern === undefined || pattern === '') return undefined;
  return new RegExp(`^(?:${pattern})$`);
}

type Requirement = (labels: Record<string, string>) => boolean;

function parseRequirement(term: string): Requirement {
  const set = /^([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
  if (set) {
    const [, key = '', op, list = ''] = set;
    const values = list.split(',').map((v) => v.trim());
    return op === 'in' ? (l) => key in l && values.includes(l[key] as string) : (l) => !(key in l) || !values.includes(l[key] as string);
  }
  const cmp = /^([^\s!=]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
  if (cmp) {
    const [, key = '', op, value = ''] = cmp;
    return op === '!=' ? (l) => l[key] !== value : (l) => l[key] === value;
  }
  if (term.startsWith('!')) return (l) => !(term.slice(1).trim() in l);
  return (l) => term in l;
}

function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of selector) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      terms.push(current.trim());
      current = '';
    } else {
      current += c;
    }
  }
  terms.push(current.trim());
  return terms.filter((t) => t !== '');
}

/** True when the map satisfies a Kubernetes label selector string (empty matches all). */
export function matchesLabelSelector(selector: string | undefined, labels: Record<string, string>): boolean {
  if (selector === undefined || selector.trim() === '') return true;
  return splitTerms(selector).every((t) => parseRequirement(t)(labels));
}

/** The resources a selector picks, in list order. */
export function selectResources(resources: readonly Resource[], selector: Selector): Resource[] {
  const name = anchored(selector.name);
  const namespace = anchored(selector.namespace);
  const group = anchored(selector.group);
  const version = anchored(selector.version);
  const kind = anchored(selector.kind);
  return resources.filter((r) => {
    const cur = r.id();
    const org = r.originalId();
    if (namespace && !namespace.test(effectiveNamespace(org)) && !namespace.test(effectiveNamespace(cur))) return false;
    if (name && !name.test(org.name) && !name.test(cur.name)) return false;
    if ((group && !group.test(cur.group)) || (version && !version.test(cur.version)) || (kind && !kind.test(cur.kind))) return false;
    return matchesMetadataSelectors(r, selector);
  });
}

/** Whether a resource's labels and annotations satisfy the selector's label and annotation selectors. */
function matchesMetadataSelectors(r: Resource, selector: Selector): boolean {
  return matchesLabelSelector(selector.labelSelector, r.stringMap('labels')) && matchesLabelSelector(selector.annotationSelector, r.stringMap('annotations'));
}

/**
 * Resources any of whose ids (the current one or an earlier one) the selector matches, each field
 * an anchored regular expression: replacements select this way, so a name from any stage of the
 * build selects.
 */
export function selectResourcesByAnyId(resources: readonly Resource[], selector: Selector): Resource[] {
  const [name, namespace, group, version, kind] = [selector.name, selector.namespace, selector.group, selector.version, selector.kind].map(anchored);
  const matches = (id: ResId): boolean =>
    (!name || name.test(id.name)) &&
    (!namespace || namespace.test(effectiveNamespace(id))) &&
    (!group || group.test(id.group)) &&
    (!version || version.test(id.version)) &&
    (!kind || kind.test(id.kind));
  return resources.filter((r) => [r.id(), ...r.prevIds].some(matches) && matchesMetadataSelectors(r, selector));
}
