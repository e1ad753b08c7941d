/**
 * Static checks of a template against its kind's OpenAPI schema: literal values must have the
 * schema's types, and each field path can be looked up to type-check the expression written there.
 */
import { InputError } from '../../core/index.js';
import { matchesSchemaType } from '../schema/markers.js';
import type { JSONSchemaProps } from '../schema/openapi-types.js';
import { isPlainObject } from '../schema/parse-field.js';
import { extractExpressions } from '../expressions/extract.js';
import { joinPath } from '../expressions/schemaless.js';
import { parseFieldPath, type PathSegment } from './field-path.js';

function isSchemaless(s: JSONSchemaProps): boolean {
  return s['x-kubernetes-preserve-unknown-fields'] === true && !s.properties;
}

/** Whether nothing below this schema is described (schemaless data, or int-or-string). */
function isOpaque(s: JSONSchemaProps): boolean {
  return isSchemaless(s) || Boolean(s['x-kubernetes-int-or-string']);
}

/** The schema one step below `at`: a list's items, or an object's property (else its additionalProperties schema). */
function childSchema(at: JSONSchemaProps, seg: PathSegment): JSONSchemaProps | undefined {
  if (typeof seg === 'number') return at.items;
  return at.properties?.[seg] ?? (typeof at.additionalProperties === 'object' ? at.additionalProperties : undefined);
}

/**
 * What a field path finds in a schema: the schema there, and `missing`, the first field a closed
 * object schema does not declare (a typo such as `spec.unknownField`).
 */
export interface SchemaLookup {
  schema: JSONSchemaProps | undefined;
  missing?: string;
}

/** Walks `path` down `schema` once; leading into schemaless data ends the walk with no schema (anything goes there). */
export function lookupSchemaPath(schema: JSONSchemaProps | undefined, path: string): SchemaLookup {
  let at = schema;
  for (const seg of parseFieldPath(path)) {
    if (!at || isOpaque(at)) return { schema: undefined };
    const next = childSchema(at, seg);
    if (!next && typeof seg === 'string' && at.properties && at.additionalProperties !== true) return { schema: undefined, missing: seg };
    at = next;
  }
  return { schema: at };
}

/** The schema that applies at a path, or undefined when the path leaves the schema (anything goes there). */
export function schemaAtPath(schema: JSONSchemaProps | undefined, path: string): JSONSchemaProps | undefined {
  return lookupSchemaPath(schema, path).schema;
}

function jsTypeOf(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return v === null ? 'null' : typeof v;
}

function literalFits(type: string, v: unknown): boolean {
  // OpenAPI v2 declares Quantity as a plain string; the API server accepts numbers there.
  if (type === 'string') return typeof v === 'string' || typeof v === 'number';
  return matchesSchemaType(type, v);
}

/** Each child value with its path step and its full path. */
function childrenOf(value: unknown, path: string): [unknown, PathSegment, string][] {
  if (Array.isArray(value)) return value.map((v, i) => [v, i, `${path}[${i}]`]);
  if (isPlainObject(value)) return Object.entries(value).map(([k, v]) => [v, k, joinPath(path, k)]);
  return [];
}

/**
 * Checks literal values of a template against the schema: `spec.cidrBlocks: "10.0.0.0/16"` where
 * the schema wants an array fails. Strings holding `${...}` are left to the type-checker.
 */
export function validateLiteralTypes(value: unknown, schema: JSONSchemaProps | undefined, path: string): void {
  if (!schema || value === null || isOpaque(schema)) return;
  if (typeof value === 'string' && extractExpressions(value).length > 0) return;
  if (schema.type && !literalFits(schema.type, value)) {
    throw new InputError(`expected ${schema.type} type for path ${path}, got ${jsTypeOf(value)}`);
  }
  for (const [child, seg, childPath] of childrenOf(value, path)) validateLiteralTypes(child, childSchema(schema, seg), childPath);
}
