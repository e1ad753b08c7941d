/**
 * Reads an apiserver's /openapi/v2 document into what the graph builder type-checks against: one
 * self-contained schema per group/version/kind, `$ref`s inlined (a recursive reference, as in
 * JSONSchemaProps, becomes an object that preserves unknown fields) and Swagger's int-or-string
 * format (and Quantity, a string in v2 but int-or-string in v3, as kro sees it) turned into the
 * structural-schema marker.
 */
import type { GroupVersionKind } from '../graph/types.js';

type Schema = Record<string, unknown>;

/** The parts of a Swagger 2 document used here. */
export interface OpenApiV2 {
  definitions?: Record<string, Schema>;
}

const gvkKey = (g: GroupVersionKind): string => `${g.group}/${g.version}/${g.kind}`;

/** Maps every definition that declares x-kubernetes-group-version-kind to its definition name. */
export function indexDefinitions(doc: OpenApiV2): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, def] of Object.entries(doc.definitions ?? {})) {
    const gvks = def['x-kubernetes-group-version-kind'] as GroupVersionKind[] | undefined;
    for (const g of gvks ?? []) {
      const key = gvkKey({ group: g.group ?? '', version: g.version, kind: g.kind });
      // List kinds and the like share GVKs rarely; the first (non-List) definition wins.
      if (!out.has(key)) out.set(key, name);
    }
  }
  return out;
}

/** The inlined schema of one kind, or undefined when the document does not describe it. */
export function schemaForKind(doc: OpenApiV2, index: Map<string, string>, gvk: GroupVersionKind): Schema | undefined {
  const name = index.get(gvkKey(gvk));
  if (!name) return undefined;
  return inline(doc, name, new Set());
}

/** Definitions OpenAPI v2 describes as strings that the apiserver (and v3) accept as numbers too. */
const INT_OR_STRING = new Set(['io.k8s.apimachinery.pkg.api.resource.Quantity', 'io.k8s.apimachinery.pkg.util.intstr.IntOrString']);

function inline(doc: OpenApiV2, name: string, stack: Set<string>): Schema {
  if (INT_OR_STRING.has(name)) return { 'x-kubernetes-int-or-string': true };
  const def = doc.definitions?.[name];
  if (!def || stack.has(name)) return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  stack.add(name);
  const out = convert(doc, def, stack);
  stack.delete(name);
  return out;
}

function convert(doc: OpenApiV2, node: Schema, stack: Set<string>): Schema {
  const ref = node.$ref;
  if (typeof ref === 'string') return inline(doc, ref.replace(/^#\/definitions\//, ''), stack);
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'x-kubernetes-group-version-kind' || key === 'description') continue;
    out[key] = convertChild(doc, key, value, stack);
  }
  if (out.format === 'int-or-string') {
    delete out.format;
    delete out.type;
    out['x-kubernetes-int-or-string'] = true;
  }
  return out;
}

function convertChild(doc: OpenApiV2, key: string, value: unknown, stack: Set<string>): unknown {
  if (key === 'properties' && value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, Schema>).map(([k, v]) => [k, convert(doc, v, stack)]));
  }
  if ((key === 'items' || key === 'additionalProperties') && value && typeof value === 'object') return convert(doc, value as Schema, stack);
  if ((key === 'allOf' || key === 'oneOf' || key === 'anyOf') && Array.isArray(value)) return value.map((v) => convert(doc, v as Schema, stack));
  return value;
}
