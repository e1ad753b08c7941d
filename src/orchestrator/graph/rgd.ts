/**
 * The ResourceGraphDefinition (kro.run/v1alpha1) as the builder reads it, with the shape checks
 * that come before any meaning: objects where objects belong, strings where strings belong.
 */
import { InputError } from '../../core/index.js';
import { isPlainObject } from '../schema/parse-field.js';
import type { CrdOptions } from '../schema/crd.js';

/** One `spec.resources[]` entry as written. */
export interface RgdResource {
  id: string;
  template?: Record<string, unknown>;
  externalRef?: Record<string, unknown>;
  readyWhen: string[];
  includeWhen: string[];
  /** Each dimension maps one iterator name to a `${...}` list expression. */
  forEach: Record<string, string>[];
}

/** `spec.schema` as written. */
export interface RgdSchema {
  apiVersion: string;
  kind: string;
  group: string;
  scope: 'Namespaced' | 'Cluster';
  spec: Record<string, unknown>;
  status: Record<string, unknown>;
  types: Record<string, unknown>;
  crdOptions: CrdOptions;
}

/** The parts of an RGD the builder uses. */
export interface RgdSpec {
  name: string;
  schema: RgdSchema;
  resources: RgdResource[];
}

function objectAt(v: unknown, what: string): Record<string, unknown> {
  if (v === undefined || v === null) return {};
  if (!isPlainObject(v)) throw new InputError(`${what} must be an object`);
  return v;
}

function stringList(v: unknown, what: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new InputError(`${what} must be a list of strings`);
  return v as string[];
}

function readResource(raw: unknown, index: number): RgdResource {
  const r = objectAt(raw, `spec.resources[${index}]`);
  const id = typeof r.id === 'string' ? r.id : '';
  const where = `resource ${JSON.stringify(id || `#${index}`)}`;
  const forEach = (Array.isArray(r.forEach) ? r.forEach : []).map((d, i) => {
    const dim = objectAt(d, `${where} forEach[${i}]`);
    if (Object.values(dim).some((x) => typeof x !== 'string')) throw new InputError(`${where} forEach[${i}]: values must be \${...} strings`);
    return dim as Record<string, string>;
  });
  return {
    id,
    template: r.template === undefined ? undefined : objectAt(r.template, `${where} template`),
    externalRef: r.externalRef === undefined ? undefined : objectAt(r.externalRef, `${where} externalRef`),
    readyWhen: stringList(r.readyWhen, `${where} readyWhen`),
    includeWhen: stringList(r.includeWhen, `${where} includeWhen`),
    forEach,
  };
}

function readSchema(raw: unknown): RgdSchema {
  const s = objectAt(raw, 'spec.schema');
  const metadata = objectAt(s.metadata, 'spec.schema.metadata');
  return {
    apiVersion: typeof s.apiVersion === 'string' ? s.apiVersion : '',
    kind: typeof s.kind === 'string' ? s.kind : '',
    group: typeof s.group === 'string' && s.group !== '' ? s.group : 'kro.run',
    scope: s.scope === 'Cluster' ? 'Cluster' : 'Namespaced',
    spec: objectAt(s.spec, 'spec.schema.spec'),
    status: objectAt(s.status, 'spec.schema.status'),
    types: objectAt(s.types, 'spec.schema.types'),
    crdOptions: {
      additionalPrinterColumns: Array.isArray(s.additionalPrinterColumns) ? (s.additionalPrinterColumns as CrdOptions['additionalPrinterColumns']) : undefined,
      metadata: { labels: metadata.labels as Record<string, string> | undefined, annotations: metadata.annotations as Record<string, string> | undefined },
    },
  };
}

/** Reads an RGD object (JSON/YAML-parsed); throws an InputError saying which part has the wrong shape. */
export function readRgd(rgd: unknown): RgdSpec {
  const o = objectAt(rgd, 'the ResourceGraphDefinition');
  const metadata = objectAt(o.metadata, 'metadata');
  const spec = objectAt(o.spec, 'spec');
  const resources = spec.resources === undefined ? [] : spec.resources;
  if (!Array.isArray(resources)) throw new InputError('spec.resources must be a list');
  return {
    name: typeof metadata.name === 'string' ? metadata.name : '',
    schema: readSchema(spec.schema),
    resources: resources.map(readResource),
  };
}
