/**
 * Normalizes an OpenAPI schema from discovery for the type-checker: `allOf` members merged,
 * int-or-string in its v2 (`format: int-or-string`) and v3 (`anyOf`) spellings marked
 * `x-kubernetes-int-or-string`, and what cannot be followed (`$ref` left unresolved, other
 * `anyOf`/`oneOf`, recursion) turned into "anything", so it is never wrongly rejected.
 */
import type { JSONSchemaProps } from './openapi-types.js';

const MAX_DEPTH = 40;

function isIntOrString(s: JSONSchemaProps): boolean {
  if (s['x-kubernetes-int-or-string'] || s.format === 'int-or-string') return true;
  const alternatives = (s.anyOf ?? s.oneOf) as JSONSchemaProps[] | undefined;
  const types = new Set((alternatives ?? []).map((a) => a.type));
  return types.has('integer') && types.has('string');
}

function mergeAllOf(s: JSONSchemaProps): JSONSchemaProps {
  const parts = s.allOf as JSONSchemaProps[] | undefined;
  if (!Array.isArray(parts)) return s;
  const rest: JSONSchemaProps = { ...s };
  delete rest.allOf;
  return parts.reduce<JSONSchemaProps>((acc, p) => ({ ...p, ...acc, properties: { ...(p.properties ?? {}), ...(acc.properties ?? {}) } }), rest);
}

function normalizeNode(s: JSONSchemaProps, depth: number, seen: Set<object>): JSONSchemaProps {
  if (depth > MAX_DEPTH || seen.has(s)) return { 'x-kubernetes-preserve-unknown-fields': true };
  if (isIntOrString(s)) return { 'x-kubernetes-int-or-string': true, ...(s.description ? { description: s.description } : {}) };
  const merged = mergeAllOf(s);
  if (merged.$ref !== undefined || merged.anyOf !== undefined || merged.oneOf !== undefined) return { 'x-kubernetes-preserve-unknown-fields': true };
  seen.add(s);
  const out = normalizeChildren(merged, depth, seen);
  seen.delete(s);
  return out;
}

function normalizeChildren(merged: JSONSchemaProps, depth: number, seen: Set<object>): JSONSchemaProps {
  const out: JSONSchemaProps = { ...merged };
  const props = Object.entries(merged.properties ?? {});
  if (props.length > 0) out.properties = Object.fromEntries(props.map(([k, v]) => [k, normalizeNode(v, depth + 1, seen)]));
  else delete out.properties;
  if (merged.items && typeof merged.items === 'object') out.items = normalizeNode(merged.items, depth + 1, seen);
  if (typeof merged.additionalProperties === 'object') out.additionalProperties = normalizeNode(merged.additionalProperties, depth + 1, seen);
  return out;
}

/** A copy of `schema` the builder can type-check against (see the file comment). */
export function normalizeSchema(schema: JSONSchemaProps): JSONSchemaProps {
  return normalizeNode(schema, 0, new Set());
}
