/**
 * Whether a value of a CEL type can be written to a field of an OpenAPI schema: the structural
 * check kro applies to standalone expressions (a list is not a string; an object may carry only
 * fields the target declares; scalar kinds must agree).
 */
import type { JSONSchemaProps } from '../schema/openapi-types.js';
import { formatType, type CelT } from './types.js';

const SCALAR_KIND: Readonly<Record<string, readonly string[]>> = {
  string: ['string'],
  integer: ['int', 'uint'],
  number: ['int', 'uint', 'double'],
  boolean: ['bool'],
};

function isAnything(s: JSONSchemaProps): boolean {
  if (s['x-kubernetes-int-or-string'] || s['x-kubernetes-preserve-unknown-fields']) return true;
  return s.type === undefined || (s.type === 'object' && !s.properties && s.additionalProperties === undefined);
}

const CEL_SCALARS = new Set(['string', 'int', 'uint', 'double', 'bool', 'bytes', 'timestamp', 'duration']);

function scalarMismatch(t: CelT, s: JSONSchemaProps, path: string): string {
  const what = CEL_SCALARS.has(t.k) ? 'kind mismatch' : 'type mismatch';
  return `${what} at ${path}: expression returns ${formatType(t)}, the field expects ${s.type ?? ''}`;
}

function fieldsMismatch(t: Extract<CelT, { k: 'object' }>, s: JSONSchemaProps, path: string): string | undefined {
  const extra = typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
  for (const [name, ft] of Object.entries(t.fields)) {
    const fieldSchema = s.properties?.[name] ?? extra;
    if (!fieldSchema) return `field "${name}" exists in output but not in expected type at ${path}: remove it or map the fields explicitly`;
    const err = assignabilityError(ft, fieldSchema, `${path}.${name}`);
    if (err) return err;
  }
  return undefined;
}

function objectMismatch(t: CelT, s: JSONSchemaProps, path: string): string | undefined {
  if (t.k !== 'object' && t.k !== 'map') return `type mismatch at ${path}: expression returns ${formatType(t)}, the field expects an object`;
  const extra = typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
  if (t.k === 'map') {
    const target = extra ?? (s.properties ? undefined : {});
    return target ? assignabilityError(t.value, target, `${path}[*]`) : undefined;
  }
  return fieldsMismatch(t, s, path);
}

/**
 * Why a value of type `t` cannot be written where `s` applies (undefined when it can).
 * Unknown types (dyn) and schemaless targets always fit; an optional fits as its inner type.
 */
export function assignabilityError(t: CelT, s: JSONSchemaProps | undefined, path: string): string | undefined {
  if (t.k === 'optional') return assignabilityError(t.inner, s, path);
  if (!s || t.k === 'dyn' || t.k === 'null' || isAnything(s)) return undefined;
  const kinds = SCALAR_KIND[s.type ?? ''];
  if (kinds) return kinds.includes(t.k) ? undefined : scalarMismatch(t, s, path);
  if (s.type === 'array') {
    if (t.k !== 'list') return `type mismatch at ${path}: expression returns ${formatType(t)}, the field expects an array`;
    return assignabilityError(t.elem, s.items, `${path}[*]`);
  }
  if (s.type === 'object') return objectMismatch(t, s, path);
  return undefined;
}
