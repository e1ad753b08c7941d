/**
 * The CEL types the type-checker reasons about, and how OpenAPI schemas (the instance's from
 * SimpleSchema, a resource's from discovery) map onto them.
 */
import type { JSONSchemaProps } from '../schema/openapi-types.js';

/** A CEL type: primitives, list, map (string keys), object (known fields), optional, or dyn (anything). */
export type CelT =
  | { k: 'dyn' | 'string' | 'int' | 'uint' | 'double' | 'bool' | 'bytes' | 'null' | 'timestamp' | 'duration' }
  | { k: 'list'; elem: CelT }
  | { k: 'map'; value: CelT }
  | { k: 'object'; fields: Record<string, CelT>; open: boolean }
  | { k: 'optional'; inner: CelT };

export const DYN: CelT = { k: 'dyn' };
export const STRING: CelT = { k: 'string' };
export const INT: CelT = { k: 'int' };
export const BOOL: CelT = { k: 'bool' };
export const DOUBLE: CelT = { k: 'double' };

/** The type inside an optional (`a.?b` is optional(T): T); any other type as it is. */
export function unwrapOptional(t: CelT): CelT {
  return t.k === 'optional' ? t.inner : t;
}

/** A list of `elem`. */
export function listOf(elem: CelT): CelT {
  return { k: 'list', elem };
}

/** A map from string to `value`. */
export function mapOf(value: CelT): CelT {
  return { k: 'map', value };
}

/** Kubernetes ObjectMeta as CEL sees it (every object's `metadata`). */
export const OBJECT_META: CelT = {
  k: 'object',
  open: false,
  fields: {
    name: STRING,
    namespace: STRING,
    generateName: STRING,
    uid: STRING,
    resourceVersion: STRING,
    generation: INT,
    creationTimestamp: STRING,
    deletionTimestamp: STRING,
    deletionGracePeriodSeconds: INT,
    labels: mapOf(STRING),
    annotations: mapOf(STRING),
    finalizers: listOf(STRING),
    ownerReferences: listOf(DYN),
    managedFields: listOf(DYN),
  },
};

const MAX_DEPTH = 40;

function objectFromSchema(s: JSONSchemaProps, depth: number): CelT {
  const open = s['x-kubernetes-preserve-unknown-fields'] === true;
  if (s.properties && Object.keys(s.properties).length > 0) {
    const fields: Record<string, CelT> = {};
    for (const [name, child] of Object.entries(s.properties)) fields[name] = celTypeOf(child, depth + 1);
    return { k: 'object', fields, open };
  }
  if (typeof s.additionalProperties === 'object') return mapOf(celTypeOf(s.additionalProperties, depth + 1));
  return s.additionalProperties === true ? mapOf(DYN) : DYN;
}

/** The CEL type of values that satisfy an OpenAPI schema. */
export function celTypeOf(schema: JSONSchemaProps | undefined, depth = 0): CelT {
  if (!schema || depth > MAX_DEPTH || schema['x-kubernetes-int-or-string']) return DYN;
  switch (schema.type) {
    case 'string':
      return STRING;
    case 'integer':
      return INT;
    case 'number':
      return DOUBLE;
    case 'boolean':
      return BOOL;
    case 'array':
      return listOf(celTypeOf(schema.items, depth + 1));
    case 'object':
      return objectFromSchema(schema, depth);
    default:
      return schema.properties ? objectFromSchema(schema, depth) : DYN;
  }
}

/** The type of a Kubernetes object of this schema: metadata is always ObjectMeta. */
export function objectTypeOf(schema: JSONSchemaProps | undefined): CelT {
  const t = celTypeOf(schema);
  const fields = t.k === 'object' ? t.fields : { apiVersion: STRING, kind: STRING };
  return { k: 'object', fields: { ...fields, metadata: OBJECT_META }, open: t.k === 'object' ? t.open : true };
}

/** The most specific type covering both (dyn where they disagree). */
export function joinTypes(a: CelT, b: CelT): CelT {
  if (a.k === 'dyn' || a.k === 'null') return b;
  if (b.k === 'dyn' || b.k === 'null') return a;
  if (a.k === 'list' && b.k === 'list') return listOf(joinTypes(a.elem, b.elem));
  if (a.k === 'map' && b.k === 'map') return mapOf(joinTypes(a.value, b.value));
  if (a.k === 'optional' && b.k === 'optional') return { k: 'optional', inner: joinTypes(a.inner, b.inner) };
  return a.k === b.k ? a : DYN;
}

/** A short rendering for messages: `list(string)`, `map(string, int)`, `object{name, image}`. */
export function formatType(t: CelT): string {
  switch (t.k) {
    case 'list':
      return `list(${formatType(t.elem)})`;
    case 'map':
      return `map(string, ${formatType(t.value)})`;
    case 'object':
      return `object{${Object.keys(t.fields).join(', ')}}`;
    case 'optional':
      return `optional(${formatType(t.inner)})`;
    default:
      return t.k;
  }
}
