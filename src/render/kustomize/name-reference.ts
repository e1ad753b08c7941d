/**
 * Name references: after prefixes, suffixes, namespaces and hashes renamed resources, every field
 * that referred to a resource by an earlier name is pointed at its current name.
 */
import { InputError } from '../../core/index.js';
import { visitFieldSpec, type FieldSpec } from './field-spec.js';
import { isObject, type JsonObject, type JsonValue } from './json-value.js';
import { NAME_REFERENCES, type NameBackReference } from './name-reference-specs.js';
import { effectiveNamespace, formatResId, gvkSelected, isClusterScoped, type Gvk, type Resource } from './resource.js';

/** Referrers of the first list of ids may also refer to the namespaces of RoleBinding subjects. */
function roleBindingNamespaces(referrer: Resource): Set<string> {
  const out = new Set<string>();
  const subjects = referrer.obj['subjects'];
  if (referrer.kind() !== 'RoleBinding' || !Array.isArray(subjects)) return out;
  for (const s of subjects) {
    if (isObject(s) && s['kind'] === 'ServiceAccount' && typeof s['namespace'] === 'string') out.add(s['namespace']);
  }
  return out;
}

type Referable = (referrer: Resource) => readonly Resource[];

/** The resources a referrer may refer to (cluster-scoped ones and those in its namespace), memoized per namespace. */
function referableIndex(all: readonly Resource[]): Referable {
  const namespaces = new Map(all.map((r) => [r, isClusterScoped(r.kind()) ? undefined : effectiveNamespace(r.id())]));
  const memo = new Map<string, Resource[]>();
  const inNamespace = (ns: string, extra: ReadonlySet<string>): Resource[] =>
    all.filter((r) => namespaces.get(r) === undefined || namespaces.get(r) === ns || extra.has(r.namespace()));
  return (referrer) => {
    const ns = namespaces.get(referrer);
    if (ns === undefined) return all;
    const extra = roleBindingNamespaces(referrer);
    if (extra.size > 0) return inNamespace(ns, extra);
    let found = memo.get(ns);
    if (found === undefined) memo.set(ns, (found = inNamespace(ns, extra)));
    return found;
  };
}

function sameEndingSubarray(a: readonly string[], b: readonly string[]): boolean {
  const [shortest, longest] = a.length <= b.length ? [a, b] : [b, a];
  const diff = longest.length - shortest.length;
  if (shortest.length === 0) return diff === 0;
  return shortest.every((s, i) => longest[i + diff] === s);
}

/** kustomize's PrefixesSuffixesEquals: with `allowEmpty`, a side without prefixes (or suffixes) matches any. */
function affixesMatch(r: Resource, o: Resource, allowEmpty: boolean): boolean {
  const prefixes = (allowEmpty && (r.prefixes.length === 0 || o.prefixes.length === 0)) || sameEndingSubarray(r.prefixes, o.prefixes);
  const suffixes = (allowEmpty && (r.suffixes.length === 0 || o.suffixes.length === 0)) || sameEndingSubarray(r.suffixes, o.suffixes);
  return prefixes && suffixes;
}

interface Lookup {
  referrer: Resource;
  target: Partial<Gvk>;
  /** A mapping reference (name and namespace) takes both from the referral: equal names alone do not make candidates one. */
  withNamespace?: boolean;
}

function selectReferral(oldName: string, candidates: readonly Resource[], lookup: Lookup): Resource | undefined {
  let found = candidates.filter((r) => r.prevIds.some((p) => gvkSelected(p, lookup.target)));
  found = found.filter((r) => r.prevIds.some((p) => p.name === oldName));
  if (found.length <= 1) return found[0];
  const { referrer } = lookup;
  // First a pass where an empty list of prefixes (or suffixes) matches any, then an exact one.
  found = found.filter((r) => affixesMatch(r, referrer, true));
  if (found.length === 1) return found[0];
  found = found.filter((r) => affixesMatch(r, referrer, false));
  if (found.length <= 1) return found[0];
  const first = found[0] as Resource;
  if (found.every((r) => r.name() === first.name() && (!lookup.withNamespace || r.namespace() === first.namespace()))) return first;
  const ids = found.map((r) => formatResId(r.id())).join(', ');
  throw new InputError(`found multiple possible referrals: ${ids}`);
}

function updateMapping(node: JsonObject, candidates: readonly Resource[], lookup: Lookup): void {
  const kind = node['kind'];
  if (typeof kind === 'string' && lookup.target.kind !== undefined && kind !== lookup.target.kind) return;
  const name = node['name'];
  if (typeof name !== 'string') return;
  const namespace = node['namespace'];
  if ('namespace' in node && (namespace === null || namespace === '')) {
    throw new InputError(`Invalid Input: namespace is blank for resource "${formatResId(lookup.referrer.id())}"`);
  }
  const subset = typeof namespace === 'string' ? candidates.filter((r) => !isClusterScoped(r.kind()) && [r.id(), r.originalId()].some((id) => effectiveNamespace(id) === namespace)) : candidates;
  const referral = selectReferral(name, subset, { ...lookup, withNamespace: true });
  if (!referral) return;
  node['name'] = referral.name();
  if (referral.namespace() !== '') node['namespace'] = referral.namespace();
}

function updateValue(value: JsonValue | undefined, candidates: readonly Resource[], lookup: Lookup): JsonValue | undefined {
  if (typeof value === 'string') return selectReferral(value, candidates, lookup)?.name() ?? value;
  if (Array.isArray(value)) return value.map((v) => updateValue(v, candidates, lookup) ?? v);
  if (isObject(value)) updateMapping(value, candidates, lookup);
  return value;
}

/** A field that may hold a reference, and the kind it refers to. */
interface ReferenceField {
  back: NameBackReference;
  fs: FieldSpec;
}

function applySpec(referrer: Resource, gvk: Gvk, { back, fs }: ReferenceField, candidates: readonly Resource[]): void {
  const lookup: Lookup = { referrer, target: back.target };
  visitFieldSpec(referrer.obj, gvk, fs, (holder, key) => {
    const siblingKind = holder['kind'];
    if (typeof siblingKind === 'string' && typeof holder[key] === 'string' && back.target.kind !== undefined && siblingKind !== back.target.kind) return;
    const updated = updateValue(holder[key], candidates, lookup);
    if (updated !== undefined) holder[key] = updated;
  });
}

/**
 * The (back reference, field spec) pairs that apply to a referrer's GVK, in configuration order,
 * computed once per GVK: most of the several hundred specs select other kinds.
 */
function fieldsByGvk(config: readonly NameBackReference[]): (gvk: Gvk) => readonly ReferenceField[] {
  const all = config.flatMap((back) => back.fieldSpecs.map((fs) => ({ back, fs })));
  const memo = new Map<string, ReferenceField[]>();
  return (gvk) => {
    const key = `${gvk.kind}/${gvk.version}/${gvk.group}`;
    let found = memo.get(key);
    if (found === undefined) memo.set(key, (found = all.filter((f) => gvkSelected(gvk, f.fs))));
    return found;
  };
}

/** Rewrites every name reference in the resources to the referred resource's current name. */
export function fixNameReferences(resources: readonly Resource[], config: readonly NameBackReference[] = NAME_REFERENCES): void {
  const referableBy = referableIndex(resources);
  const fieldsOf = fieldsByGvk(config);
  for (const referrer of resources) {
    const candidates = referableBy(referrer);
    // Name references rewrite names inside the referrer, never its own kind or apiVersion.
    const gvk = referrer.originalId();
    for (const field of fieldsOf(gvk)) applySpec(referrer, gvk, field, candidates);
  }
}
