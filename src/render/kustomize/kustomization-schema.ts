/**
 * The shape of a kustomization file, checked the way kustomize's strict decoding checks it:
 * unknown fields (matched ignoring case, as Go's JSON decoding does, and renamed to their
 * spelling) and values of the wrong kind (a list where a string belongs, a string where an object
 * belongs, a number or a YAML 1.1 boolean such as `yes` or `n` where a string belongs, as kustomize
 * reads its kustomization file with YAML 1.1) are errors that name the file and the field path,
 * e.g. `patches[1].path`.
 */
import { InputError } from '../../core/index.js';
import { isObject, type JsonObject, type JsonValue } from './json-value.js';

/** A field's expected shape. */
/** `open` objects also take fields not listed (their listed fields are still checked). */
export type Shape = 'string' | 'bool' | 'int' | 'any' | 'stringMap' | 'boolMap' | { list: Shape } | { object: Fields; open?: boolean };
/** The fields of an object shape. */
export type Fields = Record<string, Shape>;

const strings: Shape = { list: 'string' };
const gvk: Fields = { group: 'string', version: 'string', kind: 'string' };
const selector: Shape = { object: { ...gvk, name: 'string', namespace: 'string', labelSelector: 'string', annotationSelector: 'string' } };
const fieldSpec: Shape = { object: { ...gvk, path: 'string', create: 'bool' } };
const generatorOptions: Shape = { object: { labels: 'stringMap', annotations: 'stringMap', disableNameSuffixHash: 'bool', immutable: 'bool' } };
const generator: Fields = {
  name: 'string', namespace: 'string', behavior: 'string', literals: strings, files: strings, envs: strings, env: 'string', options: generatorOptions,
};
const patch: Fields = { path: 'string', patch: 'string', target: selector, options: 'boolMap' };
const replacementOptions: Shape = { object: { delimiter: 'string', index: 'int', create: 'bool' } };
const replacement: Fields = {
  path: 'string',
  source: { object: { ...gvk, name: 'string', namespace: 'string', fieldPath: 'string', options: replacementOptions } },
  targets: { list: { object: { select: selector, reject: { list: selector }, fieldPaths: strings, options: replacementOptions } } },
};
const helmChart: Shape = {
  object: {
    name: 'string', version: 'string', repo: 'string', releaseName: 'string', namespace: 'string', valuesFile: 'string',
    valuesInline: { object: {}, open: true }, valuesMerge: 'string', additionalValuesFiles: strings, includeCRDs: 'bool',
    skipHooks: 'bool', skipTests: 'bool', apiVersions: strings, kubeVersion: 'string', nameTemplate: 'string', debug: 'bool',
  },
};

/** Every field of a Kustomization (and Component), and the shape of what it holds. */
export const KUSTOMIZATION_FIELDS: Fields = {
  apiVersion: 'string',
  kind: 'string',
  metadata: { object: { name: 'string', namespace: 'string', labels: 'stringMap', annotations: 'stringMap' } },
  openapi: 'stringMap',
  namePrefix: 'string',
  nameSuffix: 'string',
  namespace: 'string',
  commonLabels: 'stringMap',
  labels: { list: { object: { pairs: 'stringMap', includeSelectors: 'bool', includeTemplates: 'bool', includeVolumeClaimTemplates: 'bool', fields: { list: fieldSpec } } } },
  commonAnnotations: 'stringMap',
  patchesStrategicMerge: strings,
  patchesJson6902: { list: { object: patch } },
  patches: { list: { object: patch } },
  images: { list: { object: { name: 'string', newName: 'string', newTag: 'string', digest: 'string', tagSuffix: 'string' } } },
  imageTags: { list: { object: { name: 'string', newName: 'string', newTag: 'string', digest: 'string', tagSuffix: 'string' } } },
  replacements: { list: { object: replacement } },
  replicas: { list: { object: { name: 'string', count: 'int' } } },
  vars: { list: { object: { name: 'string', objref: { object: { ...gvk, apiVersion: 'string', name: 'string', namespace: 'string' } }, fieldref: { object: { fieldpath: 'string' } } } } },
  sortOptions: { object: { order: 'string', legacySortOptions: { object: { orderFirst: strings, orderLast: strings } } } },
  resources: strings,
  components: strings,
  crds: strings,
  bases: strings,
  configMapGenerator: { list: { object: generator } },
  secretGenerator: { list: { object: { ...generator, type: 'string' } } },
  helmGlobals: { object: { chartHome: 'string', configHome: 'string' } },
  helmCharts: { list: helmChart },
  helmChartInflationGenerator: { list: 'any' },
  generatorOptions,
  configurations: strings,
  generators: strings,
  transformers: strings,
  validators: strings,
  buildMetadata: strings,
};

