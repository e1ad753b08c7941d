/**
 * The generated kind of an RGD: its spec schema from SimpleSchema, its status schema from the
 * types of the status expressions, the CEL type of `schema`, and the CRD to register.
 */
import { InputError, messageOf } from '../../core/index.js';
import { OBJECT_META, DYN, STRING, type CelT, celTypeOf } from '../cel/types.js';
import { parseSchemalessResource, joinPath, type TemplateField } from '../expressions/schemaless.js';
import type { JSONSchemaProps } from '../schema/openapi-types.js';
import { isPlainObject } from '../schema/parse-field.js';
import { toOpenAPISpec } from '../schema/to-openapi.js';
import type { RgdSchema } from './rgd.js';

/** The instance's spec schema; throws an InputError when the SimpleSchema is invalid. */
export function buildInstanceSpecSchema(schema: RgdSchema): JSONSchemaProps {
  try {
    return toOpenAPISpec(schema.spec, schema.types);
  } catch (error) {
    throw new InputError(`failed to build OpenAPI schema for instance: spec.schema.spec: ${messageOf(error)}`, { cause: error });
  }
}

/** The CEL type of `schema` (the instance) in expressions. */
export function instanceCelType(spec: JSONSchemaProps, scope: 'Namespaced' | 'Cluster' = 'Namespaced'): CelT {
  let metadata = OBJECT_META;
  if (scope === 'Cluster' && OBJECT_META.k === 'object') {
    // A cluster-scoped instance has no namespace to read.
    const fields = Object.fromEntries(Object.entries(OBJECT_META.fields).filter(([name]) => name !== 'namespace'));
    metadata = { k: 'object', open: false, fields };
  }
  return { k: 'object', open: false, fields: { apiVersion: STRING, kind: STRING, metadata, spec: celTypeOf(spec), status: DYN } };
}

/** The status fields as expressions; every leaf must be a `${...}` string. */
export function collectStatusFields(status: Record<string, unknown>): TemplateField[] {
  let parsed;
  try {
    parsed = parseSchemalessResource(status);
  } catch (error) {
    throw new InputError(`instance status: ${messageOf(error)}`, { cause: error });
  }
  if (parsed.plainFieldPaths.length > 0) {
    throw new InputError(
      `status fields without expressions are not supported: ${parsed.plainFieldPaths.join(', ')}: ` +
        'status values must be ${...} expressions over the instance or its resources',
    );
  }
  return parsed.fields;
}

/** The OpenAPI schema of values of a CEL type (what a status field can hold). */
const SCALAR_SCHEMA_TYPE: Readonly<Record<string, string>> = {
  string: 'string',
  timestamp: 'string',
  duration: 'string',
  bytes: 'string',
  int: 'integer',
  uint: 'integer',
  double: 'number',
  bool: 'boolean',
};

export function schemaOfCelType(t: CelT): JSONSchemaProps {
  const scalar = SCALAR_SCHEMA_TYPE[t.k];
  if (scalar) return { type: scalar };
  switch (t.k) {
    case 'list':
      return { type: 'array', items: schemaOfCelType(t.elem) };
    case 'map':
      return { type: 'object', additionalProperties: schemaOfCelType(t.value) };
    case 'object':
      return { type: 'object', properties: Object.fromEntries(Object.entries(t.fields).map(([k, v]) => [k, schemaOfCelType(v)])) };
    case 'optional':
      return schemaOfCelType(t.inner);
    default:
      return { 'x-kubernetes-preserve-unknown-fields': true };
  }
}

/** Builds the status schema following the shape of `spec.schema.status`, with each leaf's inferred type. */
export function buildStatusSchema(status: Record<string, unknown>, types: ReadonlyMap<string, CelT>, path = ''): JSONSchemaProps {
  const properties: Record<string, JSONSchemaProps> = {};
  for (const [key, value] of Object.entries(status)) {
    const childPath = joinPath(path, key);
    properties[key] = isPlainObject(value) ? buildStatusSchema(value, types, childPath) : schemaOfCelType(types.get(childPath) ?? DYN);
  }
  return { type: 'object', properties };
}
