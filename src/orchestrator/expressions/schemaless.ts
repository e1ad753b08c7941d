/**
 * Finds every field of a template (any JSON value) that holds `${...}` expressions, with its path in
 * kro's notation (`spec.containers[0].image`, `metadata.annotations["a.b/c"]`).
 */
import { buildStringTemplate, extractExpressions, standaloneMatch } from './extract.js';

/** A field holding expressions: `expression` is ready for CEL (a string template is a concatenation). */
export interface TemplateField {
  path: string;
  expression: string;
  /** The raw `${...}` bodies, in order. */
  expressions: string[];
  standalone: boolean;
}

/** The result of scanning a template. */
export interface SchemalessParse {
  fields: TemplateField[];
  /** Paths of leaf values that hold no expression. */
  plainFieldPaths: string[];
}

/** Appends a map key to a path in kro's notation. */
export function joinPath(path: string, key: string): string {
  if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

function walk(value: unknown, path: string, out: SchemalessParse): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) walk(v, joinPath(path, k), out);
  } else if (typeof value === 'string') {
    walkString(value, path, out);
  } else {
    out.plainFieldPaths.push(path);
  }
}

function walkString(value: string, path: string, out: SchemalessParse): void {
  const matches = extractExpressions(value);
  if (matches.length === 0) {
    out.plainFieldPaths.push(path);
    return;
  }
  const only = standaloneMatch(value, matches);
  const expression = only ? only.expr : buildStringTemplate(value, matches);
  out.fields.push({ path, expression, expressions: matches.map((m) => m.expr), standalone: only !== undefined });
}

/** Scans a template for expression fields; throws NestedExpressionError for `${a(${b})}`. */
export function parseSchemalessResource(resource: unknown): SchemalessParse {
  const out: SchemalessParse = { fields: [], plainFieldPaths: [] };
  walk(resource, '', out);
  return out;
}
