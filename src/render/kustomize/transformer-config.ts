/**
 * The transformer configuration: for each builtin transformer, the field specs it works on. It
 * starts from kustomize's defaults, takes in the `configurations` files of every kustomization
 * (and what `crds` declare), and flows up from child kustomizations to their parents.
 */
import { InputError } from '../../core/index.js';
import {
  COMMON_ANNOTATION_SPECS,
  COMMON_LABEL_SPECS,
  IMAGE_SPECS,
  NAMESPACE_SPECS,
  REPLICA_SPECS,
  TEMPLATE_LABEL_SPECS,
} from './builtin-field-specs.js';
import type { FieldSpec } from './field-spec.js';
import type { Loader } from './file-system.js';
import type { Gvk } from './resource.js';
import { LEGACY_ORDER_FIRST, LEGACY_ORDER_LAST } from './sort-order.js';
import { isObject, type JsonObject, type JsonValue } from './json-value.js';
import { NAME_REFERENCES, type NameBackReference } from './name-reference-specs.js';
import { VAR_REFERENCE_SPECS } from './var-reference-specs.js';

/** The field-spec lists of a transformer configuration, by their name in a configurations file. */
export const FIELD_SPEC_LISTS = [
  'namePrefix', 'nameSuffix', 'namespace', 'commonLabels', 'labels', 'templateLabels', 'commonAnnotations',
  'varReference', 'images', 'replicas',
] as const;

/** One of the field-spec lists. */
export type FieldSpecList = (typeof FIELD_SPEC_LISTS)[number];

/** Where each builtin transformer looks, plus the name references. */
export type TransformerConfig = Record<FieldSpecList, FieldSpec[]> & { nameReference: NameBackReference[] };

/** An empty configuration (what a `configurations` file adds to). */
export function emptyTransformerConfig(): TransformerConfig {
  const out = { nameReference: [] } as unknown as TransformerConfig;
  for (const list of FIELD_SPEC_LISTS) out[list] = [];
  return out;
}

function rawDefault(): TransformerConfig {
  return {
    ...emptyTransformerConfig(),
    namePrefix: [{ path: 'metadata/name' }],
    nameSuffix: [{ path: 'metadata/name' }],
    namespace: [...NAMESPACE_SPECS],
    commonLabels: [...COMMON_LABEL_SPECS],
    templateLabels: [...TEMPLATE_LABEL_SPECS],
    commonAnnotations: [...COMMON_ANNOTATION_SPECS],
    varReference: [...VAR_REFERENCE_SPECS],
    images: [...IMAGE_SPECS],
    replicas: [...REPLICA_SPECS],
    nameReference: NAME_REFERENCES.map((n) => ({ target: { ...n.target }, fieldSpecs: [...n.fieldSpecs] })),
  };
}

function isEmptyConfig(c: TransformerConfig): boolean {
  return c.nameReference.length === 0 && FIELD_SPEC_LISTS.every((list) => c[list].length === 0);
}

/** True when `selector`'s non-empty fields all equal `gvk`'s. */
function selects(selector: Partial<Gvk>, gvk: Partial<Gvk>): boolean {
  return (!selector.group || selector.group === gvk.group) && (!selector.version || selector.version === gvk.version) && (!selector.kind || selector.kind === gvk.kind);
}

/**
 * Adds field specs as kustomize does: one is dropped when a spec already present has the same
 * path and is selected by the new one's GVK (a general spec after a specific one is dropped), and
 * differing `create` flags are an error.
 */
export function mergeFieldSpecs(base: readonly FieldSpec[], incoming: readonly FieldSpec[]): FieldSpec[] {
  const out = [...base];
  for (const spec of incoming) {
    const existing = out.find((e) => e.path === spec.path && selects(spec, e));
    if (existing === undefined) out.push(spec);
    else if ((existing.create === true) !== (spec.create === true)) throw new InputError(`conflicting fieldspecs for path '${spec.path}'`);
  }
  return out;
}

function gvkString(g: Partial<Gvk>): string {
  return `${g.kind || '[noKind]'}.${g.version || '[noVer]'}.${g.group || '[noGrp]'}`;
}