function describe(v: JsonValue): string {
  if (Array.isArray(v)) return 'a list';
  if (isObject(v)) return 'a map';
  return `${typeof v} ${JSON.stringify(v)}`;
}

function scalarProblem(shape: 'string' | 'bool' | 'int', v: JsonValue): string | undefined {
  if (shape === 'string') return typeof v === 'string' ? undefined : `expected a string, got ${describe(v)}`;
  if (shape === 'bool') return typeof v === 'boolean' ? undefined : `expected true or false, got ${describe(v)}`;
  return typeof v === 'number' && Number.isInteger(v) ? undefined : `expected an integer, got ${describe(v)}`;
}

function checkMap(v: JsonValue, path: string, of: 'string' | 'bool', fail: (p: string, m: string) => never): void {
  if (!isObject(v)) fail(path, `expected a map of ${of === 'string' ? 'strings' : 'booleans'}, got ${describe(v)}`);
  for (const [key, value] of Object.entries(v)) {
    const problem = value === null ? undefined : scalarProblem(of, value);
    if (problem !== undefined) fail(`${path}.${key}`, problem);
  }
}

/** Renames keys matched ignoring case (Go's JSON decoding does) and reports unknown ones. */
function normalizeKeys(obj: JsonObject, fields: Fields, onUnknown: (key: string) => void): void {
  const lower = new Map(Object.keys(fields).map((f) => [f.toLowerCase(), f]));
  for (const key of Object.keys(obj)) {
    if (key in fields) continue;
    const known = lower.get(key.toLowerCase());
    if (known === undefined) {
      onUnknown(key);
      continue;
    }
    if (!(known in obj)) obj[known] = obj[key] as JsonValue;
    delete obj[key];
  }
}

interface Checker {
  file: string;
  fail: (path: string, message: string) => never;
}

/** Checks a value against a shape that is not a list or an object; false when the shape is one of those. */
function checkFlat(v: JsonValue, shape: Shape, path: string, c: Checker): boolean {
  if (typeof shape !== 'string') return false;
  if (shape === 'any') return true;
  if (shape === 'stringMap' || shape === 'boolMap') {
    checkMap(v, path, shape === 'stringMap' ? 'string' : 'bool', c.fail);
    return true;
  }
  const problem = scalarProblem(shape, v);
  if (problem !== undefined) c.fail(path, problem);
  return true;
}

function checkValue(v: JsonValue, shape: Shape, path: string, c: Checker): void {
  if (v === null || checkFlat(v, shape, path, c) || typeof shape === 'string') return;
  if ('list' in shape) {
    if (!Array.isArray(v)) c.fail(path, `expected a list, got ${describe(v)}`);
    v.forEach((item, i) => checkValue(item, shape.list, `${path}[${i}]`, c));
    return;
  }
  if (!isObject(v)) c.fail(path, `expected a map, got ${describe(v)}`);
  normalizeKeys(v, shape.object, (key) => (shape.open === true ? undefined : c.fail(path, `invalid Kustomization: json: unknown field "${key}"`)));
  for (const [key, fieldShape] of Object.entries(shape.object)) if (v[key] !== undefined) checkValue(v[key] as JsonValue, fieldShape, `${path}.${key}`, c);
}

/**
 * Checks a kustomization document against KUSTOMIZATION_FIELDS, renaming fields spelled with
 * other cases; throws an InputError naming the file and the field path at fault.
 */
export function checkKustomizationShape(file: string, doc: JsonObject): void {
  const fail = (path: string, message: string): never => {
    throw new InputError(`${file}: ${path}: ${message}`);
  };
  normalizeKeys(doc, KUSTOMIZATION_FIELDS, (key) => {
    throw new InputError(`${file}: invalid Kustomization: json: unknown field "${key}"`);
  });
  for (const [key, shape] of Object.entries(KUSTOMIZATION_FIELDS)) if (doc[key] !== undefined) checkValue(doc[key] as JsonValue, shape, key, { file, fail });
}
