/** kro's naming and structure rules for an RGD, checked before expressions are looked at. */
import { InputError } from '../../core/index.js';
import { isPlainObject } from '../schema/parse-field.js';
import type { RgdResource, RgdSpec } from './rgd.js';

const LOWER_CAMEL = /^[a-z][a-zA-Z0-9]*$/;
const UPPER_CAMEL = /^[A-Z][a-zA-Z0-9]*$/;
const KUBE_VERSION = /^v\d+(?:(?:alpha|beta)\d+)?$/;

const CEL_RESERVED = ['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while'];
const KRO_RESERVED = [
  'apiVersion', 'context', 'dependency', 'dependencies', 'each', 'externalRef', 'externalReference', 'externalRefs',
  'externalReferences', 'graph', 'graphengine', 'instance', 'item', 'items', 'kind', 'kro', 'metadata', 'namespace',
  'object', 'resource', 'resourcegraphdefinition', 'resourceGraphDefinition', 'resources', 'root', 'runtime', 'schema',
  'self', 'serviceAccountName', 'spec', 'status', 'this', 'variables', 'vars', 'version',
];

/** Words no resource id or iterator may use. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([...CEL_RESERVED, ...KRO_RESERVED]);

/** Label and annotation prefixes kro keeps for itself. */
export const KRO_OWNED_PREFIXES = ['kro.run/', 'internal.kro.run/'];

function validateIds(ids: string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (RESERVED_WORDS.has(id)) throw new InputError(`naming convention violation: id ${id} is a reserved keyword in KRO: choose another id`);
    if (!LOWER_CAMEL.test(id)) {
      throw new InputError(`naming convention violation: id ${JSON.stringify(id)} is not a valid KRO resource id: must be lower camelCase (e.g. vpc1 or mainVpc)`);
    }
    if (seen.has(id)) throw new InputError(`naming convention violation: found duplicate resource IDs ${id}: ids must be unique`);
    seen.add(id);
  }
}

function validateForEach(r: RgdResource, ids: ReadonlySet<string>, maxDimensions: number): void {
  const where = `resource ${JSON.stringify(r.id)}`;
  if (r.forEach.length > maxDimensions) throw new InputError(`${where}: forEach cannot have more than ${maxDimensions} dimensions, got ${r.forEach.length}`);
  const seen = new Set<string>();
  for (const name of r.forEach.flatMap((d) => Object.keys(d))) {
    if (!LOWER_CAMEL.test(name)) throw new InputError(`${where}: forEach iterator name ${JSON.stringify(name)} is not valid: must be lowerCamelCase`);
    if (RESERVED_WORDS.has(name)) throw new InputError(`${where}: forEach iterator name ${JSON.stringify(name)} is a reserved keyword`);
    if (ids.has(name)) throw new InputError(`${where}: forEach iterator name ${JSON.stringify(name)} conflicts with resource ID`);
    if (seen.has(name)) throw new InputError(`${where}: duplicate forEach iterator name ${JSON.stringify(name)}`);
    seen.add(name);
  }
}

/** Checks the kind, version, ids and forEach iterators; throws an InputError saying what to rename. */
export function validateRgdNaming(rgd: RgdSpec, maxDimensions: number): void {
  const { kind, apiVersion } = rgd.schema;
  if (!UPPER_CAMEL.test(kind)) throw new InputError(`naming convention violation: kind '${kind}' is not a valid KRO kind name: must be UpperCamelCase`);
  if (!KUBE_VERSION.test(apiVersion)) throw new InputError(`schema apiVersion ${JSON.stringify(apiVersion)} is not a valid Kubernetes version: use v1, v1alpha1, v2beta1, ...`);
  const ids = rgd.resources.map((r) => r.id);
  validateIds(ids);
  const idSet = new Set(ids);
  for (const r of rgd.resources) validateForEach(r, idSet, maxDimensions);
}

/** Exactly one of template and externalRef; no externalRef with forEach. */
export function validateResourceShape(r: RgdResource): void {
  const where = `resource ${JSON.stringify(r.id)}`;
  if (!r.template && !r.externalRef) throw new InputError(`${where}: exactly one of template or externalRef must be provided`);
  if (r.template && r.externalRef) throw new InputError(`${where}: cannot use externalRef with template: keep one`);
  if (r.externalRef && r.forEach.length > 0) throw new InputError(`${where}: cannot use externalRef with forEach`);
}

/** apiVersion, kind (strings) and metadata (an object), as every Kubernetes object has. */
export function validateObjectStructure(id: string, obj: Record<string, unknown>): void {
  const bad = (why: string): never => {
    throw new InputError(`resource ${JSON.stringify(id)} is not a valid Kubernetes object: ${why}`);
  };
  if (!('apiVersion' in obj)) bad('apiVersion field not found');
  if (typeof obj.apiVersion !== 'string') bad('apiVersion field is not a string');
  if (!('kind' in obj)) bad('kind field not found');
  if (typeof obj.kind !== 'string') bad('kind field is not a string');
  if (!('metadata' in obj)) bad('metadata field not found');
  if (!isPlainObject(obj.metadata)) bad('metadata field is not a map');
}

/** Refuses labels and annotations under kro's own prefixes. */
export function validateNoKroOwnedMetadata(id: string, metadata: Record<string, unknown>): void {
  for (const field of ['labels', 'annotations'] as const) {
    const map = metadata[field];
    if (!isPlainObject(map)) continue;
    for (const key of Object.keys(map)) {
      const prefix = KRO_OWNED_PREFIXES.find((p) => key.startsWith(p));
      if (prefix) throw new InputError(`invalid ${field.slice(0, -1)} ${key} for resource ${JSON.stringify(id)}: ${field} with prefix ${JSON.stringify(prefix)} are reserved for internal use`);
    }
  }
}