/** kustomize keeps every list sorted by GVK: kinds of the legacy order first, then by `kind.version.group`. */
function compareGvks(a: Partial<Gvk>, b: Partial<Gvk>): number {
  const rank = (g: Partial<Gvk>): number => LEGACY_RANK.get(g.kind ?? '') ?? 0;
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  const sa = gvkString(a);
  const sb = gvkString(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

const LEGACY_RANK = new Map<string, number>([
  ...LEGACY_ORDER_FIRST.map((kind, i): [string, number] => [kind, i - LEGACY_ORDER_FIRST.length]),
  ...LEGACY_ORDER_LAST.map((kind, i): [string, number] => [kind, i + 1]),
]);

function sameGvk(a: Partial<Gvk>, b: Partial<Gvk>): boolean {
  return (a.group ?? '') === (b.group ?? '') && (a.version ?? '') === (b.version ?? '') && (a.kind ?? '') === (b.kind ?? '');
}

function mergeNameReferences(base: readonly NameBackReference[], incoming: readonly NameBackReference[]): NameBackReference[] {
  const out = base.map((n) => ({ target: n.target, fieldSpecs: [...n.fieldSpecs] }));
  for (const back of incoming) {
    const existing = out.find((n) => sameGvk(n.target, back.target));
    if (existing === undefined) out.push({ target: back.target, fieldSpecs: [...back.fieldSpecs] });
    else existing.fieldSpecs = mergeFieldSpecs(existing.fieldSpecs, back.fieldSpecs);
  }
  return out.sort((x, y) => compareGvks(x.target, y.target));
}

/** The union of two configurations, merged and sorted as kustomize merges them. */
export function mergeTransformerConfigs(a: TransformerConfig, b: TransformerConfig): TransformerConfig {
  if (isEmptyConfig(a) && b === DEFAULT_TRANSFORMER_CONFIG) return b;
  if (b === DEFAULT_TRANSFORMER_CONFIG || isEmptyConfig(b)) return a;
  return mergeSorted(a, b);
}

function mergeSorted(a: TransformerConfig, b: TransformerConfig): TransformerConfig {
  const out = { nameReference: mergeNameReferences(a.nameReference, b.nameReference) } as TransformerConfig;
  for (const list of FIELD_SPEC_LISTS) out[list] = mergeFieldSpecs(a[list], b[list]).sort(compareGvks);
  return out;
}

/** kustomize's built-in configuration; configurations are never mutated, merging makes a new one. */
export const DEFAULT_TRANSFORMER_CONFIG: Readonly<TransformerConfig> = Object.freeze(mergeSorted(emptyTransformerConfig(), rawDefault()));

/** Reads a field value ignoring the case of its key, as Go's JSON decoding does. */
export function lookupFold(obj: JsonObject, key: string): JsonValue | undefined {
  if (key in obj) return obj[key];
  const lower = key.toLowerCase();
  const found = Object.keys(obj).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : obj[found];
}

/** Reads one field spec (`group`, `version`, `kind`, `path`, `create`). */
export function toFieldSpec(value: JsonValue, where: string): FieldSpec {
  if (!isObject(value)) throw new InputError(`${where}: a field spec must be a mapping`);
  const spec: FieldSpec = { path: String(lookupFold(value, 'path') ?? '') };
  for (const key of ['group', 'version', 'kind'] as const) {
    const v = lookupFold(value, key);
    if (typeof v === 'string' && v !== '') spec[key] = v;
  }
  if (lookupFold(value, 'create') === true) spec.create = true;
  return spec;
}

function toFieldSpecs(value: JsonValue | undefined, where: string): FieldSpec[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new InputError(`${where}: expected a list of field specs`);
  return value.map((v, i) => toFieldSpec(v, `${where}[${i}]`));
}

function toNameReference(value: JsonValue, where: string): NameBackReference {
  const spec = toFieldSpec(isObject(value) ? { ...value, path: '' } : value, where);
  const target: NameBackReference['target'] = {};
  if (spec.group !== undefined) target.group = spec.group;
  if (spec.version !== undefined) target.version = spec.version;
  if (spec.kind !== undefined) target.kind = spec.kind;
  return { target, fieldSpecs: toFieldSpecs(lookupFold(value as JsonObject, 'fieldSpecs'), `${where}.fieldSpecs`) };
}

/** Reads a configurations document. */
export function parseTransformerConfig(doc: JsonValue, where: string): TransformerConfig {
  const out = emptyTransformerConfig();
  if (doc === null) return out;
  if (!isObject(doc)) throw new InputError(`${where}: a transformer configuration must be a mapping`);
  for (const list of FIELD_SPEC_LISTS) out[list] = toFieldSpecs(lookupFold(doc, list), `${where}: ${list}`);
  const refs = lookupFold(doc, 'nameReference');
  if (Array.isArray(refs)) out.nameReference = refs.map((r, i) => toNameReference(r, `${where}: nameReference[${i}]`));
  return out;
}

/**
 * A kustomization's own configuration: the defaults merged with its `configurations` entries
 * (inline YAML when they hold a line break, in order; then the files, merged together first).
 */
export function loadConfigurations(entries: readonly string[], loader: Loader, file: string): TransformerConfig {
  let out: TransformerConfig = DEFAULT_TRANSFORMER_CONFIG;
  let fromFiles = emptyTransformerConfig();
  entries.forEach((entry, i) => {
    const inline = entry.includes('\n') || entry.includes('\r');
    const where = `${file}: configurations[${i}]${inline ? '' : ` (${entry})`}`;
    const text = inline ? entry : loader.loadAs(entry, `${file}: configurations[${i}]`).toString('utf8');
    for (const doc of loader.parseYaml(text, where)) {
      const parsed = parseTransformerConfig(doc, where);
      if (inline) out = mergeTransformerConfigs(out, parsed);
      else fromFiles = mergeTransformerConfigs(fromFiles, parsed);
    }
  });
  return mergeTransformerConfigs(out, fromFiles);
}
