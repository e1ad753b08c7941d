/**
 * CRD synthesis: the CustomResourceDefinition (apiextensions.k8s.io/v1 JSON) kro registers for the
 * kind an RGD declares, with kro's default status fields and printer columns.
 */
import type { JSONSchemaProps } from './openapi-types.js';

/** A printer column of a CRD version. */
export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  description?: string;
  priority?: number;
  format?: string;
}

/** The parts of an RGD's `spec.schema` that shape the CRD beyond its OpenAPI schema. */
export interface CrdOptions {
  additionalPrinterColumns?: PrinterColumn[];
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  shortNames?: string[];
  categories?: string[];
}

/** `status.state` as kro declares it. */
export const DEFAULT_STATE_SCHEMA: JSONSchemaProps = { type: 'string' };

/** `status.conditions` as kro declares it. */
export const DEFAULT_CONDITIONS_SCHEMA: JSONSchemaProps = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      type: { type: 'string' },
      status: { type: 'string' },
      reason: { type: 'string' },
      message: { type: 'string' },
      lastTransitionTime: { type: 'string' },
      observedGeneration: { type: 'integer' },
    },
  },
};

/** Printer columns every generated kind gets unless the RGD lists its own. */
export const DEFAULT_PRINTER_COLUMNS: PrinterColumn[] = [
  { name: 'State', description: 'The state of a ResourceGraphDefinition instance', type: 'string', jsonPath: '.status.state' },
  {
    name: 'Ready',
    description: 'Whether a ResourceGraphDefinition instance is ready',
    type: 'string',
    jsonPath: '.status.conditions[?(@.type=="Ready")].status',
  },
  { name: 'Age', description: 'Age of the resource', type: 'date', jsonPath: '.metadata.creationTimestamp' },
];

const IRREGULAR: Readonly<Record<string, string>> = { person: 'people', man: 'men', child: 'children', mouse: 'mice', index: 'indices' };

/** English plural of a lower-case kind, as kro's pluralizer (flect) makes it for ordinary names. */
export function pluralize(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular) return irregular;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

/** The full CRD schema: apiVersion, kind, metadata, spec and status (with state and conditions when `statusFieldsOverride`). */
export function newCRDSchema(spec: JSONSchemaProps, status: JSONSchemaProps, statusFieldsOverride: boolean): JSONSchemaProps {
  const properties = { ...(status.properties ?? {}) };
  if (statusFieldsOverride) {
    properties.state ??= structuredClone(DEFAULT_STATE_SCHEMA);
    properties.conditions ??= structuredClone(DEFAULT_CONDITIONS_SCHEMA);
  }
  return {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      spec,
      status: { ...status, properties },
    },
  };
}

/** Input of newCRD. */
export interface NewCrdInput {
  group: string;
  version: string;
  kind: string;
  scope: 'Namespaced' | 'Cluster';
  schema: JSONSchemaProps;
  options?: CrdOptions;
}

function nonEmpty<T extends object>(v: T | undefined): T | undefined {
  return v && Object.keys(v).length > 0 ? v : undefined;
}

/** Builds the CRD object for a generated kind. */
export function newCRD(input: NewCrdInput): Record<string, unknown> {
  const plural = pluralize(input.kind.toLowerCase());
  const o = input.options ?? {};
  const metadata: Record<string, unknown> = { name: `${plural}.${input.group}` };
  const labels = nonEmpty(o.metadata?.labels);
  const annotations = nonEmpty(o.metadata?.annotations);
  if (labels) metadata.labels = labels;
  if (annotations) metadata.annotations = annotations;
  const names: Record<string, unknown> = { kind: input.kind, listKind: `${input.kind}List`, plural, singular: input.kind.toLowerCase() };
  if (o.shortNames?.length) names.shortNames = o.shortNames;
  if (o.categories?.length) names.categories = o.categories;
  const columns = o.additionalPrinterColumns?.length ? o.additionalPrinterColumns : DEFAULT_PRINTER_COLUMNS;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata,
    spec: {
      group: input.group,
      names,
      scope: input.scope,
      versions: [
        {
          name: input.version,
          served: true,
          storage: true,
          schema: { openAPIV3Schema: input.schema },
          subresources: { status: {} },
          additionalPrinterColumns: structuredClone(columns),
        },
      ],
    },
  };
}

/** Input of synthesizeCRD. */
export interface SynthesizeCrdInput {
  group: string;
  version: string;
  kind: string;
  scope: 'Namespaced' | 'Cluster';
  spec: JSONSchemaProps;
  status: JSONSchemaProps;
  statusFieldsOverride: boolean;
  options?: CrdOptions;
}

/** The CRD kro registers for an RGD's kind: newCRD over newCRDSchema. */
export function synthesizeCRD(input: SynthesizeCrdInput): Record<string, unknown> {
  const schema = newCRDSchema(input.spec, input.status, input.statusFieldsOverride);
  return newCRD({ group: input.group, version: input.version, kind: input.kind, scope: input.scope, schema, options: input.options });
}
