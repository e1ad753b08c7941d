/**
 * Static checks of a template against its kind's OpenAPI schema: literal values must have the
 * schema's types, and each field path can be looked up to type-check the expression written there.
 */
import { InputError } from '../../core/index.js';
import type { JSONSchemaProps } from '../schema/openapi-types.js';
import { isPlainObject } from '../schema/parse-field.js';
import { extractExpressions } from '../expressions/extract.js';
import { joinPath } from '../expressions/schemaless.js';
import { parseFieldPath } from './field-path.js';

function isSchemaless(s: JSONSchemaProps): boolean {
  return s['x-kubernetes-preserve-unknown-fields'] === true && !s.properties;
}

/**
 * The first field of `path` that a closed object schema does not declare (a typo such as
 * `spec.unknownField`), or undefined when the path is declared or leads into schemaless data.
 */
export function missingSchemaField(schema: JSONSchemaProps | undefined, path: string): string | undefined {
  let at = schema;
  for (const seg of parseFieldPath(path)) {
    if (!at || isSchemaless(at) || at['x-kubernetes-int-or-string']) return undefined;
    if (typeof seg === 'number') {
      at = at.items;
      continue;
    }
    const extra = typeof at.additionalProperties === 'object' ? at.additionalProperties : undefined;
    const next = at.properties?.[seg] ?? extra;
    if (!next && at.properties && at.additionalProperties !== true) return seg;
    at = next;
  }
  return undefined;
}

/** The schema that applies at a path, or undefined when the path leaves the schema (anything goes there). */
export function schemaAtPath(schema: JSONSchemaProps | undefined, path: string): JSONSchemaProps | undefined {
  let at = schema;
  for (const seg of parseFieldPath(path)) {
    if (!at || isSchemaless(at) || at['x-kubernetes-int-or-string']) return undefined;
    if (typeof seg === 'number') at = at.items;
    else at = at.properties?.[seg] ?? (typeof at.additionalProperties === 'object' ? at.additionalProperties : undefined);
  }
  return at;
}

function jsTypeOf(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return v === null ? 'null' : typeof v;
}

function literalFits(type: string, v: unknown): boolean {
  switch (type) {
    case 'array':
      return Array.isArray(v);
    case 'object':
      return isPlainObject(v);
    case 'string':
      // OpenAPI v2 declares Quantity as a plain string; the API server accepts numbers there.
      return typeof v === 'string' || typeof v === 'number';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number';
    case 'boolean':
      return typeof v === 'boolean';
    default:
      return true;
  }
}

function childrenOf(value: unknown, path: string): [unknown, string][] {
  if (Array.isArray(value)) return value.map((v, i) => [v, `${path}[${i}]`]);
  if (isPlainObject(value)) return Object.entries(value).map(([k, v]) => [v, joinPath(path, k)]);
  return [];
}

/**
 * Checks literal values of a template against the schema: `spec.cidrBlocks: "10.0.0.0/16"` where
 * the schema wants an array fails. Strings holding `${...}` are left to the type-checker.
 */
export function validateLiteralTypes(value: unknown, schema: JSONSchemaProps | undefined, path: string): void {
  if (!schema || value === null || isSchemaless(schema) || schema['x-kubernetes-int-or-string']) return;
  if (typeof value === 'string' && extractExpressions(value).length > 0) return;
  if (schema.type && !literalFits(schema.type, value)) {
    throw new InputError(`expected ${schema.type} type for path ${path}, got ${jsTypeOf(value)}`);
  }
  for (const [child, childPath] of childrenOf(value, path)) {
    const childSchema = schemaAtPath(schema, childPath.slice(path.length));
    validateLiteralTypes(child, childSchema, childPath);
  }
}
